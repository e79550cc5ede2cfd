#pragma once
// Distribution-free statistics for comparing arms by their boots (3 to 20
// values a metric and arm): medians with intervals, the Mann-Whitney U test
// with its exact null, the Hodges-Lehmann shift, the adjustments for a table
// of metrics, and Monte Carlo estimates of what a number of boots can detect.
// Medians, intervals and tests leave NaN values out (the adjustments count a
// NaN p-value as 1); mean then gives NaN and harmonic_mean nullopt.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace irqlab::stats {

double median(std::vector<double> v);                                // 0 when empty; mean of middle two for even n
double mean(const std::vector<double>& v);                           // arithmetic; 0 when empty
std::optional<double> harmonic_mean(const std::vector<double>& v);  // nullopt if empty or any value <= 0

struct Interval {
  double low = 0, high = 0;
  bool operator==(const Interval&) const = default;
};

// Distribution-free CI of the median from binomial order statistics: the
// largest k with P(Binomial(n,1/2) < k) <= (1-confidence)/2; [x_(k), x_(n+1-k)].
// nullopt when n is too small to reach the confidence (n < 6 at 95%).
std::optional<Interval> median_ci(std::vector<double> v, double confidence = 0.95);

struct RankTest {
  double u = 0;        // Mann-Whitney U of b over a (count of pairs b_j > a_i, ties 1/2)
  double p_value = 1;  // two-sided: min(1, 2 min(P(U <= u), P(U >= u)))
  double min_p = 1;    // 2 / C(n_a + n_b, n_a): the smallest two-sided p any data could give at
                       // these n (exact null); "n too small" when > alpha
  bool exact = false;  // exact null distribution (vs normal approximation)
  std::size_t n_a = 0, n_b = 0;
};

// automatic: the exact permutation null (midranks, so ties too) while it is
// cheap, about 50 per arm; beyond that the normal approximation with tie and
// continuity correction, which normal_approximation forces (for comparison).
enum class Method { automatic, normal_approximation };
RankTest mann_whitney(const std::vector<double>& a, const std::vector<double>& b,
                      Method method = Method::automatic);

// Hodges-Lehmann shift of b relative to a: median of all (b_j - a_i); its
// confidence interval from the Mann-Whitney null distribution: the k-th
// smallest and k-th largest pairwise differences, k the largest with
// P(U < k) <= (1-confidence)/2 (Bauer 1972 / Hollander & Wolfe). ci is
// nullopt when k would be 0 (n too small for that confidence).
struct Shift {
  double estimate = 0;
  std::optional<Interval> ci;
};
Shift hodges_lehmann(const std::vector<double>& a, const std::vector<double>& b, double confidence = 0.95);

// Holm's step-down adjustment of a family of p-values (same order as input),
// monotone, capped at 1: controls the chance of any false positive.
std::vector<double> holm(const std::vector<double>& p);
// Benjamini-Hochberg step-up adjustment (same shape): controls the expected
// share of false positives among the positives instead.
std::vector<double> benjamini_hochberg(const std::vector<double>& p);

// n draws with mean 1 and coefficient of variation cv from a lognormal; the
// same numbers for a seed with every standard library (Box-Muller over the
// raw mt19937_64 output, no std distributions).
std::vector<double> lognormal_sample(std::mt19937_64& rng, std::size_t n, double cv);

// Monte Carlo: over `draws` simulated experiments with n per arm from a
// lognormal with coefficient of variation `cv` (arm b multiplied by (1+shift)),
// the share where the two-sided MWU p <= alpha. Deterministic for a seed.
double rejection_rate(std::size_t n, double cv, double shift, double alpha, std::size_t draws, std::uint64_t seed);

// The smallest relative shift (on a grid of 0.5% steps up to 100%) that
// rejection_rate detects with at least `power`; nullopt if none up to 100% (n too small).
std::optional<double> detectable_shift(std::size_t n, double cv, double alpha, double power, std::size_t draws,
                                       std::uint64_t seed);

}  // namespace irqlab::stats
