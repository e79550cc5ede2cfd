// A scenario's rules made concrete on one machine: queues, CPUs and nodes
// resolved, random choices drawn from the seed, cycles split in two.
#include <algorithm>
#include <map>
#include <random>

#include "irqlab/common/error.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/layout/layout.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {

namespace {

struct QueueRef {
  const NvmeController* controller = nullptr;
  const NvmeQueue* queue = nullptr;
};

std::vector<QueueRef> io_queues(const Machine& m) {
  std::vector<QueueRef> out;
  for (const NvmeController& c : m.controllers)
    for (const NvmeQueue* q : c.io_queues()) out.push_back({&c, q});
  return out;
}

std::string queue_names(const Machine& m) {
  std::string out;
  for (const QueueRef& r : io_queues(m)) out += (out.empty() ? "" : ", ") + r.queue->name;
  return out.empty() ? "none" : out;
}

// "nvme0q1" (kernel name) or "<controller>:q1" (serial or PCI address).
QueueRef find_queue(const Machine& m, const std::string& spec, const std::string& where) {
  std::string controller_key;
  std::string qid_text;
  if (auto colon = spec.rfind(':'); colon != std::string::npos && colon + 1 < spec.size() && spec[colon + 1] == 'q') {
    controller_key = spec.substr(0, colon);
    qid_text = spec.substr(colon + 2);
  } else if (auto q = spec.rfind('q'); q != std::string::npos && q > 0) {
    controller_key = spec.substr(0, q);
    qid_text = spec.substr(q + 1);
  }
  auto qid = parse_int(qid_text);
  const NvmeController* c = controller_key.empty() ? nullptr : m.find_controller(controller_key);
  if (c && qid && *qid > 0)
    for (const NvmeQueue& queue : c->queues)
      if (queue.qid == *qid) return {c, &queue};
  fail_at(where, "no NVMe I/O queue '" + spec + "' (queues: " + queue_names(m) + ")");
}

std::uint64_t draw(std::mt19937_64& rng, std::uint64_t n) { return n == 0 ? 0 : rng() % n; }

CpuSet layout_cpus_for(const Machine& m, const std::string& layout, int irq, const std::string& where) {
  LayoutRequest request;
  request.name = layout;
  LayoutPlan plan = make_layout(m, request);
  for (const PlannedIrq& p : plan.irqs)
    if (p.irq == irq) return p.cpus;
  fail_at(where, "layout '" + layout + "' has no plan for irq " + std::to_string(irq));
}

CpuSet move_target(const Machine& m, const QueueRef& q, const std::string& target, std::mt19937_64& rng,
                   const std::string& where) {
  if (target == "home") return q.queue->affinity;
  if (target == "local" || target == "remote") {
    try {
      return layout_cpus_for(m, target, q.queue->irq, where);
    } catch (const Error& e) {
      fail_at(where, "move " + q.queue->name + " to " + target + ": " + e.what());
    }
  }
  if (target == "random") {
    std::vector<int> cpus(m.present_cpus.begin(), m.present_cpus.end());
    return {cpus[draw(rng, cpus.size())]};
  }
  if (starts_with(target, "node ")) {
    const int id = parse_number<int>(std::string_view(target).substr(5)).value();  // checked by parse_scenario
    const NumaNode* node = m.node(id);
    if (!node) fail_at(where, "node " + std::to_string(id) + " does not exist (nodes: " + std::to_string(m.nodes.size()) + ")");
    return node->cpus;
  }
  const CpuSet cpus = *parse_cpu_list(target);
  for (int cpu : cpus)
    if (!m.present_cpus.count(cpu))
      fail_at(where, "CPU " + std::to_string(cpu) + " does not exist (CPUs: " + format_cpu_list(m.present_cpus) + ")");
  return cpus;
}

// CPUs random offline/online/cycle events may pick.
std::vector<int> cyclable_cpus(const Machine& m, const CpuSet& harness) {
  std::vector<int> out;
  for (int cpu : m.hotpluggable_cpus) {
    if (harness.count(cpu)) continue;
    auto node = m.node_of_cpu(cpu);
    const NumaNode* n = node ? m.node(*node) : nullptr;
    if (n && !n->cpus.empty() && *n->cpus.begin() == cpu) continue;
    out.push_back(cpu);
  }
  return out;
}

int hotplug_cpu(const Machine& m, const CpuSet& harness, const std::string& word, std::mt19937_64& rng,
                const std::string& where) {
  if (word == "random") {
    std::vector<int> cpus = cyclable_cpus(m, harness);
    if (cpus.empty())
      fail_at(where, "no CPU may go offline at random here (not the boot CPU, a harness CPU or a node's first CPU)");
    return cpus[draw(rng, cpus.size())];
  }
  const int cpu = parse_number<int>(word).value();  // checked by parse_scenario
  if (!m.present_cpus.count(cpu))
    fail_at(where, "CPU " + std::to_string(cpu) + " does not exist (CPUs: " + format_cpu_list(m.present_cpus) + ")");
  if (!m.hotpluggable_cpus.count(cpu))
    fail_at(where, "CPU " + std::to_string(cpu) + " cannot go offline (the boot CPU has no online file)");
  if (harness.count(cpu))
    fail_at(where, "CPU " + std::to_string(cpu) + " runs the harness's injector and is never taken offline");
  return cpu;
}

}  // namespace

std::string PlannedEvent::describe() const {
  switch (kind) {
    case Kind::Move: return "move " + queue + " -> " + format_cpu_list(cpus);
    case Kind::Offline: return "offline cpu" + std::to_string(cpu);
    case Kind::Online: return "online cpu" + std::to_string(cpu);
    case Kind::Layout: return "layout " + layout;
  }
  return "?";
}

std::vector<PlannedEvent> plan_events(const Scenario& s, const Machine& m, const CpuSet& harness) {
  std::mt19937_64 rng(s.seed);
  std::vector<PlannedEvent> plan;
  for (const EventRule& rule : s.events) {
    std::vector<std::int64_t> times;
    switch (rule.when) {
      case EventRule::When::At: times.push_back(rule.at_ns); break;
      case EventRule::When::Every:
        for (std::int64_t t = rule.at_ns; t <= rule.until_ns; t += rule.period_ns) times.push_back(t);
        break;
      case EventRule::When::Random:
        for (unsigned i = 0; i < rule.count; ++i)
          times.push_back(rule.at_ns + static_cast<std::int64_t>(
                                           draw(rng, static_cast<std::uint64_t>(rule.until_ns - rule.at_ns) + 1)));
        break;
    }
    const EventAction& a = rule.action;
    for (std::int64_t t : times) {
      throw_if_interrupted();  // up to kMaxScenarioEvents of them
      PlannedEvent e;
      e.at_ns = t;
      e.source = rule.source;
      switch (a.kind) {
        case EventAction::Kind::Move: {
          std::vector<QueueRef> queues = io_queues(m);
          if (queues.empty()) fail_at(rule.source, "no NVMe I/O queue on this machine to move");
          QueueRef q = a.queue == "random" ? queues[draw(rng, queues.size())] : find_queue(m, a.queue, rule.source);
          e.kind = PlannedEvent::Kind::Move;
          e.irq = q.queue->irq;
          e.queue = q.queue->name;
          e.cpus = move_target(m, q, a.target, rng, rule.source);
          plan.push_back(e);
          break;
        }
        case EventAction::Kind::Offline:
        case EventAction::Kind::Online:
          e.kind = a.kind == EventAction::Kind::Offline ? PlannedEvent::Kind::Offline : PlannedEvent::Kind::Online;
          e.cpu = hotplug_cpu(m, harness, a.cpu, rng, rule.source);
          plan.push_back(e);
          break;
        case EventAction::Kind::Cycle:
          e.kind = PlannedEvent::Kind::Offline;
          e.cpu = hotplug_cpu(m, harness, a.cpu, rng, rule.source);
          plan.push_back(e);
          e.kind = PlannedEvent::Kind::Online;
          e.at_ns = t + a.hold_ns;
          plan.push_back(e);
          break;
        case EventAction::Kind::Layout:
          try {
            LayoutRequest request;
            request.name = a.layout;
            make_layout(m, request);
          } catch (const Error& err) {
            fail_at(rule.source, std::string("layout: ") + err.what());
          }
          e.kind = PlannedEvent::Kind::Layout;
          e.layout = a.layout;
          plan.push_back(e);
          break;
      }
    }
  }
  // A node must keep one online CPU whatever the order of events.
  std::map<int, CpuSet> offlined_per_node;
  for (const PlannedEvent& e : plan)
    if (e.kind == PlannedEvent::Kind::Offline)
      if (auto node = m.node_of_cpu(e.cpu)) offlined_per_node[*node].insert(e.cpu);
  for (const auto& [node, cpus] : offlined_per_node) {
    const NumaNode* n = m.node(node);
    if (n && std::includes(cpus.begin(), cpus.end(), n->cpus.begin(), n->cpus.end()))
      throw Error(s.source + ": the events take every CPU of node " + std::to_string(node) + " (" +
                  format_cpu_list(n->cpus) + ") offline; a node keeps at least one");
  }
  std::stable_sort(plan.begin(), plan.end(), [](const PlannedEvent& a, const PlannedEvent& b) { return a.at_ns < b.at_ns; });
  return plan;
}

FioLoad resolve_fio_load(const Scenario& s, const Machine& m) {
  FioLoad load = s.fio;
  load.runtime_s = static_cast<unsigned>((s.duration_ns + 999'999'999) / 1'000'000'000);
  load.filenames.clear();
  std::string all_names;
  for (const NvmeController& c : m.controllers)
    for (const NvmeNamespace& ns : c.namespaces) all_names += (all_names.empty() ? "" : ", ") + ns.name;
  for (const std::string& target : s.fio_targets) {
    bool found = false;
    for (const NvmeController& c : m.controllers)
      for (const NvmeNamespace& ns : c.namespaces)
        if (target == "all" || target == ns.name || target == "/dev/" + ns.name) {
          const std::string path = "/dev/" + ns.name;
          if (std::find(load.filenames.begin(), load.filenames.end(), path) == load.filenames.end())
            load.filenames.push_back(path);
          found = true;
        }
    if (!found)
      throw Error(s.source + ": fio.targets: no NVMe namespace '" + target + "' (namespaces: " +
                  (all_names.empty() ? "none" : all_names) + ")");
  }
  return load;
}

}  // namespace irqlab
