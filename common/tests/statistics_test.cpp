#include "irqlab/common/statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace irqlab::stats {
namespace {

// The two-sided Mann-Whitney p by brute force: every split of the pooled
// values into groups of the two sizes, U counted pair by pair. An oracle that
// shares no code with the ranks and the knapsack of the library.
double enumerated_p(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> all = a;
  all.insert(all.end(), b.begin(), b.end());
  auto u_of = [](const std::vector<double>& x, const std::vector<double>& y) {
    double u = 0;
    for (double yj : y)
      for (double xi : x) u += yj > xi ? 1 : yj == xi ? 0.5 : 0;
    return u;
  };
  const double u = u_of(a, b);
  double low = 0, high = 0, splits = 0;
  for (unsigned mask = 0; mask < (1u << all.size()); ++mask) {
    if (static_cast<std::size_t>(__builtin_popcount(mask)) != b.size()) continue;
    std::vector<double> x, y;
    for (std::size_t i = 0; i < all.size(); ++i) ((mask >> i) & 1 ? y : x).push_back(all[i]);
    const double v = u_of(x, y);
    low += v <= u;
    high += v >= u;
    ++splits;
  }
  return std::min(1.0, 2 * std::min(low, high) / splits);
}

std::vector<double> scaled(std::vector<double> v, double factor, double offset = 0) {
  for (double& x : v) x = x * factor + offset;
  return v;
}

void expect_near_each(const std::vector<double>& actual, const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) EXPECT_NEAR(actual[i], expected[i], 1e-12) << "at " << i;
}

}  // namespace

TEST(Statistics, MedianMeanAndHarmonicMean) {
  EXPECT_EQ(median({}), 0);
  EXPECT_EQ(median({7}), 7);
  EXPECT_EQ(median({3, 1, 2}), 2);
  EXPECT_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_EQ(median({2, NAN, 1}), 1.5);  // NaN left out
  EXPECT_EQ(mean({}), 0);
  EXPECT_EQ(mean({1, 2, 6}), 3);
  EXPECT_FALSE(harmonic_mean({}));
  EXPECT_FALSE(harmonic_mean({1, 0}));
  EXPECT_FALSE(harmonic_mean({1, -2}));
  EXPECT_FALSE(harmonic_mean({1, NAN}));
  ASSERT_TRUE(harmonic_mean({1, 4, 4}));
  EXPECT_DOUBLE_EQ(*harmonic_mean({1, 4, 4}), 2);  // 3 / (1 + 1/4 + 1/4)
}

TEST(Statistics, MedianCiAtBinomialRanks) {
  // n = 6: only the extremes (P(B <= 0) = 1/64 = 1.6%); n = 5: not even those (1/32).
  EXPECT_EQ(median_ci({3, 1, 6, 2, 5, 4}), (Interval{1, 6}));
  EXPECT_FALSE(median_ci({1, 2, 3, 4, 5}));
  EXPECT_FALSE(median_ci({}));
  EXPECT_FALSE(median_ci({1}));
  // n = 30: P(B <= 9) = 2.14%, P(B <= 10) = 4.94%: the 10th value from each end.
  std::vector<double> v;
  for (int i = 30; i >= 1; --i) v.push_back(i);
  EXPECT_EQ(median_ci(v), (Interval{10, 21}));
  // At 90% (5% a tail) the 11th: P(B <= 10) = 4.94%.
  EXPECT_EQ(median_ci(v, 0.90), (Interval{11, 20}));
  // n = 1000: ranks 469 and 532 (1.96 sqrt(n) / 2 = 31 either side of 500).
  v.clear();
  for (int i = 1; i <= 1000; ++i) v.push_back(i);
  EXPECT_EQ(median_ci(v), (Interval{469, 532}));
}

TEST(MannWhitney, FullySeparatedSmallSamples) {
  // 3 vs 3: C(6,3) = 20 orders, the most extreme two-sided p is 2/20.
  RankTest t = mann_whitney({1, 2, 3}, {4, 5, 6});
  EXPECT_EQ(t.u, 9);
  EXPECT_TRUE(t.exact);
  EXPECT_DOUBLE_EQ(t.p_value, 0.1);
  EXPECT_DOUBLE_EQ(t.min_p, 0.1);  // alpha 0.05 is out of reach
  // 5 vs 5: 2/252 = 0.00794, either direction.
  t = mann_whitney({6, 7, 8, 9, 10}, {1, 2, 3, 4, 5});
  EXPECT_EQ(t.u, 0);
  EXPECT_NEAR(t.p_value, 2.0 / 252, 1e-12);
  EXPECT_NEAR(t.min_p, 2.0 / 252, 1e-12);
  EXPECT_EQ(t.n_a, 5u);
  EXPECT_EQ(t.n_b, 5u);
}

TEST(MannWhitney, MixedExamplesByHand) {
  // U = 3 + 4 + 4 + 4 = 15 of 16; the 4 vs 4 counts of U = 15 and 16 are 1
  // and 1 of C(8,4) = 70: p = 2 * 2/70.
  RankTest t = mann_whitney({1, 2, 3, 5}, {4, 6, 7, 8});
  EXPECT_EQ(t.u, 15);
  EXPECT_NEAR(t.p_value, 4.0 / 70, 1e-12);
  // 5 vs 5, U = 24 of 25: counts 1 (U = 25) + 1 (U = 24) of 252.
  t = mann_whitney({1, 2, 3, 4, 6}, {5, 7, 8, 9, 10});
  EXPECT_EQ(t.u, 24);
  EXPECT_NEAR(t.p_value, 4.0 / 252, 1e-12);
  // Interleaved: U = 1 + 1 + 3 + 3 = 8 of 16 is the centre, p = 1.
  EXPECT_DOUBLE_EQ(mann_whitney({1, 4, 5, 8}, {2, 3, 6, 7}).p_value, 1);
}

TEST(MannWhitney, TiesUseTheExactPermutationNull) {
  // Midranks 1, 3, 3, 3, 5.5, 5.5; b = {2, 3, 3} has rank sum 14, U = 8.
  // Of the 20 splits, 3 reach a rank sum of 14 (one 3 with both 5.5) and
  // none more: p = 2 * 3/20.
  RankTest t = mann_whitney({1, 2, 2}, {2, 3, 3});
  EXPECT_EQ(t.u, 8);
  EXPECT_TRUE(t.exact);
  EXPECT_NEAR(t.p_value, 0.3, 1e-12);
  EXPECT_DOUBLE_EQ(t.min_p, 0.1);  // any data at 3 vs 3
  // The normal approximation's tie correction: groups of 3 and 2 give
  // sum(t^3 - t) = 30, var = 9/12 (7 - 30/30) = 4.5, z = (3.5 - 0.5) / sqrt(4.5)
  // = sqrt(2): p = erfc(1) = 0.157 (0.190 without the correction).
  t = mann_whitney({1, 2, 2}, {2, 3, 3}, Method::normal_approximation);
  EXPECT_FALSE(t.exact);
  EXPECT_NEAR(t.p_value, std::erfc(1.0), 1e-12);
}

TEST(MannWhitney, ExactAgreesWithEnumerationOfAllSplits) {
  std::mt19937_64 rng(7);
  const std::pair<std::size_t, std::size_t> sizes[] = {{1, 4}, {3, 5}, {4, 4}, {6, 5}, {2, 9}, {7, 6}};
  for (auto [n_a, n_b] : sizes) {
    for (int round = 0; round < 6; ++round) {
      auto a = lognormal_sample(rng, n_a, 0.3);
      auto b = scaled(lognormal_sample(rng, n_b, 0.3), 1 + 0.2 * round);
      if (round % 2) {  // coarse values: many ties
        for (double& x : a) x = std::round(x * 4);
        for (double& x : b) x = std::round(x * 4);
      }
      const RankTest t = mann_whitney(a, b);
      ASSERT_TRUE(t.exact);
      EXPECT_NEAR(t.p_value, enumerated_p(a, b), 1e-12) << n_a << " vs " << n_b << ", round " << round;
    }
  }
}

TEST(MannWhitney, NormalApproximationIsCloseToExactAtModerateN) {
  std::mt19937_64 rng(11);
  double worst = 0;
  for (int round = 0; round < 40; ++round) {
    auto a = lognormal_sample(rng, 20, 0.05);
    auto b = scaled(lognormal_sample(rng, 20, 0.05), 1 + 0.005 * (round % 8));
    if (round % 2) {  // about 20 distinct values: ties, for the tie correction
      for (double& x : a) x = std::round(x * 100);
      for (double& x : b) x = std::round(x * 100);
    }
    const RankTest exact = mann_whitney(a, b);
    const RankTest normal = mann_whitney(a, b, Method::normal_approximation);
    ASSERT_TRUE(exact.exact);
    ASSERT_FALSE(normal.exact);
    EXPECT_EQ(exact.u, normal.u);
    worst = std::max(worst, std::abs(exact.p_value - normal.p_value));
  }
  std::printf("normal approximation vs exact, 20 vs 20, 40 samples: largest |p difference| %.4f\n", worst);
  EXPECT_LT(worst, 0.01);
  // Past about 50 per arm the approximation is used on its own: U = 1 + ... +
  // 60 = 1830, mn/2 = 1800, sd = sqrt(60 * 60 * 121 / 12) = 190.53, z = 29.5 /
  // 190.53 = 0.1548: p = 2 (1 - Phi(z)) = 0.8770.
  std::vector<double> a(60), b(60);
  for (int i = 0; i < 60; ++i) a[i] = i, b[i] = i + 0.5;
  EXPECT_FALSE(mann_whitney(a, b).exact);
  EXPECT_EQ(mann_whitney(a, b).u, 1830);
  EXPECT_NEAR(mann_whitney(a, b).p_value, 0.8770, 1e-4);
}

TEST(MannWhitney, EmptyAndTinyInputs) {
  for (const auto& [a, b] : {std::pair<std::vector<double>, std::vector<double>>{{}, {}},
                             {{1}, {}},
                             {{}, {1, 2}},
                             {{NAN}, {1}}}) {
    const RankTest t = mann_whitney(a, b);
    EXPECT_EQ(t.p_value, 1);
    EXPECT_EQ(t.min_p, 1);
    EXPECT_EQ(t.u, 0);
  }
  const RankTest one = mann_whitney({1}, {2});
  EXPECT_EQ(one.u, 1);
  EXPECT_EQ(one.p_value, 1);
  EXPECT_EQ(one.min_p, 1);
  EXPECT_EQ(mann_whitney({5, 5, 5}, {5, 5}).p_value, 1);  // all tied
  EXPECT_EQ(mann_whitney({5, 5, 5}, {5, 5}, Method::normal_approximation).p_value, 1);
}

TEST(HodgesLehmann, HandCheckedShiftAndInterval) {
  // b = a + 10 for a = 0..4: the 25 differences are 10 + (j - i), i.e. 6, 7,
  // 7, 8, 8, 8, 9 x4, 10 x5, 11 x4, 12 x3, 13 x2, 14.
  const std::vector<double> a{0, 1, 2, 3, 4}, b{10, 11, 12, 13, 14};
  Shift s = hodges_lehmann(a, b);
  EXPECT_EQ(s.estimate, 10);
  // 5 vs 5: P(U < 3) = 4/252 <= 2.5% < P(U < 4) = 7/252: the 3rd from each end.
  EXPECT_EQ(s.ci, (Interval{7, 13}));
  // At 90%: P(U < 5) = 12/252 <= 5% < P(U < 6) = 17/252: the 5th from each end.
  EXPECT_EQ(hodges_lehmann(a, b, 0.90).ci, (Interval{8, 12}));
  // Reversed arms, reversed shift.
  s = hodges_lehmann(b, a);
  EXPECT_EQ(s.estimate, -10);
  EXPECT_EQ(s.ci, (Interval{-13, -7}));
}

TEST(HodgesLehmann, IntervalNeedsEnoughData) {
  // 3 vs 3: differences 1, 2, 2, 3, 3, 4, 4, 5, 6; P(U < 1) = 1/20 > 2.5%.
  const Shift s = hodges_lehmann({1, 2, 3}, {4, 5, 7});
  EXPECT_EQ(s.estimate, 3);
  EXPECT_FALSE(s.ci);
  // 4 vs 4: P(U < 1) = 1/70, P(U < 2) = 2/70 > 2.5%: the extremes.
  EXPECT_EQ(hodges_lehmann({1, 2, 3, 4}, {5, 6, 7, 9}).ci, (Interval{1, 8}));
  EXPECT_EQ(hodges_lehmann({}, {1, 2}).estimate, 0);
  EXPECT_FALSE(hodges_lehmann({}, {1, 2}).ci);
  EXPECT_EQ(hodges_lehmann({1}, {3}).estimate, 2);
  EXPECT_FALSE(hodges_lehmann({1}, {3}).ci);
}

TEST(MultipleTesting, HolmTextbookExample) {
  // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04,
  // the last raised to 0.06 to stay monotone.
  expect_near_each(holm({0.01, 0.04, 0.03, 0.005}), {0.03, 0.06, 0.06, 0.02});
  EXPECT_EQ(holm({0.5, 0.6}), (std::vector<double>{1, 1}));  // capped
  EXPECT_TRUE(holm({}).empty());
}

TEST(MultipleTesting, BenjaminiHochbergTextbookExample) {
  // Sorted 0.005, 0.01, 0.03, 0.04 times 4/1, 4/2, 4/3, 4/4: 0.02, 0.02, 0.04,
  // 0.04 (already monotone from the top).
  expect_near_each(benjamini_hochberg({0.01, 0.04, 0.03, 0.005}), {0.02, 0.04, 0.04, 0.02});
  EXPECT_TRUE(benjamini_hochberg({}).empty());
}

// ---- Monte Carlo validation: the figures are printed for ctest -V. ----

TEST(MonteCarlo, LognormalSampleHasTheAskedMeanAndCv) {
  std::mt19937_64 rng(1);
  const auto v = lognormal_sample(rng, 100001, 0.05);  // odd: the last of a Box-Muller pair is dropped
  const double m = mean(v);
  double squares = 0;
  for (double x : v) squares += (x - m) * (x - m);
  const double cv = std::sqrt(squares / static_cast<double>(v.size() - 1)) / m;
  std::printf("lognormal_sample, 100001 draws at CV 5%%: mean %.5f, CV %.5f\n", m, cv);
  EXPECT_NEAR(m, 1, 0.001);
  EXPECT_NEAR(cv, 0.05, 0.001);
  std::mt19937_64 again(1);
  EXPECT_EQ(lognormal_sample(again, 100001, 0.05), v);
}

TEST(MonteCarlo, AaFalsePositiveRateStaysAtAlpha) {
  // Ranks see only the order of the draws, and the order of lognormal draws is
  // that of their normals: the same seed gives the same rate at any CV.
  std::printf("A/A false-positive rate at alpha 0.05, 4000 draws:\n");
  for (double cv : {0.02, 0.05})
    for (std::size_t n : {5, 10}) {
      const double rate = rejection_rate(n, cv, 0, 0.05, 4000, 42);
      std::printf("  CV %.0f%%  n %2zu  %.4f\n", cv * 100, n, rate);
      EXPECT_LE(rate, 0.06) << "CV " << cv << " n " << n;
      EXPECT_GT(rate, 0.01) << "CV " << cv << " n " << n;  // a test that never rejects is no test
    }
  EXPECT_EQ(rejection_rate(10, 0.02, 0, 0.05, 500, 9), rejection_rate(10, 0.02, 0, 0.05, 500, 9));
}

TEST(MonteCarlo, HolmKeepsTheFamilyWiseRateOfATable) {
  // 20 metrics, each an A/A comparison of 10 boots per arm at CV 2%: the share
  // of tables with any metric marked, before and after Holm.
  const std::size_t tables = 2000, metrics = 20, n = 10;
  std::mt19937_64 rng(2024);
  std::size_t raw = 0, adjusted = 0;
  for (std::size_t t = 0; t < tables; ++t) {
    std::vector<double> p;
    for (std::size_t m = 0; m < metrics; ++m) {
      const auto a = lognormal_sample(rng, n, 0.02);
      const auto b = lognormal_sample(rng, n, 0.02);
      p.push_back(mann_whitney(a, b).p_value);
    }
    raw += std::ranges::any_of(p, [](double x) { return x <= 0.05; });
    adjusted += std::ranges::any_of(holm(p), [](double x) { return x <= 0.05; });
  }
  const double raw_rate = static_cast<double>(raw) / tables, holm_rate = static_cast<double>(adjusted) / tables;
  std::printf("A/A tables of %zu metrics, n %zu, %zu tables: family-wise false-positive rate %.4f unadjusted, "
              "%.4f with Holm\n",
              metrics, n, tables, raw_rate, holm_rate);
  EXPECT_LE(holm_rate, 0.06);
  EXPECT_GT(raw_rate, 0.3);  // why the adjustment is needed
}

// The table's adjustment: Benjamini-Hochberg over 25 metrics at the
// nightly n of 5 boots an arm. Under A/A every null is true, so the share of
// tables with any mark is its false-discovery rate: at most alpha. When a
// third of the metrics move by 10% (two modes differ in many ways at once),
// BH still marks most of them where Holm, at 5 boots, can mark none.
TEST(MonteCarlo, BenjaminiHochbergKeepsAaTablesCleanAndFindsSharedShifts) {
  const std::size_t tables = 2000, metrics = 25, n = 5, moved = 8;
  std::mt19937_64 rng(2026);
  std::size_t aa_marked = 0, found = 0, found_holm = 0;
  for (std::size_t t = 0; t < tables; ++t) {
    std::vector<double> aa, ab;
    for (std::size_t m = 0; m < metrics; ++m) {
      aa.push_back(mann_whitney(lognormal_sample(rng, n, 0.03), lognormal_sample(rng, n, 0.03)).p_value);
      auto b = lognormal_sample(rng, n, 0.03);
      if (m < moved)
        for (double& x : b) x *= 1.1;
      ab.push_back(mann_whitney(lognormal_sample(rng, n, 0.03), b).p_value);
    }
    aa_marked += std::ranges::any_of(benjamini_hochberg(aa), [](double x) { return x <= 0.05; });
    const auto bh = benjamini_hochberg(ab), hm = holm(ab);
    for (std::size_t m = 0; m < moved; ++m) {
      found += bh[m] <= 0.05;
      found_holm += hm[m] <= 0.05;
    }
  }
  const double aa_rate = static_cast<double>(aa_marked) / tables;
  const double power = static_cast<double>(found) / static_cast<double>(tables * moved);
  const double holm_power = static_cast<double>(found_holm) / static_cast<double>(tables * moved);
  std::printf("BH over %zu metrics, n %zu, CV 3%%, %zu tables: A/A tables with any mark %.4f; "
              "%zu metrics moved 10%%: marked %.4f (Holm %.4f)\n",
              metrics, n, tables, aa_rate, moved, power, holm_power);
  EXPECT_LE(aa_rate, 0.06);
  EXPECT_GE(power, 0.5);
  EXPECT_EQ(holm_power, 0.0);  // 2/252 can never clear 0.05/25
}

TEST(MonteCarlo, PowerForAThreePercentShiftAtCv1point5) {
  const double power = rejection_rate(10, 0.015, 0.03, 0.05, 2000, 3);
  std::size_t smallest_n = 0;
  for (std::size_t n = 3; n <= 20 && !smallest_n; ++n)
    if (rejection_rate(n, 0.015, 0.03, 0.05, 2000, 3) >= 0.9) smallest_n = n;
  std::printf("power to detect a 3%% shift at CV 1.5%%, alpha 0.05, 2000 draws: %.4f at n 10; "
              "the smallest n with power >= 0.9: %zu\n",
              power, smallest_n);
  EXPECT_GE(power, 0.90);
  EXPECT_LE(smallest_n, 10u);
  EXPECT_GT(smallest_n, 0u);
}

TEST(MonteCarlo, DetectableShiftTable) {
  const std::vector<std::size_t> ns{3, 5, 8, 10, 15, 20};
  std::printf("PRINTED TABLE (only its monotonicity in n is asserted): smallest shift detected with power 0.9 at alpha 0.05,\n"
              "two-sided Mann-Whitney U, lognormal noise, 400 draws a point, 0.5%% grid ('-': none up to 100%%)\n");
  std::printf("  CV ");
  for (std::size_t n : ns) std::printf("%9s", ("n=" + std::to_string(n)).c_str());
  std::printf("\n");
  for (double cv : {0.01, 0.02, 0.03, 0.05}) {
    std::printf("  %.0f%% ", cv * 100);
    std::optional<double> previous;
    for (std::size_t n : ns) {
      const auto shift = detectable_shift(n, cv, 0.05, 0.9, 400, 5);
      if (shift)
        std::printf("%8.1f%%", *shift * 100);
      else
        std::printf("%9s", "-");
      // More boots never need a larger shift, beyond one grid step of noise.
      if (previous) {
        ASSERT_TRUE(shift) << "CV " << cv << " n " << n;
        EXPECT_LE(*shift, *previous + 0.005 + 1e-9) << "CV " << cv << " n " << n;
      }
      if (shift) previous = shift;
    }
    std::printf("\n");
  }
  EXPECT_FALSE(detectable_shift(3, 0.01, 0.05, 0.9, 400, 5));  // min p 0.1 > alpha
}

TEST(MonteCarlo, HodgesLehmannIntervalCoversTheShift) {
  // A pure location shift of skewed (lognormal) noise: the interval is
  // distribution-free, so it should hold its 95% (a little more, U is discrete).
  auto coverage = [](std::size_t n, std::size_t draws) {
    std::mt19937_64 rng(77);
    const double shift = 0.02;
    std::size_t covered = 0;
    for (std::size_t i = 0; i < draws; ++i) {
      const auto a = lognormal_sample(rng, n, 0.05);
      const auto b = scaled(lognormal_sample(rng, n, 0.05), 1, shift);
      const Shift s = hodges_lehmann(a, b);
      covered += s.ci && s.ci->low <= shift && shift <= s.ci->high;
    }
    return static_cast<double>(covered) / static_cast<double>(draws);
  };
  const double exact = coverage(10, 1000), normal = coverage(60, 400);
  std::printf("Hodges-Lehmann 95%% interval coverage: %.4f at n 10 (1000 draws, exact k), "
              "%.4f at n 60 (400 draws, normal k)\n",
              exact, normal);
  EXPECT_GE(exact, 0.93);
  EXPECT_LE(exact, 0.99);
  EXPECT_GE(normal, 0.91);
  EXPECT_LE(normal, 0.99);
}

}  // namespace irqlab::stats
