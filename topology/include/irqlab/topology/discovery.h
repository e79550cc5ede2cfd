#pragma once
// Discovery: hwloc for NUMA nodes, CPUs, distances and the PCI locality of
// NVMe controllers; /proc and /sys for what hwloc does not know (queue
// interrupts, affinities, blk-mq maps, online CPUs, kernel state).
#include <filesystem>

#include "irqlab/topology/machine.h"
#include "irqlab/topology/sysroot.h"

namespace irqlab {

struct DiscoveryOptions {
  std::filesystem::path root = "/";  // prefix of every /proc and /sys path
  // hwloc XML to load instead of the live system. Empty: the live system when
  // root is "/", else <root>/hwloc.xml if present, else no hwloc (sysfs only).
  std::filesystem::path hwloc_xml;
};

// Name of the hwloc XML that `irqlab topology capture` writes into its directory.
inline constexpr const char* kCapturedHwlocXml = "hwloc.xml";

Machine discover(const DiscoveryOptions& options);

// PIDs of running irqbalance processes (/proc/<pid>/comm under the root).
std::vector<int> irqbalance_pids(const SysRoot& sys);
// The same, reading through `sys` (which may record what is read).
Machine discover(const SysRoot& sys, const std::filesystem::path& hwloc_xml);

}  // namespace irqlab
