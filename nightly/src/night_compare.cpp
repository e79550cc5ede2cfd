// compare_nights(): a night's arms against the same arms of its baseline.
#include "irqlab/nightly/night_compare.h"

#include <algorithm>
#include <cmath>

#include "irqlab/common/statistics.h"
#include "irqlab/common/text.h"

namespace irqlab {

namespace {

// A shift of the comparison (the estimate or a bound of its interval) in %
// of the baseline: itself for a ratio comparison, else relative to the
// baseline's median; from a baseline of 0 any change is infinitely large.
double percent_of(const MetricChange& c, double shift) {
  if (c.comparison.ratio) return shift;
  if (c.baseline_median == 0) return shift == 0 ? 0 : std::copysign(INFINITY, shift);
  return shift / std::fabs(c.baseline_median) * 100;
}

// Past the threshold with confidence: the estimate, and the bound of the
// interval nearer to no change, both beyond it. A boot noise that happens
// to separate two nights (at 6 against 6, about 1 in 900 per metric under
// no change) rarely also moves the whole interval past a 5% threshold.
bool past_threshold(const MetricChange& c) {
  if (!c.threshold || !c.comparison.estimate) return false;
  const double limit = c.threshold->percent;
  const double estimate = percent_of(c, *c.comparison.estimate);
  if (std::fabs(estimate) <= limit) return false;
  if (!c.comparison.ci95) return true;
  const double near = estimate > 0 ? c.comparison.ci95->first : c.comparison.ci95->second;
  return std::fabs(percent_of(c, near)) > limit && (near > 0) == (estimate > 0);
}

const RecordedMetric* metric_in(const RecordedArm& a, const std::string& key) {
  for (const RecordedMetric& m : a.metrics)
    if (m.key == key) return &m;
  return nullptr;
}

std::string change_line(const MetricChange& c, double percent) {
  return c.scenario + "/" + c.arm + " " + c.metric + " " + format_shift(c.spec, true, percent) + " (" +
         format_value(c.spec, c.baseline_median) + " -> " + format_value(c.spec, c.night_median) + ", p=" +
         format_number(c.comparison.p_adjusted.value_or(1)) + ", threshold " + format_number(c.threshold->percent) +
         "%)";
}

// The metrics of one arm present on both nights, gated ones (with a
// threshold) or the others.
struct Family {
  std::vector<MetricSpec> specs;
  std::vector<MetricCell> a, b;
};

Family family_of(const RecordedArm& base, const RecordedArm& night, const NightRecord& rules, bool gated) {
  Family f;
  for (const RecordedMetric& m : night.metrics) {
    const RecordedMetric* old = metric_in(base, m.key);
    if (!old || threshold_for(rules.thresholds, m.key).has_value() != gated) continue;
    f.specs.push_back(spec_of(m));
    f.a.push_back({});
    f.a.back().values = old->values;
    f.b.push_back({});
    f.b.back().values = m.values;
  }
  return f;
}

// The gated metrics form their own family for the adjustment: the gate tests
// those hypotheses only, and the metrics shown for information do not dilute
// its power (at 6 boots against 6, one changed metric among 25 would never
// survive Benjamini-Hochberg; among the 14 gated ones it does).
void compare_arm(NightComparison& out, const std::string& scenario, const RecordedArm& base,
                 const RecordedArm& night, const NightRecord& rules) {
  for (const RecordedMetric& m : base.metrics)
    if (!metric_in(night, m.key) && threshold_for(rules.thresholds, m.key))
      out.broken.push_back(scenario + "/" + night.arm + " " + m.key + ": in the baseline, in no boot tonight");
  std::size_t tested = 0, compared = 0;
  for (bool gated : {true, false}) {
    const Family f = family_of(base, night, rules, gated);
    const ArmComparison cmp = compare_cells(f.specs, f.a, f.b, rules.alpha);
    tested += cmp.tested;
    compared += f.specs.size();
    for (std::size_t i = 0; i < f.specs.size(); ++i) {
      MetricChange c{scenario, night.arm, f.specs[i].key, f.specs[i], stats::median(f.a[i].values),
                     stats::median(f.b[i].values), f.a[i].values.size(), f.b[i].values.size(), cmp.metrics[i],
                     threshold_for(rules.thresholds, f.specs[i].key), false};
      c.regression = c.comparison.mark == Mark::Worse && past_threshold(c);
      if (c.regression) out.regressions.push_back(change_line(c, percent_of(c, *c.comparison.estimate)));
      out.changes.push_back(std::move(c));
    }
  }
  if (tested == 0 && compared > 0)
    out.notes.push_back(scenario + "/" + night.arm + ": " + std::to_string(base.boots) + " against " +
                        std::to_string(night.boots) + " boots cannot reach p <= " + format_number(rules.alpha) +
                        " for any metric, so only its correctness counters can fail the gate");
}

void check_correctness(NightComparison& out, const NightRecord& night) {
  for (const std::string& failed : night.failed_runs) out.broken.push_back("run " + failed);
  for (const RecordedScenario& s : night.scenarios) {
    if (s.recorded_runs < s.planned_runs)
      out.broken.push_back(s.name + ": " + std::to_string(s.planned_runs - s.recorded_runs) + " of " +
                           std::to_string(s.planned_runs) + " runs missing");
    for (const RecordedArm& a : s.arms)
      for (const std::string& counter : gate_counters())
        if (auto it = a.correctness.find(counter); it != a.correctness.end() && it->second > 0)
          out.broken.push_back(s.name + "/" + a.arm + " " + counter + " = " + std::to_string(it->second));
  }
}

}  // namespace

std::string NightComparison::verdict() const {
  if (!broken.empty()) return "broken: " + broken.front() + (broken.size() > 1 ? " (and " + std::to_string(broken.size() - 1) + " more)" : "");
  if (!regressions.empty())
    return "regression: " + regressions.front() +
           (regressions.size() > 1 ? " (and " + std::to_string(regressions.size() - 1) + " more)" : "");
  return baseline.empty() ? "pass (no baseline)" : "pass";
}

NightComparison compare_nights(const NightRecord& night, const NightRecord* baseline, bool simulate_noise) {
  NightComparison out;
  out.night = night.id;
  out.alpha = night.alpha;
  check_correctness(out, night);
  if (!baseline) {
    out.notes.push_back("no baseline: no earlier good night of '" + night.night + "' on this machine");
    return out;
  }
  out.baseline = baseline->id;
  for (const RecordedScenario& s : night.scenarios) {
    const RecordedScenario* old = nullptr;
    for (const RecordedScenario& b : baseline->scenarios)
      if (b.name == s.name) old = &b;
    if (!old) {
      out.notes.push_back(s.name + ": not in the baseline");
      continue;
    }
    if (old->hash != s.hash) {
      out.notes.push_back(s.name + ": the scenario changed since the baseline (" + old->hash + " -> " + s.hash +
                          "), not compared");
      continue;
    }
    if (old->setup != s.setup) {
      out.notes.push_back(s.name + ": the setup changed since the baseline ('" + old->setup + "' -> '" + s.setup +
                          "'), not compared");
      continue;
    }
    for (const RecordedArm& b : old->arms)
      if (std::none_of(s.arms.begin(), s.arms.end(), [&](const RecordedArm& a) { return a.arm == b.arm; }))
        out.broken.push_back(s.name + "/" + b.arm + ": in the baseline, no boot tonight");
    for (const RecordedArm& a : s.arms) {
      const RecordedArm* base = nullptr;
      for (const RecordedArm& b : old->arms)
        if (b.arm == a.arm) base = &b;
      if (base) compare_arm(out, s.name, *base, a, night);
      else out.notes.push_back(s.name + "/" + a.arm + ": not in the baseline");
    }
  }
  if (simulate_noise) out.noise = simulate_gate_noise(night, *baseline);
  return out;
}

}  // namespace irqlab
