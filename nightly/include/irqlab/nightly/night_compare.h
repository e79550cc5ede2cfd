#pragma once
// A night against its baseline, per scenario, arm and metric, the way
// benchstat compares two sets of runs: the median of each, the
// Hodges-Lehmann shift with its 95% interval, the Mann-Whitney p (adjusted
// by Benjamini-Hochberg over the gated metrics of one arm, and apart over
// the others) and a mark. Then the
// gate: a change fails it when it is significant, in the worse direction
// and past the threshold of its metric; a correctness counter above 0 or a
// missing run fails it too.
#include <optional>
#include <string>
#include <vector>

#include "irqlab/nightly/gate_noise.h"
#include "irqlab/nightly/night_record.h"

namespace irqlab {

struct MetricChange {
  std::string scenario, arm, metric;
  MetricSpec spec;
  double baseline_median = 0, night_median = 0;
  std::size_t baseline_n = 0, night_n = 0;
  MetricComparison comparison;
  std::optional<GateThreshold> threshold;
  bool regression = false;  // significant, worse and past the threshold
};

struct NightComparison {
  std::string night, baseline;           // ids; baseline empty: none
  double alpha = 0.05;                   // the intervals are (1 - alpha) intervals
  std::vector<MetricChange> changes;
  std::vector<std::string> notes;        // scenarios or arms not compared, and why
  std::vector<std::string> regressions;  // one line each: what got worse, by how much
  std::vector<std::string> broken;       // correctness counters above 0, runs missing
  std::optional<GateNoise> noise;        // the gate on simulated unchanged nights

  // "pass", "pass (no baseline)", "regression: <first>", "broken: <first>".
  std::string verdict() const;
  bool passed() const { return regressions.empty() && broken.empty(); }
};

// baseline may be null (the first night): only the correctness gate runs.
// simulate_noise: also estimate the gate's false-alarm rate (gate_noise.h).
NightComparison compare_nights(const NightRecord& night, const NightRecord* baseline, bool simulate_noise = true);

// The comparison as a fixed-width table for a terminal, compare.txt and
// the night's report: one block per scenario and arm.
std::string night_comparison_text(const NightComparison& c);
// The same as GitHub-flavoured Markdown.
std::string night_comparison_markdown(const NightComparison& c);

}  // namespace irqlab
