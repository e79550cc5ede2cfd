#pragma once
// How often the gate fails a night in which nothing changed: Monte Carlo
// nights drawn from each gated metric's own between-boot noise in the
// baseline (lognormal, its coefficient of variation), with the boots of the
// two nights being compared, judged by compare_nights(). Metrics are drawn
// independently; correlated metrics (steady and mean IOPS) fail together
// rather than apart, so the real rate is at most this.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "irqlab/nightly/night_record.h"

namespace irqlab {

struct GateNoise {
  double false_alarm = 0;   // share of simulated unchanged nights the gate failed
  std::size_t nights = 0;   // simulated
  std::size_t metrics = 0;  // gated metrics with noise to draw from, over all arms
};

// nullopt when no gated metric has two positive baseline values to take its
// noise from. Deterministic for a seed.
std::optional<GateNoise> simulate_gate_noise(const NightRecord& night, const NightRecord& baseline,
                                             std::size_t nights = 200, std::uint64_t seed = 1);

}  // namespace irqlab
