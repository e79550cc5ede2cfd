#!/bin/sh
# Runs the unit and cli tests of the sanitizer tree (test preset "debug").
# A failure prints the names of the failed tests first and then their output
# from a second run of those tests alone, so the start of the output (what a
# CI excerpt keeps) names the culprit, and a failure seen only under load
# shows as such. Either way a failure fails.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
ctest=${1:-ctest}
log=build-debug/sanitize-tests.log
if "$ctest" --preset debug -j2 > "$log" 2>&1; then
  tail -n 8 "$log"
  exit 0
fi
echo "sanitize_unit_cli: tests failed in the sanitizer tree (whole log: $top/$log):"
sed -n '/The following tests FAILED/,$p' "$log"
echo "sanitize_unit_cli: the failed tests again, alone:"
"$ctest" --preset debug --rerun-failed --output-on-failure 2>&1 | tail -n 300
exit 1
