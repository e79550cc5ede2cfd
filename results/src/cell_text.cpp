// The words of the per-arm tables (cell_text.h).
#include "cell_text.h"

#include <algorithm>
#include <cstdio>

namespace irqlab::report_text {

std::string Footnotes::na(const std::string& reason) {
  auto it = std::find(reasons_.begin(), reasons_.end(), reason);
  const std::size_t k = static_cast<std::size_t>(it - reasons_.begin()) + 1;
  if (it == reasons_.end()) reasons_.push_back(reason);
  return "n/a [" + std::to_string(k) + "]";
}

std::string median_text(const MetricSpec& spec, const MetricCell& c) {
  if (c.values.empty()) return "";
  return format_value(spec, c.median) + (c.invalid ? " !" : "");
}

std::string n_text(const MetricCell& c) {
  if (c.values.size() < c.boots) return "n=" + std::to_string(c.values.size()) + "/" + std::to_string(c.boots);
  return "n=" + std::to_string(c.values.size());
}

std::string interval_text(const MetricSpec& spec, const MetricCell& c) {
  return c.ci95 ? format_interval(spec, c.ci95->first, c.ci95->second) : "";
}

std::string spread_text(const MetricSpec& spec, const MetricCell& c) {
  if (c.values.empty()) return "";
  return c.ci95 ? interval_text(spec, c) : n_text(c);
}

std::string shift_text(const MetricSpec& spec, const MetricComparison& m) {
  return m.estimate ? format_shift(spec, m.ratio, *m.estimate) : "";
}

std::string shift_interval_text(const MetricSpec& spec, const MetricComparison& m) {
  return m.estimate && m.ci95 ? format_shift_interval(spec, m.ratio, m.ci95->first, m.ci95->second) : "";
}

std::string p_text(double p) {
  if (p < 0.0001) return "<0.0001";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2g", p);
  return buf;
}

const std::vector<std::string>& verdict_columns() {
  static const std::vector<std::string> columns{"metric", "shift [95% interval]", "mark", "adjusted p"};
  return columns;
}

std::string nothing_compared(const ArmComparison& h) {
  std::vector<std::string> why;
  for (const MetricComparison& m : h.metrics) {
    if (m.estimate) return "";
    if (std::find(why.begin(), why.end(), m.why_not) == why.end()) why.push_back(m.why_not);
  }
  std::string out = "Nothing to compare";
  for (std::size_t k = 0; k < why.size(); ++k) out += (k == 0 ? ": " : "; ") + why[k];
  return out + ".";
}

std::string overhead_heading(const ComparisonInfo& info) {
  char target[64];
  std::snprintf(target, sizeof target, "tracing overhead: target <= %g%% of IOPS", info.overhead_target_percent);
  return target;
}

std::vector<ArmRow> overhead_rows(const Summary& s, Footnotes& notes) {
  if (std::none_of(s.arms.begin(), s.arms.end(), [](const ArmSummary& a) { return a.overhead.has_value(); }))
    return {};
  ArmRow row{"  all pairs: verdict", {}};
  for (const ArmSummary& a : s.arms) {
    if (!a.overhead) row.cells.emplace_back(notes.na("the scenario has no overhead probe"), "");
    else if (a.overhead->ci95) row.cells.emplace_back(a.overhead->verdict, range_text(*a.overhead));
    else row.cells.emplace_back(a.overhead->verdict, std::to_string(a.overhead->pairs) + " pairs");
  }
  return {row};
}

std::string pooled_overhead_text(const Summary& s) {
  if (s.arms.size() < 2 || !s.overhead_pooled) return "";
  const OverheadSummary& o = *s.overhead_pooled;
  std::string line = "all arms pooled: " + format_number(o.median_percent) + "%";
  if (o.ci95) line += " (" + range_text(o) + "%)";
  line += ", " + std::to_string(o.pairs) + " pairs of " + std::to_string(o.boots) + " boots: " + o.verdict;
  if (o.probe_s_to_resolve)
    line += " (overhead-probe = " + std::to_string(static_cast<long long>(*o.probe_s_to_resolve)) +
            "s would likely resolve it)";
  return line;
}

namespace {

std::string count(std::size_t n, const char* unit) { return n ? std::to_string(n) + unit : std::string("none"); }

ArmRow one_line_row(const Summary& s, std::string label, const std::function<std::string(const ArmSummary&)>& f) {
  ArmRow row{std::move(label), {}};
  for (const ArmSummary& a : s.arms) row.cells.emplace_back(f(a), "");
  return row;
}

}  // namespace

std::vector<ArmRow> correctness_rows(const Summary& s, Footnotes& notes) {
  std::vector<ArmRow> rows;
  rows.push_back(one_line_row(s, "  moves accepted", [&notes](const ArmSummary& a) {
    if (a.moves == 0) return notes.na("the scenario moves no interrupt");
    return std::to_string(a.accepted) + " of " + std::to_string(a.moves);
  }));
  rows.push_back(one_line_row(s, "  CPU events done", [&notes](const ArmSummary& a) {
    if (a.cpu_events == 0) return notes.na("the scenario takes no CPU offline");
    return std::to_string(a.cpu_events - a.cpu_failed) + " of " + std::to_string(a.cpu_events);
  }));
  rows.push_back(one_line_row(s, "  fio errors (boots)", [](const ArmSummary& a) { return count(a.fio_errors, ""); }));
  rows.push_back(
      one_line_row(s, "  kernel log problems", [](const ArmSummary& a) { return count(a.kernel_problems, ""); }));
  rows.push_back(one_line_row(s, "  vector matrix drift", [&notes](const ArmSummary& a) {
    if (!a.vector_checked) return notes.na("no vector matrix (debugfs not mounted, or not x86)");
    return count(a.vector_drift, " changes");
  }));
  rows.push_back(
      one_line_row(s, "  lost trace events", [](const ArmSummary& a) { return count(a.lost_trace_events, ""); }));
  rows.push_back(one_line_row(s, "  boots", [](const ArmSummary& a) { return std::to_string(a.runs.size()); }));
  return rows;
}

std::vector<std::pair<std::string, std::vector<ArmRow>>> arm_row_groups(const Comparison& c, const Summary& s,
                                                                        Footnotes& notes) {
  std::vector<std::pair<std::string, std::vector<ArmRow>>> groups;
  if (std::vector<ArmRow> rows = overhead_rows(s, notes); !rows.empty())
    groups.emplace_back(overhead_heading(c.info), std::move(rows));
  groups.emplace_back("correctness (summed over boots)", correctness_rows(s, notes));
  return groups;
}

void for_each_metric(const Summary& s, const std::function<void(const std::string& group)>& group,
                     const std::function<void(std::size_t metric)>& metric) {
  std::string current;
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    if (i == 0 || s.metrics[i].group != current) group(current = s.metrics[i].group);
    metric(i);
  }
}

}  // namespace irqlab::report_text
