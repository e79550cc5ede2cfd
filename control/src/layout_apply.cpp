#include "irqlab/control/layout_apply.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/topology_report.h"

namespace irqlab {
namespace {

std::string list_or_dash(const CpuSet& cpus) { return cpus.empty() ? "-" : format_cpu_list(cpus); }

}  // namespace

int LayoutReport::count(IrqMove::Status status) const {
  int n = 0;
  for (const IrqMove& m : moves) n += m.status == status;
  return n;
}

std::string LayoutReport::summary() const {
  std::string out = std::to_string(moves.size()) + (moves.size() == 1 ? " interrupt: " : " interrupts: ") +
                    std::to_string(count(IrqMove::Status::Moved)) + " moved";
  if (int n = count(IrqMove::Status::AlreadyThere)) out += ", " + std::to_string(n) + " already there";
  // Refusals grouped by their reason, so that "managed interrupt (EPERM)" reads as one fact.
  std::map<std::string, int> refusals;
  for (const IrqMove& m : moves)
    if (m.status == IrqMove::Status::Refused) ++refusals[m.outcome];
  for (const auto& [reason, n] : refusals) out += ", " + std::to_string(n) + " " + reason;
  if (int n = count(IrqMove::Status::Pending)) out += ", " + std::to_string(n) + " pending until their next interrupt";
  if (int n = count(IrqMove::Status::Unverified)) out += ", " + std::to_string(n) + " written but not effective";
  if (int n = count(IrqMove::Status::Skipped)) out += ", " + std::to_string(n) + " skipped (CPUs offline)";
  return out;
}

LayoutReport apply_layout(ControlSession& session, const LayoutPlan& plan) {
  LayoutReport report;
  report.plan = plan;
  for (const PlannedIrq& p : plan.irqs) {
    throw_if_interrupted();  // SIGINT/SIGTERM: stop here, the session puts back what was done
    IrqMove m = session.move_irq(p.irq, p.cpus);
    if (m.name.empty()) m.name = p.name;
    report.moves.push_back(std::move(m));
  }
  return report;
}

nlohmann::ordered_json layout_report_json(const LayoutReport& report) {
  using json = nlohmann::ordered_json;
  json irqs = json::array();
  for (std::size_t i = 0; i < report.moves.size(); ++i) {
    const IrqMove& m = report.moves[i];
    const PlannedIrq& p = report.plan.irqs[i];
    irqs.push_back({{"controller", p.controller},
                    {"qid", p.qid},
                    {"irq", m.irq},
                    {"name", m.name},
                    {"plan", cpu_array(m.requested)},
                    {"before", cpu_array(m.before)},
                    {"effective_before", cpu_array(m.effective_before)},
                    {"after", cpu_array(m.after)},
                    {"effective_after", cpu_array(m.effective_after)},
                    {"status", to_text(m.status)},
                    {"errno", m.error ? json(errno_name(m.error)) : json(nullptr)},
                    {"outcome", m.outcome},
                    {"write_ms", m.write_ms},
                    {"effective_ms", m.status == IrqMove::Status::Moved ? json(m.effective_ms) : json(nullptr)}});
  }
  return {{"schema", kLayoutReportJsonSchema},
          {"version", kLayoutReportJsonVersion},
          {"layout", report.plan.name},
          {"description", report.plan.description},
          {"summary", report.summary()},
          {"interrupts", irqs}};
}

std::string layout_report_table(const LayoutReport& report) {
  std::ostringstream out;
  out << "layout " << report.plan.name << ": " << report.plan.description << "\n";
  out << "irq   queue      plan       before     after      effective  outcome\n";
  char buf[512];
  for (const IrqMove& m : report.moves) {
    std::snprintf(buf, sizeof buf, "%-5d %-10s %-10s %-10s %-10s %-10s %s\n", m.irq, m.name.c_str(),
                  list_or_dash(m.requested).c_str(), list_or_dash(m.before).c_str(), list_or_dash(m.after).c_str(),
                  list_or_dash(m.effective_after).c_str(), m.outcome.c_str());
    out << buf;
  }
  out << report.summary() << "\n";
  return out.str();
}

}  // namespace irqlab
