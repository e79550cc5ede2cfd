#!/bin/sh
# irqlab's two entry points:
#   ./run-bench.sh [--preset NAME] [--verbose] [irqlab run options]   the main job
#   ./run-bench.sh test [ctest options]                               every test
#   ./run-bench.sh nightly [NIGHT] [irqlab nightly options]          one night (ci/nightly.sh)
# Both install the missing Debian packages and build irqlab first.
set -eu
top=$(cd "$(dirname "$0")" && pwd)
cd "$top"

verbose=false
for arg in "$@"; do
  case "$arg" in -v | --verbose) verbose=true ;; esac
done

now() { date +%s.%N; }
stage() { # stage NAME START SUMMARY
  printf "[%6.1fs] %-8s %s\n" "$(awk "BEGIN { print $(now) - $2 }")" "$1" "$3"
}

start=$(now)
deps=$(./ci/install-deps.sh)
stage deps "$start" "$deps"

start=$(now)
mkdir -p build/logs
log=build/logs/build.log
if $verbose; then
  cmake --preset default && cmake --build --preset default
else
  if ! { cmake --preset default && cmake --build --preset default; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "irqlab: error: building irqlab failed (log: $log)" >&2
    exit 1
  fi
fi
stage build "$start" "irqlab built (build/irqlab)"

case "${1:-}" in
  test)
    shift
    exec ctest --preset default "$@"
    ;;
  nightly)
    shift
    exec build/irqlab nightly "$@"
    ;;
  -h | --help)
    exec build/irqlab run --help
    ;;
  *)
    exec build/irqlab run "$@"
    ;;
esac
