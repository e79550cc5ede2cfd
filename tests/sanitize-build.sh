#!/bin/sh
# Builds the sanitizer preset "debug" (ASan, UBSan) in build-debug. ctest's
# sanitize_build fixture runs it before sanitize_unit_cli, which runs the
# unit and cli tests of that tree (test preset "debug").
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
cmake --preset debug >/dev/null
cmake --build --preset debug
