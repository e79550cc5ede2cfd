#include <algorithm>
#include <cstdint>

#include "discovery_parts.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

const std::string kNodeDir = "/sys/devices/system/node";

// "cpu12" -> 12 for ids up to max; other names (and larger ids) are not ours.
std::optional<int> numbered(const std::string& name, std::string_view prefix, int max) {
  if (!starts_with(name, prefix)) return std::nullopt;
  return parse_number_in<int>(std::string_view(name).substr(prefix.size()), 0, max);
}

// The node's cpuM links stay while a CPU is offline; cpulist drops it.
CpuSet sysfs_node_cpus(const SysRoot& sys, int id) {
  const std::string dir = kNodeDir + "/node" + std::to_string(id);
  CpuSet cpus = sys.read_cpu_list(dir + "/cpulist").value_or(CpuSet{});
  for (const std::string& entry : sys.list(dir, "cpu"))
    if (auto cpu = numbered(entry, "cpu", kMaxCpuId)) cpus.insert(*cpu);
  return cpus;
}

std::uint64_t sysfs_node_memory(const SysRoot& sys, int id) {
  // "Node 0 MemTotal:        1017784 kB"
  auto text = sys.read(kNodeDir + "/node" + std::to_string(id) + "/meminfo");
  if (!text) return 0;
  for (const std::string& line : split(*text, '\n')) {
    auto words = split_whitespace(line);
    if (words.size() >= 4 && words[2] == "MemTotal:")
      if (auto kb = parse_number_in<std::uint64_t>(words[3], 0, UINT64_MAX / 1024)) return *kb * 1024;
  }
  return 0;
}

// One value per node, in node order; cleared everywhere unless complete.
void sysfs_distances(const SysRoot& sys, std::vector<NumaNode>& nodes) {
  for (NumaNode& n : nodes) {
    n.distances.clear();
    auto line = sys.read_line(kNodeDir + "/node" + std::to_string(n.id) + "/distance");
    if (!line) continue;
    for (const std::string& word : split_whitespace(*line))
      if (auto v = parse_number<int>(word)) n.distances.push_back(*v);
  }
  for (const NumaNode& n : nodes)
    if (n.distances.size() != nodes.size()) {
      for (NumaNode& m : nodes) m.distances.clear();
      return;
    }
}

// What sysfs alone says. Always read, also when hwloc answers: it completes
// hwloc (offline CPUs), and a capture must hold the fallback's files too.
std::vector<NumaNode> sysfs_nodes(const SysRoot& sys) {
  std::vector<NumaNode> nodes;
  for (const std::string& entry : sys.list(kNodeDir, "node")) {
    auto id = numbered(entry, "node", kMaxNodeId);
    if (!id) continue;
    NumaNode n;
    n.id = *id;
    n.cpus = sysfs_node_cpus(sys, *id);
    n.memory_bytes = sysfs_node_memory(sys, *id);
    nodes.push_back(std::move(n));
  }
  std::sort(nodes.begin(), nodes.end(), [](const NumaNode& a, const NumaNode& b) { return a.id < b.id; });
  sysfs_distances(sys, nodes);
  return nodes;
}

}  // namespace

std::vector<NumaNode> read_numa_nodes(const SysRoot& sys, const HwlocFacts* hwloc, Machine& m) {
  std::vector<NumaNode> from_sysfs = sysfs_nodes(sys);
  if (!hwloc || hwloc->nodes.empty()) {
    if (from_sysfs.empty()) {
      // A kernel without NUMA: one node holding every CPU.
      m.warnings.push_back("no NUMA node in " + sys.path(kNodeDir).string() + ": one node 0 assumed");
      NumaNode n;
      n.cpus = m.present_cpus;
      from_sysfs.push_back(std::move(n));
    }
    return from_sysfs;
  }
  std::vector<NumaNode> nodes = hwloc->nodes;  // sorted by ID
  for (NumaNode& n : nodes) {
    for (const NumaNode& s : from_sysfs)
      if (s.id == n.id) n.cpus.insert(s.cpus.begin(), s.cpus.end());
  }
  bool have_distances = std::all_of(nodes.begin(), nodes.end(), [&](const NumaNode& n) {
    return n.distances.size() == nodes.size();
  });
  if (!have_distances && from_sysfs.size() == nodes.size())
    for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i].distances = from_sysfs[i].distances;
  return nodes;
}

}  // namespace irqlab
