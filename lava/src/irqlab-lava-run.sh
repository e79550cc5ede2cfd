#!/bin/sh
# irqlab-lava-run NAME [irqlab scenario run arguments]: runs the ramdisk's
# scenario NAME into /tmp/run and says how it ended in a line the LAVA job
# matches ("irqlab-lava: run ok" or "irqlab-lava: run failed ...").
name=$1
shift
rm -rf /tmp/run
irqlab scenario run "/irqlab/scenarios/$name.scenario" --out /tmp/run \
  --scratch-dir /tmp/irqlab-scratch --state-dir /tmp/irqlab-state \
  --microbench /usr/bin/irqlab-microbench "$@"
status=$?
if [ "$status" -eq 0 ] && [ -d /tmp/run ]; then
  echo "irqlab-lava: run ok"
else
  echo "irqlab-lava: run failed with exit status $status"
fi
