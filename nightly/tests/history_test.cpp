#include <gtest/gtest.h>

#include <fstream>

#include "irqlab/common/error.h"
#include "irqlab/nightly/history.h"
#include "irqlab/testing/scratch_dir.h"
#include "records.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

using test::made_night;

TEST(History, RecordsRoundTripAndSortByStart) {
  const ScratchDir dir("history-test-roundtrip");
  const History h(dir / "nights");  // made by the first save
  h.save(made_night("b", "2026-12-02T01:00:00Z", 80000, 1.0));
  h.save(made_night("a", "2026-12-01T01:00:00Z", 70000, 1.0));
  const std::vector<NightRecord> nights = h.nights();
  ASSERT_EQ(nights.size(), 2u);
  EXPECT_EQ(nights[0].id, "a");
  EXPECT_EQ(night_record_json(nights[1]), night_record_json(made_night("b", "2026-12-02T01:00:00Z", 80000, 1.0)));
  EXPECT_EQ(h.find("a").scenarios[0].arms[1].metrics[0].values.size(), 6u);
  EXPECT_THROW(h.find(".."), Error);
  EXPECT_THROW(h.find("a b"), Error);
}

TEST(History, AMalformedRecordIsOneLineNamingTheFile) {
  const ScratchDir dir("history-test-malformed");
  const History h(dir / "nights");
  fs::create_directories(h.dir());
  nlohmann::ordered_json j = night_record_json(made_night("a", "2026-12-01T01:00:00Z", 1, 1));
  j["scenarios"][0]["arms"][0]["metrics"]["iops.steady"]["values"][0] = "many";
  std::ofstream(h.dir() / "a.json") << j.dump();
  try {
    h.nights();
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              (h.dir() / "a.json").string() + ": not a night record (metric 'iops.steady': a value is not a finite number)");
  }
  std::ofstream(h.dir() / "a.json") << "{";
  EXPECT_THROW(h.nights(), Error);
}

TEST(History, TheBaselineIsTheLastGoodNightOfTheSameNightAndMachine) {
  std::vector<NightRecord> history;
  history.push_back(made_night("n1", "2026-12-01T01:00:00Z", 80000, 1.0));
  history.push_back(made_night("n2", "2026-12-02T01:00:00Z", 80000, 1.0));
  history.back().gate = "regression: something";
  history.push_back(made_night("n3", "2026-12-03T01:00:00Z", 80000, 1.0));
  history.back().machine = "lab2";
  history.push_back(made_night("n4", "2026-12-04T01:00:00Z", 80000, 1.0));
  history.back().failed_runs = {"default/override-1: panic"};
  const NightRecord tonight = made_night("n5", "2026-12-05T01:00:00Z", 80000, 1.0);
  history.push_back(tonight);
  ASSERT_TRUE(baseline_for(tonight, history));
  EXPECT_EQ(baseline_for(tonight, history)->id, "n1");
  EXPECT_FALSE(baseline_for(history[0], history));
}

TEST(History, TrendsComeFromEarlierGoodNights) {
  std::vector<NightRecord> history = {made_night("n1", "2026-12-01T01:00:00Z", 70000, 1.0),
                                      made_night("n2", "2026-12-02T01:00:00Z", 75000, 1.0)};
  const NightRecord tonight = made_night("n3", "2026-12-03T01:00:00Z", 80000, 1.0);
  const std::vector<MetricTrend> trends = scenario_trends(tonight, "default", history);
  const MetricTrend* iops = nullptr;
  for (const MetricTrend& t : trends)
    if (t.metric == "iops.steady" && t.arm == "override") iops = &t;
  ASSERT_TRUE(iops);
  ASSERT_EQ(iops->points.size(), 2u);
  EXPECT_EQ(iops->points[0].label, "2026-12-01 01:00");
  EXPECT_NEAR(iops->points[1].value, 75000, 75000 * 0.03);
}

}  // namespace
}  // namespace irqlab
