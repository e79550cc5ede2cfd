#!/bin/sh
# irqlab guest init: PID 1 of a lab VM, started by the kernel as
# init=<run_dir>/init.sh with the host's / as a read-only 9p root. It runs
# <run_dir>/command by /bin/sh -c inside the writable result share, records
# its output and exit status there, and powers the VM off. Every message of
# its own starts with "irqlab-init:"; the host quotes the last
# "irqlab-init: error:" line when no exit status was recorded.

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/tmp
umask 022

run_dir=${0%/*}
share=/tmp/share
record=$share/.irqlab
msize=512000  # as kNineP_Msize in qemu_command.cpp

say() { echo "irqlab-init: $*"; }

power_off() {
  sync
  # poweroff -f calls reboot(2) at once, with no init system (on Debian it is
  # systemctl, which does that without systemd). It is synchronous: PID 1 just
  # waits, which matters because the kernel breaks the virtio devices, 9p
  # root included, during shutdown, and PID 1 dying of SIGBUS on a page it
  # can no longer read panics the guest. stderr: systemctl's wtmp warning.
  poweroff -f 2>/dev/null
  say "warning: poweroff -f returned status $?; trying sysrq"
  sleep 30 &
  echo o > /proc/sysrq-trigger
  wait
  say "error: the VM did not power off"
  # PID 1 exiting panics the kernel; panic=-1 and -no-reboot end QEMU.
  exit 1
}

fail() {
  say "error: $*"
  power_off
}

mount -t proc proc /proc || fail "cannot mount proc on /proc"
mount -t sysfs sysfs /sys || fail "cannot mount sysfs on /sys"
# CONFIG_DEVTMPFS_MOUNT may already have mounted it.
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev || fail "cannot mount devtmpfs on /dev"

# Read the command before the tmpfs covers the host's /tmp, where the run
# directory may live.
cmd=$(cat "$run_dir/command") || fail "cannot read $run_dir/command"
# Host directories under /tmp that the command needs (an irqlab build in a
# clone under /tmp, say) stay visible at their own paths: hold the host's
# /tmp on devtmpfs, cover /tmp, and bind them back (read-only, like /).
host_paths=$(cat "$run_dir/host-paths" 2>/dev/null)
host_tmp=/dev/.irqlab-host-tmp
if [ -n "$host_paths" ]; then
  mkdir -p $host_tmp && mount --bind /tmp $host_tmp || fail "cannot hold the host's /tmp on $host_tmp"
fi

mount -t tmpfs -o mode=1777 tmpfs /tmp || fail "cannot mount tmpfs on /tmp"
for path in $host_paths; do
  mkdir -p "$path" && mount --bind "$host_tmp/${path#/tmp/}" "$path" || fail "cannot make host $path visible"
done
mount -t tracefs tracefs /sys/kernel/tracing || say "warning: cannot mount tracefs on /sys/kernel/tracing"
mount -t debugfs debugfs /sys/kernel/debug || say "warning: cannot mount debugfs on /sys/kernel/debug"
mkdir -p "$share" || fail "cannot create $share"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=$msize irqlab_share "$share" ||
  fail "cannot mount the result share (9p tag irqlab_share) on $share"
mkdir -p "$record" || fail "cannot create $record (is the result share writable?)"

export IRQLAB_OUT=$share
cd "$share" || fail "cannot enter $share"
say "running the command"
# Output goes to the share and, through tee, to the console. The status is
# written before tee ends, so a command that leaves a background process
# holding its output open keeps the VM up until that process exits.
{
  /bin/sh -c "$cmd" </dev/null 2>&1
  echo $? > "$record/exit-status"
} | tee "$record/output"
say "command finished with exit status $(cat "$record/exit-status")"
cd /
power_off
