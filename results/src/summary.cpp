// summarize(): per run, then per arm, then arm against arm.
#include <algorithm>
#include <cmath>

#include "irqlab/common/statistics.h"
#include "irqlab/results/summary.h"

namespace irqlab {

namespace {

MetricCell summarize_cell(const MetricSpec& spec, const std::vector<const ModeRun*>& runs) {
  MetricCell cell;
  cell.boots = runs.size();
  for (const ModeRun* r : runs)
    if (auto v = spec.value(*r); v && std::isfinite(*v)) {
      cell.values.push_back(*v);
      cell.repetitions.push_back(r->repetition);
    }
  if (cell.values.empty()) {
    cell.absent = runs.empty() ? "no run" : spec.absent(*runs.front());
    return cell;
  }
  cell.median = stats::median(cell.values);
  // Boots without the figure are not a random loss (an event that did not
  // happen in that boot): an interval over the others would pretend they were.
  if (cell.values.size() == cell.boots)
    if (auto ci = stats::median_ci(cell.values)) cell.ci95 = std::pair{ci->low, ci->high};
  // A boot that lost trace events where this figure looks: its value is
  // missing (or the figure spans fewer events), so the cell is marked.
  if (spec.from_trace)
    for (const ModeRun* r : runs)
      for (const EventMetrics& e : r->metrics.events) cell.invalid = cell.invalid || e.trace_lost;
  const auto harmonic = spec.rate ? stats::harmonic_mean(cell.values) : std::nullopt;
  cell.mean = harmonic ? *harmonic : stats::mean(cell.values);
  return cell;
}

ArmSummary summarize_arm(const Comparison& c, const std::string& arm, const std::vector<MetricSpec>& metrics) {
  ArmSummary a;
  a.arm = arm;
  for (const ModeRun& r : c.runs)
    if (r.arm == arm) a.runs.push_back(&r);
  a.mode = a.runs.front()->mode;
  a.label = arm_label(arm, a.mode);
  for (const MetricSpec& spec : metrics) a.cells.push_back(summarize_cell(spec, a.runs));
  for (const ModeRun* r : a.runs) {
    const RunMetrics& m = r->metrics;
    a.moves += m.moves;
    a.accepted += m.moves_accepted;
    a.refused += m.moves_refused;
    a.cpu_events += m.cpu_events;
    a.cpu_failed += m.cpu_events_failed;
    a.fio_errors += m.fio_error != 0;
    a.kernel_problems += m.kernel_problems.size();
    a.vector_drift += m.vector_drift.size();
    a.vector_checked = a.vector_checked || m.vector_checked;
    a.lost_trace_events += m.lost_trace_events;
  }
  a.overhead = tracing_overhead(c, arm);
  return a;
}

Mark direction_mark(const MetricSpec& spec, double estimate) {
  const bool up = estimate > 0;
  switch (spec.better) {
    case Better::Lower: return up ? Mark::Worse : Mark::Better;
    case Better::Higher: return up ? Mark::Better : Mark::Worse;
    case Better::Neither: break;
  }
  return up ? Mark::Higher : Mark::Lower;
}

MetricComparison compare_cell(const MetricSpec& spec, const MetricCell& a, const MetricCell& b, double alpha) {
  MetricComparison c;
  if (a.values.size() < 2 || b.values.size() < 2) {
    c.why_not = a.values.empty() || b.values.empty() ? "no value in one arm" : "fewer than 2 boots in one arm";
    return c;
  }
  auto positive = [](const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x > 0; });
  };
  c.ratio = spec.relative && positive(a.values) && positive(b.values);
  std::vector<double> la = a.values, lb = b.values;
  if (c.ratio) {
    for (double& x : la) x = std::log(x);
    for (double& x : lb) x = std::log(x);
  }
  const stats::Shift shift = stats::hodges_lehmann(la, lb, 1 - alpha);
  auto scale = [&c](double s) { return c.ratio ? (std::exp(s) - 1) * 100 : s; };
  c.estimate = scale(shift.estimate);
  if (shift.ci) c.ci95 = std::pair{scale(shift.ci->low), scale(shift.ci->high)};
  const stats::RankTest test = stats::mann_whitney(a.values, b.values);
  c.p_value = test.p_value;
  c.min_p = test.min_p;
  c.mark = test.min_p > alpha ? Mark::NTooSmall : Mark::Same;
  // Every value of both arms the same: no relabelling changes anything, so
  // the metric can never be flagged; it stays out of the family.
  const auto [lo, hi] = std::minmax_element(a.values.begin(), a.values.end());
  if (c.mark == Mark::Same && std::all_of(b.values.begin(), b.values.end(), [&](double x) { return x == *lo; }) &&
      *lo == *hi)
    c.mark = Mark::NotTested, c.why_not = "every boot of both arms has the same value";
  return c;
}

}  // namespace

ArmComparison compare_cells(const std::vector<MetricSpec>& metrics, const std::vector<MetricCell>& a,
                            const std::vector<MetricCell>& b, double alpha) {
  ArmComparison out;
  std::vector<std::size_t> family;
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    out.metrics.push_back(compare_cell(metrics[i], a[i], b[i], alpha));
    if (out.metrics.back().mark == Mark::Same) family.push_back(i);
  }
  // Benjamini-Hochberg over the metrics that could reach alpha at all (a
  // metric whose smallest possible p is above alpha can never be flagged):
  // when all are unchanged (A/A) it bounds the chance of any mark by alpha,
  // and when several change together, as two modes do, it keeps the power
  // that Holm's per-metric alpha/m would take away at a few boots.
  std::vector<double> raw;
  for (std::size_t i : family) raw.push_back(*out.metrics[i].p_value);
  const std::vector<double> adjusted = stats::benjamini_hochberg(raw);
  for (std::size_t k = 0; k < family.size(); ++k) {
    MetricComparison& m = out.metrics[family[k]];
    m.p_adjusted = adjusted[k];
    if (adjusted[k] <= alpha && m.estimate) m.mark = direction_mark(metrics[family[k]], *m.estimate);
  }
  out.tested = family.size();
  return out;
}

namespace {

ArmComparison compare_arms(const Summary& s, const ArmSummary& a, const ArmSummary& b, std::string label) {
  ArmComparison out = compare_cells(s.metrics, a.cells, b.cells, s.alpha);
  out.a = a.arm;
  out.b = b.arm;
  out.label = std::move(label);
  return out;
}

// The one arm of a mode, named after it (not "override-b" of an A/A).
bool sole_arm_of(const ArmSummary& a, ManagedMode mode) { return a.mode == mode && a.arm == to_text(mode); }

// "opt 3", or "opt 3 b" for a second arm of the same mode.
std::string short_label(const ArmSummary& a) {
  std::string label = a.label.substr(0, a.label.find(" ("));
  if (a.arm != to_text(a.mode)) label += " " + a.arm.substr(a.arm.rfind('-') + 1);
  return label;
}

// The table's column: the two arms of an A/A when there are, else option 3
// against option 1, else the only two arms.
std::pair<const ArmSummary*, const ArmSummary*> headline(const Summary& s) {
  for (const ArmSummary& a : s.arms)
    for (const ArmSummary& b : s.arms)
      if (&a < &b && a.mode == b.mode && a.arm != to_text(a.mode)) return {&a, &b};
  const ArmSummary *spread = nullptr, *override_arm = nullptr;
  for (const ArmSummary& a : s.arms) {
    if (sole_arm_of(a, ManagedMode::Spread)) spread = &a;
    if (sole_arm_of(a, ManagedMode::Override)) override_arm = &a;
  }
  if (spread && override_arm) return {spread, override_arm};
  if (s.arms.size() == 2) return {&s.arms[0], &s.arms[1]};
  return {nullptr, nullptr};
}

void add_comparisons(Summary& s) {
  const auto [head_a, head_b] = headline(s);
  if (head_a)
    s.comparisons.push_back(compare_arms(s, *head_a, *head_b,
                                         short_label(*head_b) + " vs " +
                                             (head_a->mode == head_b->mode ? head_a->arm.substr(head_a->arm.rfind('-') + 1)
                                                                           : short_label(*head_a))));
  for (const ArmSummary& stock : s.arms) {
    if (!sole_arm_of(stock, ManagedMode::Strict)) continue;
    for (const ArmSummary& b : s.arms)
      if (&b != &stock && !(head_a == &stock && head_b == &b))
        s.comparisons.push_back(compare_arms(s, stock, b, short_label(b) + " vs " + short_label(stock)));
  }
}

void add_noise(Summary& s) {
  std::vector<double> cvs;
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    if (s.metrics[i].key != "iops.steady") continue;
    for (const ArmSummary& a : s.arms) {
      const std::vector<double>& v = a.cells[i].values;
      s.n_per_arm = std::min(s.n_per_arm.value_or(v.size()), v.size());
      if (v.size() < 3) continue;
      const double mean = stats::mean(v);
      double ss = 0;
      for (double x : v) ss += (x - mean) * (x - mean);
      if (mean > 0) cvs.push_back(std::sqrt(ss / static_cast<double>(v.size() - 1)) / mean);
    }
  }
  if (cvs.empty() || !s.n_per_arm) return;
  s.steady_iops_cv = stats::median(cvs);
  s.detectable_shift = stats::detectable_shift(*s.n_per_arm, *s.steady_iops_cv, s.alpha, 0.9, 400, 1);
}

}  // namespace

const char* better_text(Better b) {
  switch (b) {
    case Better::Lower: return "lower";
    case Better::Higher: return "higher";
    case Better::Neither: break;
  }
  return "neither";
}

std::optional<Better> better_from_text(std::string_view text) {
  for (Better b : {Better::Lower, Better::Higher, Better::Neither})
    if (text == better_text(b)) return b;
  return std::nullopt;
}

std::string mark_text(Mark m) {
  switch (m) {
    case Mark::Better: return "better";
    case Mark::Worse: return "worse";
    case Mark::Higher: return "higher";
    case Mark::Lower: return "lower";
    case Mark::Same: return "~";
    case Mark::NTooSmall: return "n small";
    case Mark::NotTested: break;
  }
  return "";
}

Summary summarize(const Comparison& c) {
  Summary s;
  s.metrics = metric_catalog(c.runs);
  std::vector<std::string> arms;
  for (const ModeRun& r : c.runs)
    if (std::find(arms.begin(), arms.end(), r.arm) == arms.end()) arms.push_back(r.arm);
  auto mode_of = [&c](const std::string& arm) {
    return std::find_if(c.runs.begin(), c.runs.end(), [&arm](const ModeRun& r) { return r.arm == arm; })->mode;
  };
  // Arms in the order of the modes' enum (stock, option 1, option 3), then by name.
  std::stable_sort(arms.begin(), arms.end(), [&mode_of](const std::string& x, const std::string& y) {
    const ManagedMode mx = mode_of(x), my = mode_of(y);
    return mx != my ? mx < my : x < y;
  });
  for (const std::string& arm : arms) s.arms.push_back(summarize_arm(c, arm, s.metrics));
  add_comparisons(s);
  add_noise(s);
  s.overhead_pooled = tracing_overhead(c, "");
  return s;
}

}  // namespace irqlab
