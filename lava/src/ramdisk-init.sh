#!/bin/sh
# irqlab's LAVA ramdisk init (PID 1, rdinit=/init): mount what irqlab needs,
# then a shell on the console with the prompt the LAVA job waits for. The
# job types its commands there (an interactive test: no overlay, no network).
/bin/busybox mkdir -p /proc /sys /dev /tmp /root /usr/sbin /sbin
/bin/busybox --install -s /bin
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing || echo "irqlab-lava: warning: no tracefs"
mount -t debugfs debugfs /sys/kernel/debug || echo "irqlab-lava: warning: no debugfs"
echo "irqlab-lava: ready: kernel $(uname -r), $(cat /proc/cmdline)"
export PS1='irqlab-lava# '
# cttyhack makes the console the shell's controlling terminal.
exec setsid cttyhack /bin/sh
