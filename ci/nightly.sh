#!/bin/sh
# One night of the nightly performance CI, for cron, a systemd timer or any
# CI system: installs what is missing, builds irqlab, then runs
#   irqlab nightly [NIGHT] [options]
# (build the kernel, run the night's scenarios per mode, report, compare
# with the last good night, publish, gate). Exit status: 0 when the gate
# passes, 1 for a regression or a broken night (the reason is the last
# line), and also 1 for any other error (a build that fails, a bad night
# file); 2 for a bad command line. Examples:
#   ci/nightly.sh                                  nightly/nights/nightly.night
#   ci/nightly.sh tests/nights/short.night         a night in a few minutes
#   ci/nightly.sh nightly --publish /srv/www/irqlab
set -eu
exec "$(cd "$(dirname "$0")/.." && pwd)/run-bench.sh" nightly "$@"
