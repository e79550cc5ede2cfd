#include "irqlab/layout/layout.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <sstream>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/topology_report.h"

namespace irqlab {
namespace {

// Nodes that can take interrupts (memory-only nodes have no CPU), by ID.
std::vector<const NumaNode*> nodes_with_cpus(const Machine& m) {
  std::vector<const NumaNode*> out;
  for (const NumaNode& n : m.nodes)
    if (!n.cpus.empty()) out.push_back(&n);
  return out;
}

int controller_node(const NvmeController& c, const std::string& layout) {
  if (!c.numa_node)
    throw Error("layout '" + layout + "' needs the NUMA node of " + c.name + ", which is not local to one node");
  return *c.numa_node;
}

const NumaNode& farthest_node(const Machine& m, int from) {
  const NumaNode* best = nullptr;
  int best_distance = -1;
  for (const NumaNode* n : nodes_with_cpus(m)) {
    if (n->id == from) continue;
    // Without a distance matrix every other node is equally far.
    int d = m.distance(from, n->id).value_or(0);
    if (d > best_distance) {  // strict: ties keep the lowest ID
      best = n;
      best_distance = d;
    }
  }
  if (!best) throw Error("layout 'remote' needs a second NUMA node with CPUs");
  return *best;
}

using QueuePlanner = std::function<std::pair<CpuSet, std::optional<int>>(const NvmeController&, int index,
                                                                         const NvmeQueue&)>;

std::vector<const NvmeController*> chosen_controllers(const Machine& m, const LayoutRequest& r) {
  std::vector<const NvmeController*> out;
  if (r.controllers.empty()) {
    for (const NvmeController& c : m.controllers) out.push_back(&c);
    if (out.empty()) throw Error("no NVMe controller on this machine: nothing to lay out");
  } else {
    for (const std::string& key : r.controllers) {
      const NvmeController* c = &m.controller(key);
      if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
  }
  return out;
}

LayoutPlan plan_queues(const Machine& m, const LayoutRequest& r, std::string description, const QueuePlanner& planner) {
  LayoutPlan plan;
  plan.name = r.name;
  plan.description = std::move(description);
  for (const NvmeController* c : chosen_controllers(m, r)) {
    auto queues = c->io_queues();
    if (queues.empty()) throw Error(c->name + " has no I/O queue interrupt (is it bound to nvme-pci?)");
    int index = 0;
    for (const NvmeQueue* q : queues) {
      auto [cpus, node] = planner(*c, index++, *q);
      plan.irqs.push_back({c->name, q->qid, q->irq, q->name, cpus, node, q->affinity});
    }
  }
  return plan;
}

std::string node_list(const Machine& m) {
  std::string out;
  for (const NumaNode& n : m.nodes) out += (out.empty() ? "" : ", ") + std::to_string(n.id);
  return out;
}

const NumaNode& require_node(const Machine& m, int id) {
  const NumaNode* n = m.node(id);
  if (!n) throw Error("NUMA node " + std::to_string(id) + " does not exist (nodes: " + node_list(m) + ")");
  if (n->cpus.empty()) throw Error("NUMA node " + std::to_string(id) + " has no CPU");
  return *n;
}

}  // namespace

const std::vector<std::string>& layout_names() {
  static const std::vector<std::string> names = {"spread", "local", "remote", "interleaved", "single", "node"};
  return names;
}

LayoutPlan make_layout(const Machine& m, const LayoutRequest& r) {
  const bool is_file = r.name.find('/') != std::string::npos || r.name.ends_with(".layout");
  if (is_file) {
    if (!r.controllers.empty()) throw Error("--controller does not apply to a layout file: the file names its queues");
    return read_layout_file(m, r.name);
  }
  if (r.node && r.name != "node") throw Error("--node applies to the 'node' layout only");
  if (r.cpu && r.name != "single") throw Error("--cpu applies to the 'single' layout only");

  if (r.name == "spread")
    return plan_queues(m, r, "each queue interrupt on the CPUs of its blk-mq hardware context (the kernel's spread)",
                       [&](const NvmeController& c, int, const NvmeQueue& q) -> std::pair<CpuSet, std::optional<int>> {
                         if (q.hctx_cpus.empty())
                           throw Error(c.name + " queue " + std::to_string(q.qid) +
                                       " has no blk-mq hardware context to take its spread from");
                         return {q.hctx_cpus, std::nullopt};
                       });
  if (r.name == "local")
    return plan_queues(m, r, "every queue interrupt on the CPUs of its controller's node",
                       [&](const NvmeController& c, int, const NvmeQueue&) -> std::pair<CpuSet, std::optional<int>> {
                         int node = controller_node(c, r.name);
                         return {require_node(m, node).cpus, node};
                       });
  if (r.name == "remote")
    return plan_queues(m, r, "every queue interrupt on the CPUs of the node farthest from its controller",
                       [&](const NvmeController& c, int, const NvmeQueue&) -> std::pair<CpuSet, std::optional<int>> {
                         const NumaNode& far = farthest_node(m, controller_node(c, r.name));
                         return {far.cpus, far.id};
                       });
  if (r.name == "interleaved")
    return plan_queues(m, r, "queue k on node (controller's node + k) mod nodes",
                       [&](const NvmeController& c, int k, const NvmeQueue&) -> std::pair<CpuSet, std::optional<int>> {
                         auto nodes = nodes_with_cpus(m);
                         int home = controller_node(c, r.name);
                         std::size_t start = 0;
                         for (std::size_t i = 0; i < nodes.size(); ++i)
                           if (nodes[i]->id == home) start = i;
                         const NumaNode* n = nodes[(start + static_cast<std::size_t>(k)) % nodes.size()];
                         return {n->cpus, n->id};
                       });
  if (r.name == "single") {
    if (r.cpu && !m.present_cpus.count(*r.cpu))
      throw Error("CPU " + std::to_string(*r.cpu) + " does not exist (CPUs " + format_cpu_list(m.present_cpus) + ")");
    return plan_queues(m, r, "every queue interrupt on one CPU",
                       [&](const NvmeController& c, int, const NvmeQueue&) -> std::pair<CpuSet, std::optional<int>> {
                         int cpu = r.cpu ? *r.cpu : *require_node(m, controller_node(c, r.name)).cpus.begin();
                         return {CpuSet{cpu}, m.node_of_cpu(cpu)};
                       });
  }
  if (r.name == "node") {
    if (!r.node) throw Error("layout 'node' needs --node N");
    const NumaNode& n = require_node(m, *r.node);
    return plan_queues(m, r, "every queue interrupt on the CPUs of node " + std::to_string(n.id),
                       [&](const NvmeController&, int, const NvmeQueue&) -> std::pair<CpuSet, std::optional<int>> {
                         return {n.cpus, n.id};
                       });
  }
  std::string names;
  for (const std::string& n : layout_names()) names += (names.empty() ? "" : ", ") + n;
  throw Error("unknown layout '" + r.name + "' (layouts: " + names + ", or a layout file path)");
}

nlohmann::ordered_json layout_plan_json(const LayoutPlan& plan) {
  nlohmann::ordered_json irqs = nlohmann::ordered_json::array();
  for (const PlannedIrq& p : plan.irqs)
    irqs.push_back({{"controller", p.controller},
                    {"qid", p.qid},
                    {"irq", p.irq},
                    {"name", p.name},
                    {"cpus", cpu_array(p.cpus)},
                    {"node", p.node ? nlohmann::ordered_json(*p.node) : nlohmann::ordered_json(nullptr)},
                    {"current_affinity", cpu_array(p.current)}});
  return {{"schema", kLayoutJsonSchema},
          {"version", kLayoutJsonVersion},
          {"layout", plan.name},
          {"description", plan.description},
          {"interrupts", irqs}};
}

std::string layout_plan_table(const LayoutPlan& plan) {
  std::ostringstream out;
  out << "layout " << plan.name << ": " << plan.description << "\n";
  out << "controller  queue      irq   now        plan\n";
  char buf[256];
  for (const PlannedIrq& p : plan.irqs) {
    std::string target = format_cpu_list(p.cpus) + (p.node ? " (node " + std::to_string(*p.node) + ")" : "");
    std::snprintf(buf, sizeof buf, "%-11s %-10s %-5d %-10s %s\n", p.controller.c_str(), p.name.c_str(), p.irq,
                  format_cpu_list(p.current).c_str(), target.c_str());
    out << buf;
  }
  return out.str();
}

}  // namespace irqlab
