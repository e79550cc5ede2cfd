#pragma once
// Comparisons of synthetic per-boot figures whose truth is known, for the
// tests of the summary and of its renderings.
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "irqlab/common/statistics.h"
#include "irqlab/results/comparison.h"

namespace irqlab::test {

// A run of synthetic per-boot figures.
inline ModeRun boot(const std::string& arm, const std::string& mode, unsigned rep, double iops, double p99_ms) {
  ModeRun r;
  r.arm = arm;
  r.mode = kManagedModes.parse(mode);
  r.repetition = rep;
  r.metrics.read_iops = iops;
  r.metrics.steady_iops = iops;
  r.metrics.clat_p50_ms = p99_ms / 3;
  r.metrics.clat_p99_ms = p99_ms;
  return r;
}

// n boots per arm, lognormal noise with coefficient of variation cv; arm b's
// IOPS scaled by iops_b and its latency by p99_b.
inline Comparison synthetic(const std::vector<std::pair<std::string, std::string>>& arms, unsigned n, double cv,
                            double iops_b, double p99_b, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Comparison c;
  c.info.scenario = "synthetic";
  c.info.repetitions = n;
  for (unsigned rep = 1; rep <= n; ++rep)
    for (std::size_t k = 0; k < arms.size(); ++k) {
      const std::vector<double> noise = stats::lognormal_sample(rng, 2, cv);
      const bool b = k == 1;
      c.runs.push_back(boot(arms[k].first, arms[k].second, rep, 80000 * noise[0] * (b ? iops_b : 1),
                            8 * noise[1] * (b ? p99_b : 1)));
    }
  return c;
}

}  // namespace irqlab::test
