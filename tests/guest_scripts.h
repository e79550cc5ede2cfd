#pragma once
// Shell fragments shared by the in-guest tests of the managed-irq modes.

namespace irqlab::test {

// Clears the kernel log, prints mode=<managed_mode, or "absent" on a kernel without the series> and
// sets q, irq and aff to the first I/O queue interrupt of nvme0 bound to a
// single CPU other than the boot CPU (which cannot go offline).
inline constexpr const char* kPickQueueScript = R"sh(
# The kernel log the tests count warnings in is what the test did, not what
# the boot printed.
dmesg -C
mode=$(cat /sys/kernel/irq/managed_mode 2>/dev/null || echo absent)
echo mode=$mode
for q in 1 2 3 4; do
  irq=$(awk -v name=nvme0q$q '$NF == name { sub(":", "", $1); print $1 }' /proc/interrupts)
  aff=$(cat /proc/irq/$irq/smp_affinity_list)
  case $aff in 0|*-*|*,*) continue ;; esac
  break
done
echo queue=nvme0q$q
echo irq=$irq
)sh";

// After kPickQueueScript: names the queue's home CPU and another one (neither
// is the boot CPU) and defines the helpers of the override tests.
inline constexpr const char* kOverrideHelpersScript = R"sh(
echo home=$aff
other=3; [ "$aff" = 3 ] && other=2
echo other=$other
effective() { cat /proc/irq/$irq/effective_affinity_list; }
shutdown() { grep -q IRQD_MANAGED_SHUTDOWN /sys/kernel/debug/irq/irqs/$irq && echo yes || echo no; }
# coreutils echo: the shell builtin reports every write error as "I/O error".
move() { { /bin/echo "$1" > /proc/irq/$irq/smp_affinity_list; } 2>/tmp/move.err && echo ok || echo "failed: $(cat /tmp/move.err)"; }
# The vector matrix: global available and reserved vectors, and each CPU's
# managed reservations (the "man" column).
matrix() { awk '/Global (available|reserved)/ { print } $1 ~ /^[0-9]+$/ && NF >= 5 { print "cpu" $1, "man=" $3 }' /sys/kernel/debug/irq/domains/VECTOR; }
cpu_online() { echo $2 > /sys/devices/system/cpu/cpu$1/online; }
# The queue interrupt's count over all CPUs; waiting until a started load
# reaches the queue (fio takes seconds to start under TCG).
irq_count() { awk -v irq="$irq:" '$1 == irq { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts; }
wait_io() { n0=$(irq_count); i=0; while [ "$(irq_count)" = "$n0" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done; }
# The effective affinity once it is $1, or after 5 s: on x86 without
# interrupt remapping an affinity change applies at the next interrupt, so
# a few direct reads from the queue's home CPU make one (a test's load may
# be over, or too slow to start, on a loaded host).
kick() { taskset -c $aff dd if=/dev/nvme0n1 of=/dev/null bs=4k count=4 iflag=direct 2>/dev/null; }
settle() { i=0; while [ "$(effective)" != "$1" ] && [ $i -lt 50 ]; do kick; sleep 0.1; i=$((i + 1)); done; effective; }
)sh";

}  // namespace irqlab::test
