#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "irqlab/common/text.h"
#include "irqlab/kernel/check_series_report.h"

namespace irqlab {
namespace {

PrefixBuild built(PrefixBuild::State state, int errors = 0, std::string first = {}) {
  PrefixBuild b;
  b.state = state;
  b.errors = errors;
  b.first_error = std::move(first);
  return b;
}

CheckpatchReport clean(int checks = 0) {
  CheckpatchReport cp;
  cp.ran = true;
  cp.checks = checks;
  return cp;
}

PatchCheck patch(int number, std::vector<PrefixBuild> builds, CheckpatchReport cp = clean()) {
  PatchCheck p;
  p.number = number;
  p.name = "000" + std::to_string(number) + "-genirq-x.patch";
  p.subject = "genirq/irqdomain: Add callbacks to move the reservation of a managed interrupt";
  p.builds = std::move(builds);
  p.checkpatch = std::move(cp);
  return p;
}

CheckSeriesReport passing() {
  CheckSeriesReport r;
  r.configs = {"lab", "nohier-i386"};
  r.log_dir = "/cache/kernel/check-series/0123456789abcdef";
  for (int n = 1; n <= 3; ++n)
    r.patches.push_back(patch(n, {built(PrefixBuild::State::ok), built(PrefixBuild::State::ok)}, clean(2)));
  return r;
}

CheckpatchReport one_warning(bool allowed) {
  CheckpatchReport cp = clean();
  cp.warnings = 1;
  cp.issues.push_back({"WARNING", "FILE_PATH_CHANGES", "WARNING:FILE_PATH_CHANGES: added file", allowed});
  return cp;
}

}  // namespace

TEST(CheckSeriesVerdict, ChecksDoNotFailButEverythingElseDoes) {
  CheckSeriesReport r = passing();
  EXPECT_TRUE(check_series_passed(r));

  r.patches[1].checkpatch = one_warning(true);
  EXPECT_TRUE(check_series_passed(r)) << "an allowed warning passes";
  r.patches[1].checkpatch = one_warning(false);
  EXPECT_FALSE(check_series_passed(r));

  r = passing();
  r.patches[2].checkpatch.errors = 1;
  EXPECT_FALSE(check_series_passed(r));
  r = passing();
  r.patches[2].checkpatch.ran = false;
  EXPECT_FALSE(check_series_passed(r));
  r = passing();
  r.patches[1].builds[1] = built(PrefixBuild::State::failed, 6);
  EXPECT_FALSE(check_series_passed(r));
  r = passing();
  r.patches[1].builds[0] = built(PrefixBuild::State::config_failed);
  EXPECT_FALSE(check_series_passed(r));
  r = passing();
  r.patches[2].apply_error = "patch failed: a.c:1";
  r.patches[2].builds = {built(PrefixBuild::State::not_applied), built(PrefixBuild::State::not_applied)};
  EXPECT_FALSE(check_series_passed(r));
}

TEST(CheckSeriesTable, CellsSayWhatHappened) {
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::ok)), "ok");
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::failed, 6)), "FAIL(6 errors)");
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::failed, 1)), "FAIL(1 error)");
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::failed, 0)), "FAIL");
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::config_failed)), "FAIL(config)");
  EXPECT_EQ(prefix_build_cell(built(PrefixBuild::State::skipped)), "skipped");
  EXPECT_EQ(checkpatch_cell(clean(3)), "0/0/3");
  EXPECT_EQ(checkpatch_cell(one_warning(true)), "0/1/0 (1 allowed)");
  EXPECT_EQ(checkpatch_cell(CheckpatchReport{}), "not run");
}

TEST(CheckSeriesTable, FitsOneHundredColumnsAndListsFailuresUnderIt) {
  CheckSeriesReport r = passing();
  r.patches[2].builds[1] = built(PrefixBuild::State::failed, 12,
                                 "kernel/irq/irqdomain.c:1036:21: error: 'struct irq_data' has no member named "
                                 "'parent_data'");
  r.patches[2].checkpatch = one_warning(false);
  r.patches[2].checkpatch.checks = 123;
  r.seconds = 754.2;
  const std::string text = render_check_series(r);
  const auto lines = split(text, '\n');
  ASSERT_GE(lines.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_LE(lines[i].size(), 100u) << lines[i];
  EXPECT_EQ(lines[0].substr(0, 13), "patch subject");
  EXPECT_NE(lines[0].find("nohier-i386"), std::string::npos);
  EXPECT_EQ(lines[3].substr(0, 6), "0003  ");
  EXPECT_NE(lines[3].find("..."), std::string::npos) << "the long subject is shortened";
  EXPECT_NE(lines[3].find("FAIL(12 errors)"), std::string::npos);
  EXPECT_NE(lines[3].find("0/1/123"), std::string::npos);
  EXPECT_EQ(lines[1].find("FAIL"), std::string::npos);
  EXPECT_NE(text.find("failures (logs in /cache/kernel/check-series/0123456789abcdef):\n"
                      "  0003 nohier-i386: kernel/irq/irqdomain.c:1036:21: error: 'struct irq_data' has no member"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  0003 checkpatch: WARNING:FILE_PATH_CHANGES: added file\n"), std::string::npos);
  EXPECT_NE(text.find("\nFAIL: 3 patches; lab 3/3 built, nohier-i386 2/3 built, checkpatch 0 errors, 1 warnings, "
                      "127 checks; 754 s\n"),
            std::string::npos)
      << text;
}

TEST(CheckSeriesTable, APassingSeriesHasNoFailureList) {
  const std::string text = render_check_series(passing());
  EXPECT_EQ(text.find("failures"), std::string::npos);
  EXPECT_NE(text.find("\nok: 3 patches;"), std::string::npos) << text;
}

TEST(CheckSeriesJson, CarriesTheSchemaAndEveryCell) {
  CheckSeriesReport r = passing();
  r.patches[1].builds[1] = built(PrefixBuild::State::failed, 6, "a.c:1:2: error: x");
  auto doc = nlohmann::json::parse(check_series_json(r));
  EXPECT_EQ(doc["schema"], "irqlab.check-series/1");
  EXPECT_EQ(doc["passed"], false);
  ASSERT_EQ(doc["patches"].size(), 3u);
  EXPECT_EQ(doc["patches"][1]["builds"]["nohier-i386"]["state"], "failed");
  EXPECT_EQ(doc["patches"][1]["builds"]["nohier-i386"]["errors"], 6);
  EXPECT_EQ(doc["patches"][1]["builds"]["lab"]["state"], "ok");
  EXPECT_EQ(doc["patches"][0]["checkpatch"]["checks"], 2);
}

}  // namespace irqlab
