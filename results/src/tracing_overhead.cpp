// The tracing overhead of a mode against the scenario's target.
#include "irqlab/results/comparison.h"

namespace irqlab {

std::optional<OverheadSummary> tracing_overhead(const Comparison& c, const std::string& mode) {
  std::vector<double> pairs;
  for (const ModeRun& r : c.runs)
    if (mode.empty() || r.mode == mode)
      pairs.insert(pairs.end(), r.metrics.probe_pair_overheads.begin(), r.metrics.probe_pair_overheads.end());
  const auto estimate = overhead_estimate(std::move(pairs));
  if (!estimate) return std::nullopt;
  OverheadSummary s;
  static_cast<OverheadEstimate&>(s) = *estimate;
  const double target = c.info.overhead_target_percent;
  if (s.ci95 && s.ci95->second <= target) s.verdict = "met";
  else if (s.ci95 && s.ci95->first > target) s.verdict = "exceeded";
  else s.verdict = "unresolved";
  return s;
}

}  // namespace irqlab
