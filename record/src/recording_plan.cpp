#include "irqlab/record/recording_plan.h"

#include <algorithm>

namespace irqlab {

std::string irq_filter_expression(std::vector<int> irqs) {
  std::sort(irqs.begin(), irqs.end());
  irqs.erase(std::unique(irqs.begin(), irqs.end()), irqs.end());
  std::string out;
  for (std::size_t i = 0; i < irqs.size();) {
    std::size_t j = i;
    while (j + 1 < irqs.size() && irqs[j + 1] == irqs[j] + 1) ++j;
    if (!out.empty()) out += " || ";
    out += j == i ? "irq==" + std::to_string(irqs[i])
                  : "(irq>=" + std::to_string(irqs[i]) + " && irq<=" + std::to_string(irqs[j]) + ")";
    i = j + 1;
  }
  return out;
}

std::vector<Tracepoint> run_tracepoints(const std::vector<std::string>& available, const Machine& machine) {
  std::vector<int> queue_irqs;
  for (const NvmeController& c : machine.controllers)
    for (const NvmeQueue* q : c.io_queues()) queue_irqs.push_back(q->irq);
  std::vector<Tracepoint> out;
  for (const std::string& e : available)
    out.push_back({e, e == "irq:irq_handler_entry" ? irq_filter_expression(queue_irqs) : ""});
  return out;
}

RecordingPlan plan_recording(const RecorderOptions& options, const std::vector<Tracepoint>& tracepoints) {
  RecordingPlan plan;
  std::vector<std::string> exclusive;
  for (const RecorderOps* ops : registered_recorders()) {
    plan.recorders.push_back({ops, ops->choose(options, tracepoints, plan.notes)});
    if (ops->exclusive)
      for (const Tracepoint& t : plan.recorders.back().events) exclusive.push_back(t.name);
  }
  for (PlannedRecorder& r : plan.recorders)
    if (!r.ops->exclusive)
      std::erase_if(r.events, [&exclusive](const Tracepoint& t) {
        return std::find(exclusive.begin(), exclusive.end(), t.name) != exclusive.end();
      });
  std::erase_if(plan.recorders, [](const PlannedRecorder& r) { return r.events.empty(); });
  return plan;
}

std::string announce_recording(const RecordingPlan& plan) {
  std::string out;
  for (const PlannedRecorder& r : plan.recorders) {
    const std::string part = r.ops->announce(r.events);
    if (!part.empty()) out += (out.empty() ? "" : ", ") + part;
  }
  return out;
}

}  // namespace irqlab
