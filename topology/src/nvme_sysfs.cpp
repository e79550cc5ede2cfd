#include <algorithm>
#include <cctype>

#include "discovery_parts.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

const std::string kNvmeClass = "/sys/class/nvme";

// Parses the digits at the start of s; advances s past them.
std::optional<std::string> take_digits(std::string_view& s) {
  std::size_t n = 0;
  while (n < s.size() && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n == 0) return std::nullopt;
  std::string digits(s.substr(0, n));
  s.remove_prefix(n);
  return digits;
}

std::optional<int> single_node(const std::set<int>& nodes) {
  if (nodes.size() == 1) return *nodes.begin();
  return std::nullopt;
}

CpuSet cpus_of_nodes(const Machine& m, const std::set<int>& nodes) {
  CpuSet cpus;
  for (int id : nodes)
    if (const NumaNode* n = m.node(id)) cpus.insert(n->cpus.begin(), n->cpus.end());
  return cpus;
}

NvmeNamespace read_namespace(const SysRoot& sys, const std::string& dir, const std::string& name) {
  NvmeNamespace ns;
  ns.name = name;
  ns.sysfs_dir = dir;
  ns.dev = sys.read_line(dir + "/dev").value_or("");
  if (auto sectors = parse_int(sys.read_line(dir + "/size").value_or("")))
    ns.size_bytes = static_cast<std::uint64_t>(*sectors) * 512;  // always 512-byte units
  // Partitions belong to the block device people use (the multipath head
  // when there is one): /sys/block/nvme0n1/nvme0n1p1.
  for (const std::string& entry : sys.list("/sys/block/" + name, name + "p")) ns.partitions.push_back(entry);
  return ns;
}

// The node sysfs gives the device (-1: none); read even when hwloc answers,
// to cross-check it and so that a capture holds the fallback's file.
std::optional<int> sysfs_node(const SysRoot& sys, const std::string& dir) {
  auto node = parse_int(sys.read_line(dir + "/device/numa_node").value_or(""));
  if (node && *node >= 0 && *node <= kMaxNodeId) return static_cast<int>(*node);
  return std::nullopt;
}

// Locality from sysfs: the fallback when hwloc does not list the controller.
void sysfs_locality(const std::optional<int>& node, const Machine& m, NvmeController& c) {
  c.locality_source = "sysfs";
  if (node && m.node(*node)) {
    c.numa_node = *node;
    c.local_cpus = m.node(*node)->cpus;
  } else {
    c.local_cpus = m.present_cpus;  // -1: the device is not attached to one node
  }
}

}  // namespace

std::optional<std::string> namespace_block_name(const std::string& entry) {
  std::string_view s = entry;
  if (!starts_with(s, "nvme")) return std::nullopt;
  s.remove_prefix(4);
  auto subsys = take_digits(s);
  if (!subsys) return std::nullopt;
  if (!s.empty() && s.front() == 'c') {  // nvme<subsys>c<ctrl>n<nsid>: a path of a multipath head
    s.remove_prefix(1);
    if (!take_digits(s)) return std::nullopt;
  }
  if (s.empty() || s.front() != 'n') return std::nullopt;
  s.remove_prefix(1);
  auto nsid = take_digits(s);
  if (!nsid || !s.empty()) return std::nullopt;
  return "nvme" + *subsys + "n" + *nsid;
}

std::vector<NvmeController> read_nvme_controllers(const SysRoot& sys, const HwlocFacts* hwloc, Machine& m) {
  std::vector<NvmeController> out;
  const bool hwloc_sees_nvme = hwloc && !hwloc->nvme.empty();
  bool any_fallback = false;
  // One snapshot for every controller, so that their counts are comparable.
  InterruptTable table;
  if (auto text = sys.read("/proc/interrupts"); text && !trim(*text).empty()) table = parse_proc_interrupts(*text);
  for (const std::string& name : sys.list(kNvmeClass, "nvme")) {
    const std::string dir = kNvmeClass + "/" + name;
    const std::string transport = sys.read_line(dir + "/transport").value_or("pcie");
    if (transport != "pcie") continue;  // fabrics controllers have no local interrupts
    NvmeController c;
    c.name = name;
    c.serial = sys.read_line(dir + "/serial").value_or("");
    c.model = sys.read_line(dir + "/model").value_or("");
    c.pci_address = sys.read_line(dir + "/address").value_or("");

    const HwlocNvme* hw = nullptr;
    if (hwloc)
      for (const HwlocNvme& h : hwloc->nvme)
        if (h.pci_address == c.pci_address) hw = &h;
    const std::optional<int> sysfs = sysfs_node(sys, dir);
    if (hw) {
      c.locality_source = "hwloc";
      c.numa_node = single_node(hw->local_nodes);
      c.local_cpus = hw->local_nodes.empty() ? hw->local_cpus : cpus_of_nodes(m, hw->local_nodes);
      if (sysfs && c.numa_node && *sysfs != *c.numa_node)
        m.warnings.push_back("hwloc places " + name + " on node " + std::to_string(*c.numa_node) + ", sysfs on node " +
                             std::to_string(*sysfs) + ": using hwloc");
    } else {
      sysfs_locality(sysfs, m, c);
      if (hwloc_sees_nvme)
        m.warnings.push_back("hwloc does not list " + name + " (" + c.pci_address +
                             "): its NUMA node is from sysfs");
      else
        any_fallback = true;
    }

    for (const std::string& entry : sys.list(dir, "nvme"))
      if (auto block = namespace_block_name(entry))
        c.namespaces.push_back(read_namespace(sys, dir + "/" + entry, *block));
    // A block device hwloc places under the controller but sysfs did not list
    // among its children: read it from /sys/block.
    if (hw)
      for (const std::string& block : hw->block_devices)
        if (std::none_of(c.namespaces.begin(), c.namespaces.end(),
                         [&](const NvmeNamespace& ns) { return ns.name == block; }) &&
            sys.exists("/sys/block/" + block))
          c.namespaces.push_back(read_namespace(sys, "/sys/block/" + block, block));
    std::sort(c.namespaces.begin(), c.namespaces.end(),
              [](const NvmeNamespace& a, const NvmeNamespace& b) { return a.name < b.name; });
    read_nvme_queues(sys, table, c);
    out.push_back(std::move(c));
  }
  if (any_fallback)
    m.warnings.push_back(std::string(hwloc ? "hwloc lists no NVMe controller" : "no hwloc topology") +
                         ": NUMA nodes of controllers from /sys/class/nvme/*/device/numa_node");
  std::sort(out.begin(), out.end(),
            [](const NvmeController& a, const NvmeController& b) { return a.pci_address < b.pci_address; });
  return out;
}

}  // namespace irqlab
