#!/bin/sh
# Builds the libFuzzer targets: preset "fuzz" (clang++, ASan, UBSan) in
# build-fuzz. ctest's fuzz_build fixture runs it before the fuzz tests.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
if ! command -v clang++ >/dev/null 2>&1; then
  echo "irqlab: error: clang++ not found (ci/install-deps.sh installs clang)" >&2
  exit 1
fi
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
