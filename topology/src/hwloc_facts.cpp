#include "hwloc_facts.h"

#include <hwloc.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr unsigned kPciClassNvme = 0x0108;  // mass storage, non-volatile memory

struct TopologyDeleter {
  void operator()(hwloc_topology* t) const { hwloc_topology_destroy(t); }
};
using Topology = std::unique_ptr<hwloc_topology, TopologyDeleter>;

CpuSet to_set(hwloc_const_bitmap_t bitmap) {
  CpuSet out;
  if (!bitmap) return out;
  int i;
  hwloc_bitmap_foreach_begin(i, bitmap) { out.insert(i); }
  hwloc_bitmap_foreach_end();
  return out;
}

std::string bus_id(const hwloc_obj_t pci) {
  char buf[32];
  const auto& a = pci->attr->pcidev;
  std::snprintf(buf, sizeof buf, "%04x:%02x:%02x.%01x", a.domain, a.bus, a.dev, a.func);
  return buf;
}

// I/O objects are dropped by default; the NVMe controllers and their block
// devices are exactly what is needed here.
Topology load(const fs::path& xml) {
  hwloc_topology_t raw = nullptr;
  if (hwloc_topology_init(&raw) != 0) throw Error(std::string("hwloc: cannot initialise: ") + std::strerror(errno));
  Topology topo(raw);
  hwloc_topology_set_io_types_filter(raw, HWLOC_TYPE_FILTER_KEEP_ALL);
  // CPUs outside our cgroup still exist and still take interrupts.
  hwloc_topology_set_flags(raw, HWLOC_TOPOLOGY_FLAG_INCLUDE_DISALLOWED);
  // Read here, bounded, rather than by hwloc: a FIFO or /dev/zero is refused.
  const std::string text = xml.empty() ? std::string() : read_input_file(xml, "hwloc XML", kHwlocXmlLimit);
  if (!xml.empty()) {
    if (hwloc_topology_set_xmlbuffer(raw, text.c_str(), static_cast<int>(text.size() + 1)) != 0)
      throw Error("hwloc cannot use " + xml.string() + ": " + std::strerror(errno));
  }
  if (hwloc_topology_load(raw) != 0) {
    const int err = errno;
    const std::string what = xml.empty() ? std::string("the live topology") : xml.string();
    if (!xml.empty() && err == EINVAL) throw Error("hwloc cannot load " + what + ": not a valid hwloc XML topology");
    throw Error("hwloc cannot load " + what + ": " + std::strerror(err));
  }
  return topo;
}

void fill_distances(hwloc_topology_t topo, std::vector<NumaNode>& nodes) {
  unsigned nr = 1;
  hwloc_distances_s* d = nullptr;
  if (hwloc_distances_get_by_type(topo, HWLOC_OBJ_NUMANODE, &nr, &d, 0, 0) != 0 || nr == 0 || !d) return;
  // The matrix is indexed by d->objs; nodes are by OS index.
  auto index_of = [&](int os_index) -> int {
    for (unsigned i = 0; i < d->nbobjs; ++i)
      if (static_cast<int>(d->objs[i]->os_index) == os_index) return static_cast<int>(i);
    return -1;
  };
  bool complete = true;
  for (NumaNode& from : nodes) {
    int i = index_of(from.id);
    from.distances.clear();
    for (const NumaNode& to : nodes) {
      int j = index_of(to.id);
      if (i < 0 || j < 0) {
        complete = false;
        break;
      }
      const unsigned cell = static_cast<unsigned>(i) * d->nbobjs + static_cast<unsigned>(j);
      from.distances.push_back(static_cast<int>(d->values[cell]));
    }
  }
  if (!complete)
    for (NumaNode& n : nodes) n.distances.clear();
  hwloc_distances_release(topo, d);
}

}  // namespace

HwlocFacts load_hwloc_facts(const fs::path& xml) {
  Topology topo = load(xml);
  hwloc_topology_t t = topo.get();
  HwlocFacts facts;
  facts.complete_cpus = to_set(hwloc_topology_get_complete_cpuset(t));

  for (hwloc_obj_t obj = nullptr; (obj = hwloc_get_next_obj_by_type(t, HWLOC_OBJ_NUMANODE, obj));) {
    NumaNode node;
    node.id = static_cast<int>(obj->os_index);
    // On Linux a node's complete_cpuset still misses its offline CPUs;
    // discovery completes it from sysfs.
    node.cpus = to_set(obj->complete_cpuset ? obj->complete_cpuset : obj->cpuset);
    node.memory_bytes = obj->attr ? obj->attr->numanode.local_memory : 0;
    facts.nodes.push_back(std::move(node));
  }
  std::sort(facts.nodes.begin(), facts.nodes.end(), [](const NumaNode& a, const NumaNode& b) { return a.id < b.id; });
  fill_distances(t, facts.nodes);  // in the order of the sorted nodes

  for (hwloc_obj_t pci = nullptr; (pci = hwloc_get_next_pcidev(t, pci));) {
    if (pci->attr->pcidev.class_id != kPciClassNvme) continue;
    HwlocNvme nvme;
    nvme.pci_address = bus_id(pci);
    if (hwloc_obj_t anc = hwloc_get_non_io_ancestor_obj(t, pci)) {
      nvme.local_cpus = to_set(anc->cpuset);
      nvme.local_nodes = to_set(anc->nodeset);
    }
    facts.nvme.push_back(std::move(nvme));
  }
  // Namespaces: block OS devices whose parent is one of those PCI devices.
  for (hwloc_obj_t os = nullptr; (os = hwloc_get_next_osdev(t, os));) {
    if (os->attr->osdev.type != HWLOC_OBJ_OSDEV_BLOCK || !os->name || !os->parent) continue;
    if (os->parent->type != HWLOC_OBJ_PCI_DEVICE) continue;
    const std::string addr = bus_id(os->parent);
    for (HwlocNvme& nvme : facts.nvme)
      if (nvme.pci_address == addr) nvme.block_devices.push_back(os->name);
  }
  return facts;
}

void export_live_hwloc_xml(const fs::path& out) {
  Topology topo = load({});
  if (hwloc_topology_export_xml(topo.get(), out.c_str(), 0) != 0)
    throw Error("hwloc cannot write " + out.string() + ": " + std::strerror(errno));
}

}  // namespace irqlab
