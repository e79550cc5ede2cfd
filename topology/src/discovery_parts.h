#pragma once
// The steps of discovery, one file each; discovery.cpp runs them in order.
#include <optional>
#include <string>
#include <vector>

#include "hwloc_facts.h"
#include "irqlab/topology/interrupts.h"
#include "irqlab/topology/machine.h"
#include "irqlab/topology/sysroot.h"

namespace irqlab {

// kernel_state.cpp: release, cmdline, the series' mode, CPUs, irqbalance.
KernelInfo read_kernel_info(const SysRoot& sys);
void read_cpu_state(const SysRoot& sys, Machine& m);

// numa_nodes.cpp: hwloc's nodes completed from sysfs, or sysfs alone.
std::vector<NumaNode> read_numa_nodes(const SysRoot& sys, const HwlocFacts* hwloc, Machine& m);

// nvme_sysfs.cpp: controllers, namespaces and locality.
std::vector<NvmeController> read_nvme_controllers(const SysRoot& sys, const HwlocFacts* hwloc, Machine& m);
// "nvme0n1" -> "nvme0n1"; "nvme0c1n2" (native multipath path) -> "nvme0n2";
// anything else -> nullopt.
std::optional<std::string> namespace_block_name(const std::string& entry);

// nvme_queues.cpp: queue interrupts, their affinity and the hctx map.
void read_nvme_queues(const SysRoot& sys, const InterruptTable& table, NvmeController& c);

}  // namespace irqlab
