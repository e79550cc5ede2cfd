#pragma once
// Lab topology presets: NUMA nodes, CPUs and memory per node, and NVMe
// controllers with their queue count and NUMA node. The text format is
// documented in README.md ("Presets").
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct NodeSpec {
  int id = 0;
  int cpus = 0;                 // CPUs of this node, numbered after the previous node's
  std::uint64_t memory_bytes = 0;
};

struct NvmeSpec {
  int index = 0;                // nvme<index> in the guest, in preset order
  int node = 0;                 // NUMA node of its PCI expander bridge
  int queues = 0;               // I/O queue pairs (QEMU max_ioqpairs)
  std::uint64_t size_bytes = 0; // sparse backing image
  int iops_limit = 0;           // QEMU throttling.iops-total of its drive; 0: none (a slow device: drains take long)
};

struct LabTopology {
  std::string name;             // preset name (file stem)
  std::string description;      // from the "description" line, may be empty
  std::vector<NodeSpec> nodes;
  std::vector<NvmeSpec> controllers;

  int total_cpus() const;
  std::uint64_t total_memory_bytes() const;
  std::set<int> cpus_of_node(int node) const;
  // "2 nodes x 2 CPUs, 1G per node; nvme0 on node 0 with 4 queues"
  std::string summary() const;
};

// Throws Error("<source>:<line>: <what is wrong>") on malformed input.
LabTopology parse_preset(std::string_view text, const std::string& source);

// name_or_path: a preset name looked up as <presets_dir>/<name>.preset, or a
// path to a preset file (contains '/' or ends in .preset). Unknown names throw
// Error("unknown preset 'x' (available: a, b, c)").
LabTopology load_preset(const std::string& name_or_path, const std::filesystem::path& presets_dir);

std::vector<std::string> list_presets(const std::filesystem::path& presets_dir);

}  // namespace irqlab
