// Layout files: a plan written by hand (format in layout.h).
#include <filesystem>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/layout/layout.h"

namespace irqlab {
namespace {

struct QueueRef {
  const NvmeController* controller = nullptr;
  const NvmeQueue* queue = nullptr;
};

std::string queue_range(const NvmeController& c) {
  if (c.queues.empty()) return c.name + " has no queue interrupt";
  return c.name + " has q" + std::to_string(c.queues.front().qid) + "-q" + std::to_string(c.queues.back().qid);
}

QueueRef find_queue(const Machine& m, const std::string& token, const std::string& where) {
  if (auto irq = parse_int(token)) {
    for (const NvmeController& c : m.controllers)
      for (const NvmeQueue& q : c.queues)
        if (q.irq == *irq) return {&c, &q};
    throw Error(where + "irq " + token + " is not an NVMe queue interrupt on this machine");
  }
  for (const NvmeController& c : m.controllers)
    for (const NvmeQueue& q : c.queues)
      if (q.name == token) return {&c, &q};
  // Name the controller's real queues when the controller part is right.
  for (const NvmeController& c : m.controllers)
    if (starts_with(token, c.name + "q"))
      throw Error(where + "no NVMe queue interrupt '" + token + "' (" + queue_range(c) + ")");
  throw Error(where + "no NVMe queue interrupt '" + token + "' (controllers: " + m.controller_names() + ")");
}

std::pair<CpuSet, std::optional<int>> parse_target(const Machine& m, const std::string& token,
                                                   const std::string& where) {
  if (starts_with(token, "node:")) {
    auto id = parse_int(std::string_view(token).substr(5));
    if (id && *id > kMaxNodeId) throw Error(where + "NUMA " + above_limit("node", *id, kMaxNodeId));
    const NumaNode* n = id ? m.node(static_cast<int>(*id)) : nullptr;
    if (!n) throw Error(where + "NUMA node '" + token.substr(5) + "' does not exist");
    if (n->cpus.empty()) throw Error(where + "NUMA node " + token.substr(5) + " has no CPU");
    return {n->cpus, n->id};
  }
  auto cpus = parse_cpu_list(token);
  if (!cpus || cpus->empty())
    throw Error(where + cpu_list_problem(token, "'" + token + "' is not a CPU list (e.g. 0-3,8) or node:N"));
  for (int cpu : *cpus)
    if (!m.present_cpus.count(cpu))
      throw Error(where + "CPU " + std::to_string(cpu) + " does not exist (CPUs " + format_cpu_list(m.present_cpus) +
                  ")");
  std::optional<int> node = m.node_of_cpu(*cpus->begin());
  for (int cpu : *cpus)
    if (m.node_of_cpu(cpu) != node) node.reset();
  return {*cpus, node};
}

}  // namespace

LayoutPlan parse_layout_text(const Machine& m, std::string_view text, const std::string& source) {
  LayoutPlan plan;
  plan.name = source;
  plan.description = "read from " + source;
  std::size_t line_no = 0;
  std::map<int, std::size_t> line_of_irq;  // each interrupt is planned once
  for (const std::string& raw : split(text, '\n')) {
    ++line_no;
    throw_if_interrupted();
    const std::string where = source + ":" + std::to_string(line_no) + ": ";
    std::string line = raw.substr(0, raw.find('#'));
    auto words = split_whitespace(line);
    if (words.empty()) continue;
    if (words.size() != 2) throw Error(where + "expected '<interrupt> <cpus>', got '" + std::string(trim(line)) + "'");
    QueueRef ref = find_queue(m, words[0], where);
    const auto [first, inserted] = line_of_irq.emplace(ref.queue->irq, line_no);
    if (!inserted)
      throw Error(where + ref.queue->name + " is planned twice (first at line " + std::to_string(first->second) +
                  ")");
    auto [cpus, node] = parse_target(m, words[1], where);
    plan.irqs.push_back({ref.controller->name, ref.queue->qid, ref.queue->irq, ref.queue->name, cpus, node,
                         ref.queue->affinity});
  }
  if (plan.irqs.empty()) throw Error(source + ": the layout file plans no interrupt");
  return plan;
}

LayoutPlan read_layout_file(const Machine& m, const std::filesystem::path& file) {
  return parse_layout_text(m, read_input_file(file, "layout file", kTextInputLimit), file.string());
}

}  // namespace irqlab
