#include <cctype>
#include <climits>

#include "discovery_parts.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

namespace irqlab {

KernelInfo read_kernel_info(const SysRoot& sys) {
  KernelInfo k;
  k.release = sys.read_line("/proc/sys/kernel/osrelease").value_or("");
  k.cmdline = sys.read_line("/proc/cmdline").value_or("");
  k.boot_id = sys.read_line("/proc/sys/kernel/random/boot_id").value_or("");
  // Present only on kernels with the series: strict, spread or override.
  k.managed_mode = sys.read_line("/sys/kernel/irq/managed_mode");
  return k;
}

void read_cpu_state(const SysRoot& sys, Machine& m) {
  auto online = sys.read_cpu_list("/sys/devices/system/cpu/online");
  if (!online)
    sys.read_required("/sys/devices/system/cpu/online");  // throws, naming the file: not a Linux root
  m.online_cpus = *online;
  m.present_cpus = sys.read_cpu_list("/sys/devices/system/cpu/present").value_or(m.online_cpus);
  // The boot CPU has no online file: it cannot be taken offline.
  for (int cpu : m.present_cpus)
    if (sys.read("/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/online")) m.hotpluggable_cpus.insert(cpu);
}

std::vector<int> irqbalance_pids(const SysRoot& sys) {
  std::vector<int> pids;
  for (const std::string& entry : sys.list("/proc")) {
    auto pid = parse_number_in<int>(entry, 1, INT_MAX);
    if (!pid) continue;
    if (sys.read_line("/proc/" + entry + "/comm") == "irqbalance") pids.push_back(*pid);
  }
  return pids;
}

}  // namespace irqlab
