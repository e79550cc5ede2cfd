#include "irqlab/common/statistics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <numbers>
#include <numeric>
#include <utility>

namespace irqlab::stats {
namespace {

// Tail probabilities are sums of count / C(n, k) and can equal the target in
// exact arithmetic (1/40 against 0.025): let rounding not decide.
bool within(double probability, double target) { return probability <= target * (1 + 1e-9); }

std::vector<double> sorted(std::vector<double> v) {
  std::erase_if(v, [](double x) { return std::isnan(x); });
  std::sort(v.begin(), v.end());
  return v;
}

double middle(const std::vector<double>& s) {
  const std::size_t n = s.size();
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

// C(n, k) as a double: every partial product is itself a binomial
// coefficient, so it is exact while below 2^53.
double choose(std::size_t n, std::size_t k) {
  k = std::min(k, n - k);
  double c = 1;
  for (std::size_t i = 1; i <= k; ++i) c = c * static_cast<double>(n - k + i) / static_cast<double>(i);
  return c;
}

// The largest k <= limit with P(X < k) <= target, given k -> P(X < k).
template <class Below>
std::size_t largest_rank(std::size_t limit, double target, Below below) {
  std::size_t k = 0;
  while (k < limit && within(below(k + 1), target)) ++k;
  return k;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

// The null distribution of 2U (doubled, so midranks stay integers), with both
// tails summed separately so that neither loses precision: below[i] =
// P(2U <= i), above[i] = P(2U >= i).
struct Null {
  std::vector<double> below, above;

  explicit Null(const std::vector<double>& pmf) : below(pmf.size()), above(pmf.size()) {
    std::partial_sum(pmf.begin(), pmf.end(), below.begin());
    std::partial_sum(pmf.rbegin(), pmf.rend(), above.rbegin());
  }
  double two_sided(std::int64_t u2) const {
    const auto i = static_cast<std::size_t>(u2);
    return std::min(1.0, 2 * std::min(below[i], above[i]));
  }
};

// The distribution of 2U of a group of size k among the pooled doubled
// ranks, each k-subset equally likely: a knapsack counting the subsets by
// their rank sum. Ties change only the ranks, so it serves with them too.
std::vector<double> subset_pmf(const std::vector<std::int64_t>& ranks2, std::size_t k) {
  const std::int64_t total = std::accumulate(ranks2.begin(), ranks2.end(), std::int64_t{0});
  std::vector<std::vector<double>> ways(k + 1, std::vector<double>(static_cast<std::size_t>(total) + 1));
  ways[0][0] = 1;
  std::int64_t reach = 0;
  for (std::size_t i = 0; i < ranks2.size(); ++i) {
    const std::int64_t r = ranks2[i];
    reach += r;
    for (std::size_t j = std::min(i + 1, k); j >= 1; --j)
      for (std::int64_t s = reach; s >= r; --s) ways[j][s] += ways[j - 1][s - r];
  }
  // 2U = 2R - k(k+1) runs from 0 to 2 k (N - k).
  const std::size_t offset = k * (k + 1);
  std::vector<double> pmf(2 * k * (ranks2.size() - k) + 1);
  for (std::size_t u2 = 0; u2 < pmf.size(); ++u2) pmf[u2] = ways[k][offset + u2];
  const double all = std::accumulate(pmf.begin(), pmf.end(), 0.0);
  for (double& p : pmf) p /= all;
  return pmf;
}

// The exact null of 2U of b over a. Counting subsets of the smaller arm costs
// less; U_b = n_a n_b - U_a turns its distribution around.
Null exact_null(const std::vector<std::int64_t>& ranks2, std::size_t n_a, std::size_t n_b) {
  auto pmf = subset_pmf(ranks2, std::min(n_a, n_b));
  if (n_a < n_b) std::reverse(pmf.begin(), pmf.end());
  return Null(pmf);
}

// The knapsack costs about N k N(N+1)/2 additions (k the smaller arm): a few
// milliseconds up to about 50 per arm, where the normal approximation is close.
bool exact_is_cheap(std::size_t n_a, std::size_t n_b) {
  const auto n = static_cast<double>(n_a + n_b), k = static_cast<double>(std::min(n_a, n_b));
  return n * k * n * (n + 1) / 2 <= 3e7;
}

// Without ties the null depends only on the two sizes: computed once each.
const Null& no_tie_null(std::size_t n_a, std::size_t n_b) {
  static std::mutex mutex;
  static std::map<std::pair<std::size_t, std::size_t>, Null> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find({n_a, n_b});
  if (it == cache.end()) {
    std::vector<std::int64_t> ranks2(n_a + n_b);
    for (std::size_t i = 0; i < ranks2.size(); ++i) ranks2[i] = 2 * static_cast<std::int64_t>(i + 1);
    it = cache.emplace(std::pair{n_a, n_b}, exact_null(ranks2, n_a, n_b)).first;
  }
  return it->second;
}

struct Pooled {
  std::size_t n_a = 0, n_b = 0;
  std::vector<std::int64_t> ranks2;  // doubled midranks, ascending
  std::int64_t u2 = 0;               // 2U of b over a
  double tie_term = 0;               // the sum over tie groups of t^3 - t
};

Pooled pool(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<std::pair<double, bool>> v;  // (value, from b)
  for (double x : a)
    if (!std::isnan(x)) v.emplace_back(x, false);
  for (double x : b)
    if (!std::isnan(x)) v.emplace_back(x, true);
  std::sort(v.begin(), v.end());
  Pooled p;
  std::int64_t rank_sum2_b = 0;
  for (std::size_t i = 0, j = 0; i < v.size(); i = j) {
    while (j < v.size() && v[j].first == v[i].first) ++j;
    const auto mid2 = static_cast<std::int64_t>(i + 1 + j);  // positions i+1..j share their mean
    const auto t = static_cast<double>(j - i);
    p.tie_term += t * t * t - t;
    for (std::size_t m = i; m < j; ++m) {
      p.ranks2.push_back(mid2);
      if (v[m].second) rank_sum2_b += mid2;
      ++(v[m].second ? p.n_b : p.n_a);
    }
  }
  p.u2 = rank_sum2_b - static_cast<std::int64_t>(p.n_b * (p.n_b + 1));
  return p;
}

double normal_p(const Pooled& p) {
  const auto m = static_cast<double>(p.n_a), n = static_cast<double>(p.n_b), total = m + n;
  const double variance = m * n / 12 * (total + 1 - p.tie_term / (total * (total - 1)));
  if (!(variance > 0)) return 1;  // every value tied
  const double z = (std::abs(static_cast<double>(p.u2) / 2 - m * n / 2) - 0.5) / std::sqrt(variance);
  return z <= 0 ? 1 : std::min(1.0, std::erfc(z / std::numbers::sqrt2));
}

// The k of the Hodges-Lehmann interval: exact while cheap, else normal with
// continuity correction, P(U < k) = P(U <= k - 1) ~ Phi((k - 1/2 - mn/2) / sd).
std::size_t shift_rank(std::size_t n_a, std::size_t n_b, double target) {
  const std::size_t limit = (n_a * n_b + 1) / 2;  // keeps the k-th smallest at or below the k-th largest
  if (exact_is_cheap(n_a, n_b)) {
    const Null& null = no_tie_null(n_a, n_b);
    return largest_rank(limit, target, [&](std::size_t k) { return null.below[2 * k - 2]; });
  }
  const auto m = static_cast<double>(n_a), n = static_cast<double>(n_b);
  const double sd = std::sqrt(m * n * (m + n + 1) / 12);
  return largest_rank(limit, target, [&](std::size_t k) {
    return normal_cdf((static_cast<double>(k) - 0.5 - m * n / 2) / sd);
  });
}

// Indices by ascending p, NaN counted as 1 (no evidence).
std::vector<std::size_t> ascending(std::vector<double>& p) {
  for (double& x : p)
    if (std::isnan(x)) x = 1;
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return p[i] < p[j]; });
  return order;
}

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }  // [0, 1)

}  // namespace

double median(std::vector<double> v) {
  v = sorted(std::move(v));
  return v.empty() ? 0 : middle(v);
}

double mean(const std::vector<double>& v) {
  return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

std::optional<double> harmonic_mean(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double inverse_sum = 0;
  for (double x : v) {
    if (!(x > 0)) return std::nullopt;
    inverse_sum += 1 / x;
  }
  return static_cast<double>(v.size()) / inverse_sum;
}

std::optional<Interval> median_ci(std::vector<double> v, double confidence) {
  v = sorted(std::move(v));
  const std::size_t n = v.size();
  // below[k] = P(B < k) for B ~ Binomial(n, 1/2), in logs so n may be large.
  const std::size_t limit = (n + 1) / 2;
  std::vector<double> below(limit + 1);
  const auto nd = static_cast<double>(n);
  for (std::size_t i = 0; i < limit; ++i) {
    const auto id = static_cast<double>(i);
    const double log_pmf = std::lgamma(nd + 1) - std::lgamma(id + 1) - std::lgamma(nd - id + 1) + nd * std::log(0.5);
    below[i + 1] = below[i] + std::exp(log_pmf);
  }
  const std::size_t k = largest_rank(limit, (1 - confidence) / 2, [&](std::size_t k) { return below[k]; });
  if (k == 0) return std::nullopt;
  return Interval{v[k - 1], v[n - k]};
}

RankTest mann_whitney(const std::vector<double>& a, const std::vector<double>& b, Method method) {
  const Pooled p = pool(a, b);
  RankTest t;
  t.n_a = p.n_a;
  t.n_b = p.n_b;
  if (p.n_a == 0 || p.n_b == 0) return t;
  t.u = static_cast<double>(p.u2) / 2;
  t.min_p = std::min(1.0, 2 / choose(p.n_a + p.n_b, p.n_a));
  t.exact = method == Method::automatic && exact_is_cheap(p.n_a, p.n_b);
  if (!t.exact)
    t.p_value = normal_p(p);
  else if (p.tie_term > 0)
    t.p_value = exact_null(p.ranks2, p.n_a, p.n_b).two_sided(p.u2);
  else
    t.p_value = no_tie_null(p.n_a, p.n_b).two_sided(p.u2);
  return t;
}

Shift hodges_lehmann(const std::vector<double>& a, const std::vector<double>& b, double confidence) {
  const std::vector<double> x = sorted(a), y = sorted(b);
  std::vector<double> d;
  d.reserve(x.size() * y.size());
  for (double yj : y)
    for (double xi : x) d.push_back(yj - xi);
  d = sorted(std::move(d));  // inf - inf is NaN: left out
  Shift s;
  if (d.empty()) return s;
  s.estimate = middle(d);
  const std::size_t k = shift_rank(x.size(), y.size(), (1 - confidence) / 2);
  if (k > 0 && d.size() == x.size() * y.size()) s.ci = Interval{d[k - 1], d[d.size() - k]};
  return s;
}

std::vector<double> holm(const std::vector<double>& p) {
  std::vector<double> q = p, adjusted(p.size());
  const auto order = ascending(q);
  double running = 0;  // the running maximum keeps the adjustment monotone
  for (std::size_t i = 0; i < order.size(); ++i) {
    running = std::max(running, std::min(1.0, static_cast<double>(order.size() - i) * q[order[i]]));
    adjusted[order[i]] = running;
  }
  return adjusted;
}

std::vector<double> benjamini_hochberg(const std::vector<double>& p) {
  std::vector<double> q = p, adjusted(p.size());
  const auto order = ascending(q);
  const auto m = static_cast<double>(order.size());
  double running = 1;  // the running minimum from the largest p down keeps it monotone
  for (std::size_t i = order.size(); i-- > 0;) {
    running = std::min(running, m / static_cast<double>(i + 1) * q[order[i]]);
    adjusted[order[i]] = running;
  }
  return adjusted;
}

std::vector<double> lognormal_sample(std::mt19937_64& rng, std::size_t n, double cv) {
  const double sigma = std::sqrt(std::log1p(cv * cv)), mu = -sigma * sigma / 2;  // mean exp(mu + sigma^2/2) = 1
  std::vector<double> v(n);
  for (std::size_t i = 0; i < n; i += 2) {
    // Box-Muller: two independent standard normals from two uniforms; 1 - u keeps the log finite.
    const double radius = std::sqrt(-2 * std::log(1 - uniform(rng)));
    const double angle = 2 * std::numbers::pi * uniform(rng);
    v[i] = std::exp(mu + sigma * radius * std::cos(angle));
    if (i + 1 < n) v[i + 1] = std::exp(mu + sigma * radius * std::sin(angle));
  }
  return v;
}

double rejection_rate(std::size_t n, double cv, double shift, double alpha, std::size_t draws, std::uint64_t seed) {
  if (draws == 0) return 0;
  std::mt19937_64 rng(seed);
  std::size_t rejected = 0;
  for (std::size_t i = 0; i < draws; ++i) {
    const auto a = lognormal_sample(rng, n, cv);
    auto b = lognormal_sample(rng, n, cv);
    for (double& x : b) x *= 1 + shift;
    if (mann_whitney(a, b).p_value <= alpha) ++rejected;
  }
  return static_cast<double>(rejected) / static_cast<double>(draws);
}

std::optional<double> detectable_shift(std::size_t n, double cv, double alpha, double power, std::size_t draws,
                                       std::uint64_t seed) {
  // When no outcome at all reaches alpha, 200 simulations would find nothing.
  if (n == 0 || 2 / choose(2 * n, n) > alpha) return std::nullopt;
  // The same seed at every step: the same noise, only the shift grows, so the
  // power curve is smooth and the answer does not jitter between steps.
  for (int step = 1; step <= 200; ++step) {
    const double shift = step / 200.0;
    if (rejection_rate(n, cv, shift, alpha, draws, seed) >= power) return shift;
  }
  return std::nullopt;
}

}  // namespace irqlab::stats
