// irqlab nightly on the collected backend, irqlab compare and history: the
// recorded fixture runs as a lab machine's night, then the gate on nights
// whose records the test edits (an injected regression fails it, an
// unchanged night passes).
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kSource = IRQLAB_TEST_SOURCE_DIR;
const std::string kNight = kSource + "/tests/nights/fixture.night";
const std::string kOverrideRun = kSource + "/record/tests/fixtures/run-override";
const std::string kStrictRun = kSource + "/record/tests/fixtures/run-strict";

std::vector<std::string> nightly_args(const fs::path& dir, const std::vector<std::string>& runs) {
  std::vector<std::string> args = {"nightly", kNight, "--backend", "collected", "--nights", (dir / "nights").string(),
                                   "--history", (dir / "history").string(), "--publish", (dir / "pub").string(),
                                   "--machine", "lab1", "--runs"};
  args.insert(args.end(), runs.begin(), runs.end());
  return args;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Six boots per arm around each recorded value, the override arm's steady
// IOPS scaled by iops_factor: enough boots for the gate to see a change.
void widen(const fs::path& record, const std::string& id, const std::string& started, double iops_factor) {
  auto j = nlohmann::ordered_json::parse(slurp(record));
  j["id"] = id;
  j["started"] = started;
  for (auto& arm : j["scenarios"][0]["arms"])
    for (auto& [key, m] : arm["metrics"].items()) {
      const double v = m["values"][0].get<double>() * (key == "iops.steady" && arm["arm"] == "override" ? iops_factor : 1);
      m["values"] = nlohmann::json::array();
      for (int i = 0; i < 6; ++i) m["values"].push_back(v * (0.975 + 0.01 * i));
    }
  std::ofstream(record.parent_path() / (id + ".json")) << j.dump(1);
}

}  // namespace

TEST(NightlyCli, TwoCollectedNightsPublishAndTheSecondComparesWithTheFirst) {
  const fs::path dir = make_temp_dir("nightly-collected");
  const CliRun first = run_irqlab(nightly_args(dir, {kOverrideRun, kStrictRun}));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("gate: pass (no baseline)"), std::string::npos) << first.out;
  const CliRun second = run_irqlab(nightly_args(dir, {kOverrideRun, kStrictRun}));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("against baseline "), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("1 against 1 boots cannot reach p <= 0.05"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("\ngate: pass\n"), std::string::npos) << second.out;
  std::vector<fs::path> nights;
  for (const auto& e : fs::directory_iterator(dir / "nights")) nights.push_back(e.path());
  ASSERT_EQ(nights.size(), 2u);
  for (const fs::path& n : nights)
    for (const char* f : {"night.json", "night.md", "night.html", "compare.txt", "fixture/report.html", "fixture/results.json"})
      EXPECT_TRUE(fs::exists(n / f)) << n / f;
  const std::string index = slurp(dir / "pub" / "index.md");
  const std::size_t newest = index.find("-2/night.md"), oldest = index.find("-fixture/night.md");
  EXPECT_NE(newest, std::string::npos) << index;
  EXPECT_LT(newest, oldest) << "newest first:\n" << index;
  EXPECT_TRUE(fs::exists(dir / "pub" / nights[0].filename() / "fixture" / "report.html"));
  EXPECT_FALSE(fs::exists(dir / "pub" / nights[0].filename() / "fixture" / "perf.script"));

  // The reproducer bundle: the command, the night and its scenario beside it.
  const std::string script = slurp(nights[0] / "reproduce.sh");
  EXPECT_NE(script.find("ci/nightly.sh \"$here\"/night.txt --night-id " + nights[0].filename().string() +
                        " --nights \"$here\"/reproduced/nights"),
            std::string::npos)
      << script;
  EXPECT_NE(script.find("--backend collected --runs " + kOverrideRun), std::string::npos) << script;
  EXPECT_NE(slurp(nights[0] / "night.txt").find("scenarios = scenario-fixture.scenario"), std::string::npos);
  EXPECT_EQ(slurp(nights[0] / "scenario-fixture.scenario"), slurp(kOverrideRun + "/scenario"));
  EXPECT_NE(slurp(nights[0] / "versions.txt").find("fio: fio-"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "pub" / nights[0].filename() / "reproduce.sh"));

  const CliRun history = run_irqlab({"history", "iops.steady", "--history", (dir / "history").string()});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("fixture/override"), std::string::npos) << history.out;
  fs::remove_all(dir);
}

TEST(NightlyCli, AMissingRunBreaksTheNightButItStillPublishes) {
  const fs::path dir = make_temp_dir("nightly-missing");
  const CliRun run = run_irqlab(nightly_args(dir, {kOverrideRun}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(error_line(run.err), "irqlab: error: gate: broken: fixture: 1 of 2 runs missing") << run.err;
  EXPECT_TRUE(fs::exists(dir / "pub" / "index.html"));
  fs::remove_all(dir);
}

TEST(NightlyCli, RunsThatDoNotMatchThePlanPerModeBreakTheNight) {
  const fs::path dir = make_temp_dir("nightly-arms");
  fs::copy(kOverrideRun, dir / "override-again", fs::copy_options::recursive);
  const CliRun run = run_irqlab(nightly_args(dir, {kOverrideRun, (dir / "override-again").string()}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(error_line(run.err), "irqlab: error: gate: broken: run fixture/override: 2 runs, the night plans 1 (and 1 more)")
      << run.err;
  fs::remove_all(dir);
}

TEST(NightlyCli, TheGateFailsOnAnInjectedRegressionAndPassesAnUnchangedNight) {
  const fs::path dir = make_temp_dir("nightly-gate");
  ASSERT_EQ(run_irqlab(nightly_args(dir, {kOverrideRun, kStrictRun})).exit_code, 0);
  fs::path recorded;
  for (const auto& e : fs::directory_iterator(dir / "history")) recorded = e.path();
  widen(recorded, "base", "2026-01-01T00:00:00Z", 1.0);
  widen(recorded, "same", "2026-01-02T00:00:00Z", 1.0);
  widen(recorded, "slow", "2026-01-03T00:00:00Z", 0.7);
  const std::string history = (dir / "history").string();

  const CliRun same = run_irqlab({"compare", "same", "base", "--history", history});
  EXPECT_EQ(same.exit_code, 0) << same.err;
  EXPECT_NE(same.out.find("\ngate: pass\n"), std::string::npos) << same.out;

  const CliRun slow = run_irqlab({"compare", "slow", "base", "--history", history});
  EXPECT_EQ(slow.exit_code, 1) << slow.out;
  EXPECT_EQ(error_line(slow.err).substr(0, 70),
            "irqlab: error: gate: regression: fixture/override iops.steady -30.0% (")
      << slow.err;
  EXPECT_NE(slow.out.find("FAIL >5.00%"), std::string::npos) << slow.out;
  fs::remove_all(dir);
}

TEST(NightlyCli, BadInputIsOneLine) {
  const fs::path dir = make_temp_dir("nightly-bad");
  std::vector<std::string> args = nightly_args(dir, {kOverrideRun});
  args[3] = "lava-someday";
  EXPECT_EQ(error_line(run_irqlab(args).err),
            "irqlab: error: --backend: unknown backend 'lava-someday' (backends: virtual, collected)");
  const std::string foreign = kSource + "/record/tests/fixtures/guest-override";
  EXPECT_EQ(error_line(run_irqlab(nightly_args(dir, {foreign})).err),
            "irqlab: error: " + foreign + ": not a run directory (no 'scenario' file)");
  EXPECT_EQ(error_line(run_irqlab({"compare", "nosuch", "--history", dir.string()}).err),
            "irqlab: error: no night 'nosuch' in " + dir.string());
  EXPECT_EQ(error_line(run_irqlab({"nightly", "nosuch"}).err).substr(0, 38), "irqlab: error: unknown night 'nosuch' ");
  fs::remove_all(dir);
}

}  // namespace irqlab::test
