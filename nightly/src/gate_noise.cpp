// simulate_gate_noise(): the gate on nights where nothing changed.
#include "irqlab/nightly/gate_noise.h"

#include <cmath>
#include <random>

#include "irqlab/common/statistics.h"
#include "irqlab/nightly/night_compare.h"

namespace irqlab {

namespace {

// The between-boot coefficient of variation, or nullopt without two positive values.
std::optional<double> cv_of(const std::vector<double>& v) {
  if (v.size() < 2) return std::nullopt;
  double mean = 0;
  for (double x : v) {
    if (!(x > 0)) return std::nullopt;
    mean += x;
  }
  mean /= static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / static_cast<double>(v.size() - 1)) / mean;
}

const RecordedMetric* find_metric(const RecordedArm& a, const std::string& key) {
  for (const RecordedMetric& m : a.metrics)
    if (m.key == key) return &m;
  return nullptr;
}

// The two nights reduced to the gated metrics that have noise to draw from,
// on the same scale (the baseline's values); the draws fill them in.
struct Skeleton {
  NightRecord base, night;
  std::vector<std::pair<RecordedMetric*, RecordedMetric*>> pairs;  // (baseline, night) metric
  std::vector<double> cvs;
};

void add_arm(Skeleton& k, const RecordedArm& b, const RecordedArm& n, RecordedScenario& sb, RecordedScenario& sn,
             const NightRecord& rules) {
  RecordedArm ab{b.arm, b.mode, b.boots, {}, {}}, an{n.arm, n.mode, n.boots, {}, {}};
  for (const RecordedMetric& m : b.metrics) {
    const RecordedMetric* tonight = find_metric(n, m.key);
    const auto cv = cv_of(m.values);
    if (!tonight || !cv || !threshold_for(rules.thresholds, m.key)) continue;
    ab.metrics.push_back({m.key, m.unit, m.better, true, std::vector<double>(m.values.size())});
    an.metrics.push_back({m.key, m.unit, m.better, true, std::vector<double>(tonight->values.size())});
    k.cvs.push_back(*cv);
  }
  if (!ab.metrics.empty()) sb.arms.push_back(std::move(ab)), sn.arms.push_back(std::move(an));
}

Skeleton skeleton(const NightRecord& night, const NightRecord& baseline) {
  Skeleton k;
  k.base = k.night = night;
  k.base.id = "simulated baseline";
  k.base.scenarios.clear(), k.night.scenarios.clear(), k.night.failed_runs.clear();
  for (const RecordedScenario& s : night.scenarios)
    for (const RecordedScenario& old : baseline.scenarios) {
      if (old.name != s.name || old.hash != s.hash || old.setup != s.setup) continue;
      RecordedScenario sb{s.name, s.hash, s.setup, 0, 0, {}}, sn = sb;
      for (const RecordedArm& a : s.arms)
        for (const RecordedArm& b : old.arms)
          if (a.arm == b.arm) add_arm(k, b, a, sb, sn, night);
      k.base.scenarios.push_back(std::move(sb));
      k.night.scenarios.push_back(std::move(sn));
    }
  for (std::size_t s = 0; s < k.base.scenarios.size(); ++s)
    for (std::size_t a = 0; a < k.base.scenarios[s].arms.size(); ++a)
      for (std::size_t m = 0; m < k.base.scenarios[s].arms[a].metrics.size(); ++m)
        k.pairs.emplace_back(&k.base.scenarios[s].arms[a].metrics[m], &k.night.scenarios[s].arms[a].metrics[m]);
  return k;
}

}  // namespace

std::optional<GateNoise> simulate_gate_noise(const NightRecord& night, const NightRecord& baseline, std::size_t nights,
                                             std::uint64_t seed) {
  Skeleton k = skeleton(night, baseline);
  if (k.pairs.empty() || nights == 0) return std::nullopt;
  std::mt19937_64 rng(seed);
  std::size_t failed = 0;
  for (std::size_t i = 0; i < nights; ++i) {
    for (std::size_t p = 0; p < k.pairs.size(); ++p) {
      k.pairs[p].first->values = stats::lognormal_sample(rng, k.pairs[p].first->values.size(), k.cvs[p]);
      k.pairs[p].second->values = stats::lognormal_sample(rng, k.pairs[p].second->values.size(), k.cvs[p]);
    }
    failed += !compare_nights(k.night, &k.base, false).regressions.empty();
  }
  return GateNoise{static_cast<double>(failed) / static_cast<double>(nights), nights, k.pairs.size()};
}

}  // namespace irqlab
