#pragma once
// The part of the machine that discovery takes from hwloc, as plain data so
// that hwloc's handles stay inside hwloc_facts.cpp.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/topology/machine.h"

namespace irqlab {

struct HwlocNvme {
  std::string pci_address;          // "0000:81:00.0"
  CpuSet local_cpus;                // cpuset of the first non-I/O ancestor
  std::set<int> local_nodes;        // its nodeset
  std::vector<std::string> block_devices;  // OS devices of type block: "nvme0n1"
};

struct HwlocFacts {
  std::vector<NumaNode> nodes;      // distances filled when hwloc has a NUMA matrix
  CpuSet complete_cpus;             // every PU, offline ones included
  std::vector<HwlocNvme> nvme;      // PCI class 0x0108 devices
};

// xml empty: the live system. Throws Error naming hwloc's failure.
HwlocFacts load_hwloc_facts(const std::filesystem::path& xml);

// Writes the live system's topology, I/O objects included, as hwloc XML.
void export_live_hwloc_xml(const std::filesystem::path& out);

}  // namespace irqlab
