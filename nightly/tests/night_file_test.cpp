#include <gtest/gtest.h>

#include "irqlab/common/error.h"
#include "irqlab/nightly/night_file.h"
#include "irqlab/nightly/night_run.h"
#include "irqlab/testing/error_of.h"

namespace irqlab {
namespace {

std::string error_of(const std::string& text) {
  return irqlab::error_of([&] { parse_night(text, "n.night"); });
}

TEST(NightFile, ParsesKeysAndAppendsTheDefaultThresholds) {
  const Night n = parse_night(
      "# comment\nname = short\nscenarios = short default\nmodes = spread override\nrepetitions = 4\n"
      "alpha = 0.01\nthreshold = iops.steady 2%\nthreshold = clat.* 10%\n",
      "n.night");
  EXPECT_EQ(n.name, "short");
  EXPECT_EQ(n.scenarios, (std::vector<std::string>{"short", "default"}));
  EXPECT_EQ(n.modes, (std::vector<ManagedMode>{ManagedMode::Spread, ManagedMode::Override}));
  EXPECT_EQ(n.repetitions, 4u);
  EXPECT_DOUBLE_EQ(n.alpha, 0.01);
  ASSERT_EQ(n.thresholds.size(), 5u);
  EXPECT_EQ(threshold_for(n.thresholds, "iops.steady")->percent, 2);   // the file's exact key wins over the default
  EXPECT_EQ(threshold_for(n.thresholds, "iops.mean")->percent, 5);     // the default
  EXPECT_EQ(threshold_for(n.thresholds, "clat.p99_ms")->percent, 10);
  EXPECT_EQ(threshold_for(n.thresholds, "drain.hctx.max_ms")->percent, 20);
  EXPECT_EQ(threshold_for(n.thresholds, "move.kernel.p50_ms")->percent, 20);
  EXPECT_FALSE(threshold_for(n.thresholds, "dip.max_percent"));
}

TEST(NightFile, RefusesMistakesWithTheLine) {
  EXPECT_EQ(error_of("name = a\nscenarios = x\nname = b\n"), "n.night:3: 'name' is set twice (first on line 1)");
  EXPECT_EQ(error_of("name = a\nscenarios = x x\n"), "n.night:2: 'scenarios' lists 'x' twice");
  EXPECT_EQ(error_of("name = a\nscenarios = x\nmodes = spread fast\n"),
            "n.night:3: unknown mode 'fast' (modes: strict, spread, override)");
  EXPECT_EQ(error_of("name = a\nscenarios = x\nthreshold = iops.* nan%\n"),
            "n.night:3: a threshold wants a percentage above 0 and at most 1000, not 'nan%'");
  EXPECT_EQ(error_of("name = a\nscenarios = x\nthreshold = io*ps 5%\n"),
            "n.night:3: a threshold pattern may only end in '*': 'io*ps'");
  EXPECT_EQ(error_of("name = a\nscenarios = x\nrepetitions = 4294967297\n"),
            "n.night:3: 'repetitions' wants a number from 1 to 100");
  EXPECT_EQ(error_of("name = ../a\nscenarios = x\n"),
            "n.night:1: 'name' wants up to 64 letters, digits, '-', '_' or '.', not starting with '.'");
  EXPECT_EQ(error_of("name = a\n"), "n.night: the night has no 'scenarios'");
  EXPECT_EQ(error_of("name = a\nscenarios = x\nalpha = 0.7\n"), "n.night:3: 'alpha' wants a number above 0 and below 0.5");
  EXPECT_EQ(error_of("name = a\nscenarios = x\ncolour = red\n").substr(0, 31), "n.night:3: unknown key 'colour'");
}

TEST(NightFile, ItsTextForTheReproducerParsesToTheSameNight) {
  const Night n = parse_night(
      "name = short\ndescription = a b\nscenarios = ../scenarios/short.scenario\nmodes = spread override\n"
      "repetitions = 2\nalpha = 0.01\nthreshold = clat.* 12.5%\n",
      "n.night");
  const Night again = parse_night(night_text(n, {"scenarios/short.scenario"}), "again.night");
  EXPECT_EQ(again.name, n.name);
  EXPECT_EQ(again.description, n.description);
  EXPECT_EQ(again.scenarios, std::vector<std::string>{"scenarios/short.scenario"});
  EXPECT_EQ(again.modes, n.modes);
  EXPECT_EQ(again.repetitions, n.repetitions);
  EXPECT_EQ(again.alpha, n.alpha);
  ASSERT_EQ(again.thresholds.size(), n.thresholds.size());
  for (std::size_t i = 0; i < n.thresholds.size(); ++i) {
    EXPECT_EQ(again.thresholds[i].pattern, n.thresholds[i].pattern);
    EXPECT_EQ(again.thresholds[i].percent, n.thresholds[i].percent);
  }
}

TEST(NightFile, TheShippedNightsParseAndPlan) {
  const std::filesystem::path source = IRQLAB_TEST_SOURCE_DIR;
  std::size_t seen = 0;
  for (const auto* dir : {"nightly/nights", "tests/nights"})
    for (const auto& e : std::filesystem::directory_iterator(source / dir)) {
      if (e.path().extension() != ".night") continue;
      ++seen;
      const Night n = load_night(e.path().string(), source / dir);
      const std::vector<PlannedScenario> plan =
          plan_night(n, source / "scenario" / "scenarios", source / "topology" / "presets");
      EXPECT_EQ(plan.size(), n.scenarios.size()) << e.path();
      for (const PlannedScenario& p : plan) EXPECT_FALSE(p.order.empty()) << e.path() << " " << p.scenario.name;
    }
  EXPECT_EQ(seen, 4u);  // nightly, short, fixture, lava
}

}  // namespace
}  // namespace irqlab
