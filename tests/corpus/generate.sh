#!/bin/sh
# The corpus cases too large to check in, written into $1 (see README).
# $2 is topology/tests/fixtures. POSIX sh only.
set -eu
out=$1
fixtures=$2
rm -rf "$out"
mkdir -p "$out"

# case_dir NAME ARG...: a case directory with its args file.
case_dir() {
  name=$1
  shift
  mkdir -p "$out/$name"
  printf '%s\n' "$@" >"$out/$name/args"
}

# expect NAME STATUS PATTERN: the case's exit status and error line.
expect() {
  printf 'exit %s\nerror %s\n' "$2" "$3" >"$out/$1/expect"
}

# repeat N TEXT: TEXT printed N times (printf's format, so \n works).
repeat() {
  i=0
  while [ "$i" -lt "$1" ]; do
    printf "$2"
    i=$((i + 1))
  done
}

# 2000 moves to all 8192 CPUs, then a bad key: the whole file is parsed
# (no set is built for a move target) before the error, within a second.
case_dir scenario-many-large-ranges scenario check @CASE@/input.scenario
{
  echo 'duration = 12s'
  repeat 2000 'event = at 1s move nvme0q1 to 0-8191\n'
  echo 'no-such-key = 1'
} >"$out/scenario-many-large-ranges/input.scenario"
expect scenario-many-large-ranges 1 "irqlab: error: .*/input\\.scenario:2002: unknown key 'no-such-key'"

# One list of 2001 ranges that repeat: refused before it is expanded.
case_dir scenario-ranges-repeat scenario check @CASE@/input.scenario
{
  echo 'duration = 12s'
  printf 'event = at 1s move nvme0q1 to 0-8191'
  repeat 2000 ',0-8191'
  echo
} >"$out/scenario-ranges-repeat/input.scenario"
expect scenario-ranges-repeat 1 \
  'irqlab: error: .*/input\.scenario:2: event: the CPU list names more than 8192 CPUs \(a CPU twice\?\)'

# A scenario over the 1 MiB limit is refused before it is read.
case_dir scenario-too-large scenario check @CASE@/input.scenario
dd if=/dev/zero bs=1024 count=1100 2>/dev/null | tr '\000' '#' >"$out/scenario-too-large/input.scenario"
expect scenario-too-large 1 'irqlab: error: .*/input\.scenario: larger than 1 MiB'

# A captured root whose cpu/present is 0-1048576 did not finish.
case_dir root-cpu-present-huge topology --root @CASE@/root
cp -R "$fixtures/default" "$out/root-cpu-present-huge/root"
echo '0-1048576' >"$out/root-cpu-present-huge/root/sys/devices/system/cpu/present"
expect root-cpu-present-huge 1 \
  'irqlab: error: .*/root/sys/devices/system/cpu/present: CPU 1048576 is above the limit of 8191'

touch "$out/stamp"
