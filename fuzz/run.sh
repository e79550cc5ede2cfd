#!/bin/sh
# Runs libFuzzer targets of build-fuzz (fuzz/build.sh) for SECONDS each:
#   fuzz/run.sh SECONDS [TARGET...] [-- libFuzzer options]
# TARGETs are the names of fuzz/corpus/ (default: all). Each starts from its
# checked-in seeds, fuzz/corpus/<target>, and the inputs earlier runs found,
# build-fuzz/corpus/<target>; crashes are written to
# build-fuzz/crashes/<target>/. Fails on the first target that crashes.
# One input running 60 s counts as a hang (not less: on a loaded 2-core
# machine an input of 0.1 s CPU was once stalled past 10 s).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
seconds=$1
shift
targets=""
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  targets="$targets $1"
  shift
done
[ $# -gt 0 ] && shift
[ -n "$targets" ] || targets=$(ls "$top/fuzz/corpus")

for name in $targets; do
  work="$top/build-fuzz/corpus/$name"
  crashes="$top/build-fuzz/crashes/$name"
  mkdir -p "$work" "$crashes"
  "$top/build-fuzz/fuzz/fuzz_$name" -max_total_time="$seconds" -timeout=60 -print_final_stats=1 \
    -artifact_prefix="$crashes/" "$@" "$work" "$top/fuzz/corpus/$name"
done
