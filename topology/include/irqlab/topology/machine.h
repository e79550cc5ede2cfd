#pragma once
// What discovery finds on a machine (live, or a captured fixture): NUMA
// nodes and their CPUs, NVMe controllers with their locality, namespaces and
// queue interrupts, and the kernel state that matters for moving them.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

using CpuSet = std::set<int>;

struct NumaNode {
  int id = 0;
  CpuSet cpus;                    // every CPU of the node, offline ones included
  std::uint64_t memory_bytes = 0;
  std::vector<int> distances;     // to each node of Machine::nodes, in that order; empty if unknown
};

struct NvmeQueue {
  int qid = 0;                    // 0 = admin queue, 1.. = I/O queues
  int irq = 0;
  std::string name;               // action name in /proc/interrupts, "nvme0q1"
  std::optional<int> hctx;        // blk-mq hardware context (qid - 1) when the namespace has it
  CpuSet hctx_cpus;               // CPUs that submit to this queue
  CpuSet affinity;                // /proc/irq/N/smp_affinity_list
  CpuSet effective;               // /proc/irq/N/effective_affinity_list
  std::optional<bool> managed;    // IRQD_AFFINITY_MANAGED in debugfs; nullopt without debugfs
  bool shut_down = false;         // managed and every CPU of its affinity offline (IRQD_MANAGED_SHUTDOWN)
  bool affinity_writable = false; // mode bits of smp_affinity_list (6.12 makes it 0444 when refused)
  std::uint64_t count = 0;        // interrupts handled, summed over the online CPUs
};

struct NvmeNamespace {
  std::string name;               // block device name, "nvme0n1"
  std::string sysfs_dir;          // "/sys/class/nvme/nvme0/nvme0n1" ("nvme0c0n1" there with native multipath)
  std::string dev;                // "259:0"
  std::uint64_t size_bytes = 0;
  std::vector<std::string> partitions;  // "nvme0n1p1", ...
  // Why a workload must not use it: "mounted on /boot (nvme0n1p1, ext4)", "swap (nvme0n1)", "held by dm-0".
  std::vector<std::string> in_use;
};

struct NvmeController {
  std::string name;               // kernel name, "nvme0" (probe order: not stable)
  std::string serial;             // stable: the lab's controllers are irqlab<i>
  std::string model;
  std::string pci_address;        // "0000:81:00.0"
  std::optional<int> numa_node;   // nullopt when the device is not local to one node
  CpuSet local_cpus;              // CPUs of its locality
  std::string locality_source;    // "hwloc" or "sysfs"
  std::vector<NvmeNamespace> namespaces;
  std::vector<NvmeQueue> queues;  // by qid, admin queue first when present

  std::vector<const NvmeQueue*> io_queues() const;
};

struct KernelInfo {
  std::string release;            // /proc/sys/kernel/osrelease
  std::string cmdline;            // /proc/cmdline
  std::optional<std::string> managed_mode;  // /sys/kernel/irq/managed_mode (the series), nullopt on stock
  std::string boot_id;            // /proc/sys/kernel/random/boot_id: tells a journal from an earlier boot
};

struct Machine {
  std::filesystem::path root;     // where /proc and /sys were read
  std::string hwloc_source;       // "live", "xml <path>" or "none"
  KernelInfo kernel;
  CpuSet present_cpus;            // /sys/devices/system/cpu/present: CPUs that exist, online or not
  CpuSet online_cpus;
  CpuSet hotpluggable_cpus;       // CPUs with an online file (never the boot CPU)
  std::vector<NumaNode> nodes;    // by id
  std::vector<NvmeController> controllers;  // by PCI address
  std::vector<int> irqbalance_pids;
  std::vector<std::string> warnings;  // what discovery could not see, in one line each

  const NumaNode* node(int id) const;
  std::optional<int> node_of_cpu(int cpu) const;
  std::optional<int> distance(int from_node, int to_node) const;
  // By kernel name (nvme0), serial (irqlab0) or PCI address (0000:81:00.0,
  // or 81:00.0). nullptr when none matches.
  const NvmeController* find_controller(std::string_view key) const;
  // Throws Error("no NVMe controller 'x' (present: ...)").
  const NvmeController& controller(std::string_view key) const;
  // "nvme0 (irqlab0, 0000:81:00.0), ..." or "none".
  std::string controller_names() const;
};

}  // namespace irqlab
