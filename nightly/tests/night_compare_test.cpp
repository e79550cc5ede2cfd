// The gate on nights made up to hold a change or not.
#include <gtest/gtest.h>

#include "irqlab/nightly/night_compare.h"
#include "records.h"

namespace irqlab {
namespace {

using test::made_night;

const MetricChange* change(const NightComparison& c, const std::string& arm, const std::string& metric) {
  for (const MetricChange& m : c.changes)
    if (m.arm == arm && m.metric == metric) return &m;
  return nullptr;
}

TEST(NightCompare, AnUnchangedNightPasses) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  const NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  const NightComparison c = compare_nights(night, &base);
  EXPECT_TRUE(c.passed()) << night_comparison_text(c);
  EXPECT_EQ(c.verdict(), "pass");
  ASSERT_TRUE(change(c, "override", "iops.steady"));
  EXPECT_EQ(change(c, "override", "iops.steady")->comparison.mark, Mark::Same);
  EXPECT_EQ(change(c, "override", "iops.steady")->comparison.p_value, 1);
}

TEST(NightCompare, AThirtyPercentIopsLossFailsTheGate) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  const NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 56000, 1.0);
  const NightComparison c = compare_nights(night, &base);
  EXPECT_FALSE(c.passed());
  const MetricChange* iops = change(c, "override", "iops.steady");
  ASSERT_TRUE(iops);
  EXPECT_TRUE(iops->regression);
  EXPECT_NEAR(*iops->comparison.estimate, -30, 1);
  ASSERT_TRUE(iops->comparison.ci95);
  EXPECT_LT(iops->comparison.ci95->second, -25);
  EXPECT_EQ(c.regressions.size(), 1u);
  EXPECT_EQ(c.verdict().substr(0, 45), "regression: default/override iops.steady -30.");
  EXPECT_FALSE(change(c, "spread", "iops.steady")->regression);
  EXPECT_NE(night_comparison_text(c).find("FAIL >5.00%"), std::string::npos) << night_comparison_text(c);
}

TEST(NightCompare, ASignificantChangeBelowTheThresholdPasses) {
  // 3 % fewer IOPS, every boot: significant at n=6, but under the 5 % threshold.
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  const NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 77600, 1.0);
  const NightComparison c = compare_nights(night, &base);
  const MetricChange* iops = change(c, "override", "iops.steady");
  EXPECT_EQ(iops->comparison.mark, Mark::Worse);
  EXPECT_FALSE(iops->regression);
  EXPECT_TRUE(c.passed()) << night_comparison_text(c);
}

TEST(NightCompare, ALongerDrainFailsAndAnImprovementDoesNot) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  EXPECT_FALSE(compare_nights(made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.5), &base).passed());
  EXPECT_TRUE(compare_nights(made_night("n3", "2026-12-02T01:00:00Z", 120000, 0.5), &base).passed());
}

TEST(NightCompare, FewBootsCannotFailOnPerformanceAndSaySo) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0, 3);
  const NightComparison c = compare_nights(made_night("n2", "2026-12-02T01:00:00Z", 40000, 1.0, 3), &base);
  EXPECT_TRUE(c.passed());
  ASSERT_FALSE(c.notes.empty());
  EXPECT_NE(c.notes.back().find("3 against 3 boots cannot reach p <= 0.05"), std::string::npos) << c.notes.back();
}

TEST(NightCompare, CorrectnessCountersAndMissingRunsBreakTheNight) {
  NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  night.scenarios[0].arms[1].correctness["vector_drift"] = 2;
  NightComparison c = compare_nights(night, nullptr);
  EXPECT_EQ(c.verdict(), "broken: default/override vector_drift = 2");
  night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  night.scenarios[0].recorded_runs = 11;
  night.failed_runs = {"default/override-3: guest did not finish within 300 s"};
  c = compare_nights(night, nullptr);
  EXPECT_EQ(c.verdict(), "broken: run default/override-3: guest did not finish within 300 s (and 1 more)");
  EXPECT_EQ(compare_nights(made_night("n3", "x", 1, 1), nullptr).verdict(), "pass (no baseline)");
}

TEST(NightCompare, AChangedScenarioIsNotCompared) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 40000, 1.0);
  night.scenarios[0].hash = "000000000000";
  const NightComparison c = compare_nights(night, &base);
  EXPECT_TRUE(c.changes.empty());
  EXPECT_TRUE(c.passed());
  EXPECT_NE(c.notes.front().find("the scenario changed since the baseline"), std::string::npos);
}

}  // namespace
}  // namespace irqlab
