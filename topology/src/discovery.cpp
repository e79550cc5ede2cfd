#include "irqlab/topology/discovery.h"

#include <memory>

#include "discovery_parts.h"
#include "irqlab/topology/device_safety.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// Which hwloc topology belongs to this root (see DiscoveryOptions).
std::unique_ptr<HwlocFacts> hwloc_for(const SysRoot& sys, const fs::path& xml, Machine& m) {
  if (!xml.empty()) {
    m.hwloc_source = "xml " + xml.string();
    return std::make_unique<HwlocFacts>(load_hwloc_facts(xml));
  }
  if (sys.is_live()) {
    m.hwloc_source = "live";
    return std::make_unique<HwlocFacts>(load_hwloc_facts({}));
  }
  const fs::path captured = sys.root() / kCapturedHwlocXml;
  std::error_code ec;
  if (fs::exists(captured, ec)) {  // a FIFO or a device there is refused by the reader
    m.hwloc_source = "xml " + captured.string();
    return std::make_unique<HwlocFacts>(load_hwloc_facts(captured));
  }
  m.hwloc_source = "none";
  m.warnings.push_back("no hwloc topology for root " + sys.root().string() + " (no " + kCapturedHwlocXml +
                       "): nodes and locality from sysfs");
  return nullptr;
}

}  // namespace

Machine discover(const SysRoot& sys, const fs::path& hwloc_xml) {
  Machine m;
  m.root = sys.root();
  read_cpu_state(sys, m);  // first: it fails clearly when the root is not a Linux system
  m.kernel = read_kernel_info(sys);
  std::unique_ptr<HwlocFacts> hwloc = hwloc_for(sys, hwloc_xml, m);
  m.nodes = read_numa_nodes(sys, hwloc.get(), m);
  if (hwloc) m.present_cpus.insert(hwloc->complete_cpus.begin(), hwloc->complete_cpus.end());
  m.controllers = read_nvme_controllers(sys, hwloc.get(), m);
  for (NvmeController& c : m.controllers)
    for (NvmeNamespace& ns : c.namespaces) ns.in_use = namespace_uses(sys, ns);
  m.irqbalance_pids = irqbalance_pids(sys);
  return m;
}

Machine discover(const DiscoveryOptions& options) {
  SysRoot sys(options.root);
  return discover(sys, options.hwloc_xml);
}

}  // namespace irqlab
