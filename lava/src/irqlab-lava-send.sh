#!/bin/sh
# irqlab-lava-send: prints /tmp/run on the console as a gzipped tar in
# base64 between two marker lines, with its SHA-256 and size, so that
# `irqlab lava collect` can take it from the job's log (a local lava-run's
# output or `lavacli jobs logs`) and check it arrived whole.
# Kernel messages would interleave with the lines: keep them off the console.
dmesg -n 1
cd /tmp || exit 1
if ! tar czf /tmp/run.tgz run; then
  echo "irqlab-lava: send failed: cannot pack /tmp/run"
  exit 1
fi
sum=$(sha256sum /tmp/run.tgz)
sum=${sum%% *}
echo "irqlab-records-begin $sum $(wc -c </tmp/run.tgz)"
base64 /tmp/run.tgz
echo "irqlab-records-end $sum"
