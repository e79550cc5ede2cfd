#pragma once
// Shell fragments shared by the in-guest tests of the managed-irq modes.

namespace irqlab::test {

// Prints mode=<managed_mode, or "absent" on a kernel without the series> and
// sets q, irq and aff to the first I/O queue interrupt of nvme0 bound to a
// single CPU other than the boot CPU (which cannot go offline).
inline constexpr const char* kPickQueueScript = R"sh(
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

}  // namespace irqlab::test
