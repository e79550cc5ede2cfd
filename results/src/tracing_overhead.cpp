// The tracing overhead of an arm against the scenario's target.
#include <algorithm>
#include <cmath>

#include "irqlab/common/statistics.h"
#include "irqlab/results/comparison.h"

namespace irqlab {

namespace {

struct Judgement {
  std::string verdict;
  std::optional<double> probe_s;  // unresolved: the probe length that would likely resolve it
};

// One interval against the target; an unresolved one also says which probe
// length would narrow it enough if it narrows as 1/sqrt(pairs).
Judgement judge(const std::optional<stats::Interval>& ci, double median, double target, std::size_t pairs) {
  if (ci && ci->high <= target && ci->high - ci->low <= 2 * target) return {"met", std::nullopt};
  if (ci && ci->low > target) return {"exceeded", std::nullopt};
  if (!ci || median == target) return {"unresolved", std::nullopt};
  const double half = (ci->high - ci->low) / 2;
  const double needed = median < target ? std::min(target, target - median) : median - target;
  // A pair is one second of windows (500 ms off, 500 ms on); overhead-probe = T gives 2T of them.
  return {"unresolved", std::ceil(static_cast<double>(pairs) * (half / needed) * (half / needed) / 2)};
}

std::optional<std::pair<double, double>> as_pair(const std::optional<stats::Interval>& i) {
  if (!i) return std::nullopt;
  return std::pair{i->low, i->high};
}

}  // namespace

std::optional<OverheadSummary> tracing_overhead(const Comparison& c, const std::string& arm) {
  std::vector<std::vector<double>> boots;
  std::vector<double> all;
  for (const ModeRun& r : c.runs)
    if ((arm.empty() || r.arm == arm) && !r.metrics.probe_pair_overheads.empty()) {
      boots.push_back(r.metrics.probe_pair_overheads);
      all.insert(all.end(), boots.back().begin(), boots.back().end());
    }
  if (all.empty()) return std::nullopt;
  const double target = c.info.overhead_target_percent;
  OverheadSummary s;
  s.median_percent = stats::median(all);
  s.pairs = all.size();
  s.boots = boots.size();
  if (boots.size() == 1 || boots.size() >= 6) {
    // One boot: its pairs. Six boots or more: the boot is the unit, and the
    // interval is that of the median of the boots' medians.
    std::vector<double> units = all;
    if (boots.size() > 1) {
      units.clear();
      for (const auto& b : boots) units.push_back(stats::median(b));
      s.median_percent = stats::median(units);
    }
    const auto ci = stats::median_ci(units);
    s.ci95 = as_pair(ci);
    const Judgement j = judge(ci, s.median_percent, target, boots.size() == 1 ? all.size() : 0);
    s.verdict = j.verdict;
    if (boots.size() == 1) s.probe_s_to_resolve = j.probe_s;
    return s;
  }
  // 2 to 5 boots are too few for an interval over boots, and their pairs are
  // not independent across boots: each boot is judged on its own pairs, and
  // the arm is met (exceeded) only when every boot is.
  std::vector<std::string> verdicts;
  for (const auto& b : boots) {
    const auto ci = stats::median_ci(b);
    const Judgement j = judge(ci, stats::median(b), target, b.size());
    verdicts.push_back(j.verdict);
    if (j.probe_s) s.probe_s_to_resolve = std::max(s.probe_s_to_resolve.value_or(0), *j.probe_s);
  }
  const auto all_are = [&verdicts](const char* v) {
    return std::all_of(verdicts.begin(), verdicts.end(), [v](const std::string& x) { return x == v; });
  };
  s.verdict = all_are("met") ? "met" : all_are("exceeded") ? "exceeded" : "unresolved";
  if (s.verdict != "unresolved") s.probe_s_to_resolve.reset();
  return s;
}

}  // namespace irqlab
