// The gate on nights made up to hold a change or not.
#include <gtest/gtest.h>

#include "irqlab/nightly/gate_noise.h"
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

TEST(NightCompare, AChangeFailsOnlyWhenItsWholeIntervalIsPastTheThreshold) {
  // 7 % fewer IOPS: significant and past 5 % by the estimate, but the
  // interval reaches below 5 %, so the gate does not fail on it.
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  const NightComparison c = compare_nights(made_night("n2", "2026-12-02T01:00:00Z", 74400, 1.0), &base);
  const MetricChange* iops = change(c, "override", "iops.steady");
  EXPECT_EQ(iops->comparison.mark, Mark::Worse);
  EXPECT_LT(*iops->comparison.estimate, -5);
  EXPECT_GT(iops->comparison.ci95->second, -5);
  EXPECT_FALSE(iops->regression);
}

TEST(NightCompare, AStallFromABaselineOfZeroFailsTheGate) {
  NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  base.scenarios[0].arms[1].metrics[1].values.assign(6, 0.0);
  night.scenarios[0].arms[1].metrics[1].values = test::boots_around(50, 6);
  const NightComparison c = compare_nights(night, &base);
  EXPECT_TRUE(change(c, "override", "drain.hctx.max_ms")->regression) << night_comparison_text(c);
  EXPECT_FALSE(c.passed());
}

TEST(NightCompare, AGatedMetricOrArmThatVanishedBreaksTheNight) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  night.scenarios[0].arms[1].metrics.erase(night.scenarios[0].arms[1].metrics.begin());
  EXPECT_EQ(compare_nights(night, &base).verdict(),
            "broken: default/override iops.steady: in the baseline, in no boot tonight");
  night = made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0);
  night.scenarios[0].arms.pop_back();
  EXPECT_EQ(compare_nights(night, &base).verdict(), "broken: default/override: in the baseline, no boot tonight");
}

TEST(NightCompare, AnotherSetupIsNotCompared) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  NightRecord night = made_night("n2", "2026-12-02T01:00:00Z", 40000, 1.0);
  night.scenarios[0].setup = "8 CPUs";
  const NightComparison c = compare_nights(night, &base);
  EXPECT_TRUE(c.changes.empty());
  EXPECT_NE(c.notes.front().find("the setup changed since the baseline"), std::string::npos);
}

TEST(NightCompare, TheGateOnSimulatedUnchangedNights) {
  const NightRecord base = made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0);
  const NightComparison quiet = compare_nights(made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0), &base);
  ASSERT_TRUE(quiet.noise);
  EXPECT_EQ(quiet.noise->metrics, 4u);  // iops.steady and drain.hctx.max_ms of two arms; locality is not gated
  EXPECT_EQ(quiet.noise->nights, 200u);
  EXPECT_EQ(quiet.noise->false_alarm, 0) << "2% noise never passes a 5% threshold";
  EXPECT_NE(night_comparison_text(quiet).find("this gate\nfails 0.00% of nights (200 simulated nights, 4 gated"),
            std::string::npos)
      << night_comparison_text(quiet);
  // Boots that vary by half their value: the gate fails some unchanged nights, and says how many.
  NightRecord noisy = base;
  for (RecordedArm& a : noisy.scenarios[0].arms)
    for (RecordedMetric& m : a.metrics) m.values = {0.3, 1.7, 0.5, 1.5, 0.8, 1.2};
  const auto loud = simulate_gate_noise(made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0), noisy, 4000);
  ASSERT_TRUE(loud);
  // About 1 in 900 per metric separates completely and is then far past the
  // thresholds: 4 metrics at 6 against 6 give a few % of nights.
  EXPECT_GT(loud->false_alarm, 0.001);
  EXPECT_LT(loud->false_alarm, 0.05);
}

}  // namespace
}  // namespace irqlab
