#include "irqlab/topology/preset.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

constexpr int kMaxCpus = 64;
constexpr int kMaxQueues = 64;
// Each controller gets its own PCI expander bridge with a 16-bus window
// starting at bus 0x80 (see lab/): eight fit below bus 0xff.
constexpr int kMaxControllers = 8;
constexpr std::uint64_t kMinNodeMemory = 128ull << 20;
// Upper bounds that keep every sum of sizes far from overflowing 64 bits (at
// most 64 nodes of 1T): a node of 16E plus another one wrapped to a small total.
constexpr std::uint64_t kMaxNodeMemory = 1ull << 40;
constexpr std::uint64_t kMaxNvmeSize = 1ull << 44;
constexpr std::uint64_t kDefaultNvmeSize = 1ull << 30;

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

// One preset line being parsed: knows where it came from, so every error
// names "<source>:<line>".
class LineParser {
 public:
  LineParser(const std::string& source, int line_no, std::string keyword)
      : where_(source + ":" + std::to_string(line_no)), keyword_(std::move(keyword)) {}

  [[noreturn]] void fail(const std::string& message) const { throw Error(where_ + ": " + message); }

  // Splits "key=value" tokens; only keys in `allowed` are accepted.
  void take_keys(const std::vector<std::string>& tokens, std::size_t first,
                 const std::vector<std::string>& allowed) {
    for (std::size_t i = first; i < tokens.size(); ++i) {
      const std::string& token = tokens[i];
      std::size_t eq = token.find('=');
      if (eq == std::string::npos || eq == 0)
        fail(keyword_ + ": expected key=value, got '" + token + "'");
      std::string key = token.substr(0, eq);
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(keyword_ + ": unknown key '" + key + "' (allowed: " + join(allowed, ", ") + ")");
      if (!values_.emplace(key, token.substr(eq + 1)).second)
        fail(keyword_ + ": duplicate key '" + key + "'");
    }
  }

  bool has(const std::string& key) const { return values_.count(key) != 0; }

  const std::string& value(const std::string& key) const {
    auto it = values_.find(key);
    if (it == values_.end()) fail(keyword_ + ": missing " + key + "=");
    return it->second;
  }

  int number(const std::string& key) const { return to_int(key, value(key)); }

  int to_int(const std::string& what, const std::string& text) const {
    auto v = parse_int(text);
    if (!v || *v < 0 || *v > 1'000'000) fail(keyword_ + ": bad number '" + text + "' for " + what);
    return static_cast<int>(*v);
  }

  std::uint64_t size(const std::string& key) const {
    const std::string& text = value(key);
    auto v = parse_size(text);
    if (!v) fail(keyword_ + ": bad size '" + text + "' for " + key + " (e.g. 512M, 1G)");
    return *v;
  }

 private:
  std::string where_;
  std::string keyword_;
  std::map<std::string, std::string> values_;
};

void parse_node(const std::vector<std::string>& tokens, LineParser& p, LabTopology& topo) {
  if (tokens.size() < 2 || tokens[1].find('=') != std::string::npos)
    p.fail("node: missing node id (node <id> cpus=<n> memory=<size>)");
  NodeSpec node;
  node.id = p.to_int("node id", tokens[1]);
  int expected = static_cast<int>(topo.nodes.size());
  if (node.id != expected)
    p.fail("node id " + std::to_string(node.id) + " out of order (expected " + std::to_string(expected) + ")");
  p.take_keys(tokens, 2, {"cpus", "memory"});
  node.cpus = p.number("cpus");
  node.memory_bytes = p.size("memory");
  if (node.cpus < 1) p.fail("node " + std::to_string(node.id) + ": cpus must be at least 1");
  int total = topo.total_cpus() + node.cpus;
  if (total > kMaxCpus)
    p.fail("total CPUs " + std::to_string(total) + " exceed the limit of " + std::to_string(kMaxCpus));
  if (node.memory_bytes < kMinNodeMemory)
    p.fail("node " + std::to_string(node.id) + ": memory " + format_size(node.memory_bytes) +
           " is below the minimum of 128M");
  if (node.memory_bytes > kMaxNodeMemory)
    p.fail("node " + std::to_string(node.id) + ": memory " + format_size(node.memory_bytes) +
           " is above the limit of " + format_size(kMaxNodeMemory));
  if (node.memory_bytes % (1ull << 20) != 0)
    p.fail("node " + std::to_string(node.id) + ": memory must be a whole number of MiB");
  topo.nodes.push_back(node);
}

void parse_nvme(const std::vector<std::string>& tokens, LineParser& p, LabTopology& topo) {
  p.take_keys(tokens, 1, {"node", "queues", "size", "iops-limit"});
  NvmeSpec nvme;
  nvme.index = static_cast<int>(topo.controllers.size());
  nvme.node = p.number("node");
  nvme.queues = p.number("queues");
  nvme.size_bytes = p.has("size") ? p.size("size") : kDefaultNvmeSize;
  nvme.iops_limit = p.has("iops-limit") ? p.number("iops-limit") : 0;
  if (nvme.node >= static_cast<int>(topo.nodes.size()))
    p.fail("nvme: node " + std::to_string(nvme.node) + " is not declared (declare it with a node line above)");
  if (nvme.queues < 1 || nvme.queues > kMaxQueues)
    p.fail("nvme: queues " + std::to_string(nvme.queues) + " outside 1.." + std::to_string(kMaxQueues));
  if (nvme.size_bytes < (1ull << 20) || nvme.size_bytes > kMaxNvmeSize || nvme.size_bytes % 4096 != 0)
    p.fail("nvme: size must be from 1M to " + format_size(kMaxNvmeSize) + " and a multiple of 4K");
  if (p.has("iops-limit") && nvme.iops_limit < 1)
    p.fail("nvme: iops-limit must be at least 1 (leave it out for no limit)");
  if (nvme.index >= kMaxControllers)
    p.fail("nvme: at most " + std::to_string(kMaxControllers) + " controllers");
  topo.controllers.push_back(nvme);
}

}  // namespace

int LabTopology::total_cpus() const {
  return std::accumulate(nodes.begin(), nodes.end(), 0, [](int sum, const NodeSpec& n) { return sum + n.cpus; });
}

std::uint64_t LabTopology::total_memory_bytes() const {
  return std::accumulate(nodes.begin(), nodes.end(), std::uint64_t{0},
                         [](std::uint64_t sum, const NodeSpec& n) { return sum + n.memory_bytes; });
}

std::set<int> LabTopology::cpus_of_node(int node) const {
  std::set<int> cpus;
  int first = 0;
  for (const NodeSpec& n : nodes) {
    if (n.id == node) {
      for (int c = first; c < first + n.cpus; ++c) cpus.insert(c);
      break;
    }
    first += n.cpus;
  }
  return cpus;
}

std::string LabTopology::summary() const {
  std::string out = std::to_string(nodes.size()) + (nodes.size() == 1 ? " node" : " nodes");
  bool same_cpus = std::all_of(nodes.begin(), nodes.end(), [&](const NodeSpec& n) { return n.cpus == nodes[0].cpus; });
  bool same_memory = std::all_of(nodes.begin(), nodes.end(),
                                 [&](const NodeSpec& n) { return n.memory_bytes == nodes[0].memory_bytes; });
  std::vector<std::string> cpus, memory;
  for (const NodeSpec& n : nodes) {
    cpus.push_back(std::to_string(n.cpus));
    memory.push_back(format_size(n.memory_bytes));
  }
  if (nodes.empty()) return out;
  out += same_cpus ? " x " + cpus[0] + (nodes[0].cpus == 1 ? " CPU" : " CPUs") : " with " + join(cpus, "+") + " CPUs";
  out += same_memory ? ", " + memory[0] + " per node" : ", memory " + join(memory, "+");
  std::vector<std::string> nvmes;
  for (const NvmeSpec& c : controllers)
    nvmes.push_back("nvme" + std::to_string(c.index) + " on node " + std::to_string(c.node) + " with " +
                    std::to_string(c.queues) + (c.queues == 1 ? " queue" : " queues") +
                    (c.iops_limit ? " limited to " + std::to_string(c.iops_limit) + " IOPS" : ""));
  if (!nvmes.empty()) out += "; " + join(nvmes, ", ");
  return out;
}

LabTopology parse_preset(std::string_view text, const std::string& source) {
  LabTopology topo;
  int description_line = 0;  // said once: the second would replace the first
  int line_no = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++line_no;
    throw_if_interrupted();
    std::string_view line = trim(raw);
    // Comments are whole lines, so a description may contain '#'.
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string> tokens = split_whitespace(line);
    LineParser p(source, line_no, tokens[0]);
    if (tokens[0] == "description") {
      if (description_line)
        p.fail("duplicate description line (first at line " + std::to_string(description_line) + ")");
      std::string_view rest = trim(line.substr(tokens[0].size()));
      if (rest.empty()) p.fail("description: missing text");
      topo.description = std::string(rest);
      description_line = line_no;
    } else if (tokens[0] == "node") {
      parse_node(tokens, p, topo);
    } else if (tokens[0] == "nvme") {
      parse_nvme(tokens, p, topo);
    } else {
      p.fail("unknown keyword '" + tokens[0] + "' (expected description, node or nvme)");
    }
  }
  if (topo.nodes.empty()) throw Error(source + ": no node lines (need at least one 'node <id> cpus=<n> memory=<size>')");
  if (topo.controllers.empty()) throw Error(source + ": no nvme lines (need at least one 'nvme node=<id> queues=<n>')");
  return topo;
}

std::vector<std::string> list_presets(const std::filesystem::path& presets_dir) { return names_in(presets_dir, ".preset"); }

LabTopology load_preset(const std::string& name_or_path, const std::filesystem::path& presets_dir) {
  const std::filesystem::path path = resolve_name_or_path(name_or_path, presets_dir, ".preset", "preset");
  LabTopology topo = parse_preset(read_input_file(path, "preset file", kTextInputLimit), path.string());
  topo.name = path.stem().string();
  return topo;
}

}  // namespace irqlab
