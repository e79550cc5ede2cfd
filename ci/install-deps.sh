#!/bin/sh
# Installs the Debian packages of ci/packages.txt that are missing, after an
# apt-get update. Prints one line; the apt log goes to $IRQLAB_LOG_DIR.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
log_dir=${IRQLAB_LOG_DIR:-$here/../build/logs}
mkdir -p "$log_dir"

missing=""
total=0
for pkg in $(sed -e 's/#.*//' "$here/packages.txt"); do
  total=$((total + 1))
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing="$missing $pkg"
done

if [ -z "$missing" ]; then
  echo "all $total packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
  else
    echo "irqlab: error: missing packages:$missing (run as root or install sudo)" >&2
    exit 1
  fi
fi
log="$log_dir/apt.log"
if ! { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
    --no-install-recommends $missing; } >"$log" 2>&1; then
  echo "irqlab: error: apt-get could not install:$missing ($(tail -n 1 "$log"); log: $log)" >&2
  exit 1
fi
echo "installed$missing"
