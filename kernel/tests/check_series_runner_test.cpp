// The prefix loop on a fixture "kernel": a git tree whose Makefile fails
// while code.c holds a marker, with a fake scripts/checkpatch.pl, and a
// series made with git format-patch.
#include "irqlab/kernel/check_series_runner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

// Names the file by its absolute path, as gcc does in an O= kernel build.
constexpr const char* kMakefile =
    "all:\n"
    "\t@if grep -q BROKEN code.c; then echo '$(CURDIR)/code.c:1:9: error: BROKEN is not declared'; exit 1; fi\n"
    "\t@echo built\n";

// Counts added lines with WARNME as warnings of type FIXTURE_MARKER.
constexpr const char* kCheckpatch =
    "#!/bin/sh\n"
    "for patch; do :; done\n"
    "w=$(grep -c '^+.*WARNME' \"$patch\")\n"
    "[ \"$w\" -gt 0 ] && echo 'WARNING:FIXTURE_MARKER: WARNME added'\n"
    "echo \"total: 0 errors, $w warnings, 1 checks, 9 lines checked\"\n";

class CheckSeriesRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(tree_ / "scripts");
    fs::create_directories(dir_ / "patches");
    write(tree_ / "Makefile", kMakefile);
    write(tree_ / "scripts/checkpatch.pl", kCheckpatch);
    fs::permissions(tree_ / "scripts/checkpatch.pl", fs::perms::owner_all);
    write(tree_ / "code.c", "int a = 1;\n");
    git({"init", "-q"});
    commit("base");
    git({"tag", "base"});
  }
  static void write(const fs::path& p, const std::string& text) { std::ofstream(p) << text; }
  void git(std::vector<std::string> args) {
    std::vector<std::string> argv = {"git", "-C", tree_.string(), "-c", "user.name=t", "-c", "user.email=t@t"};
    argv.insert(argv.end(), args.begin(), args.end());
    run_checked(argv, "git " + args[0]);
  }
  void commit(const std::string& subject) {
    git({"add", "-A"});
    git({"commit", "-q", "-m", subject});
  }
  // One commit that writes file: a patch of the series to be.
  void change(const std::string& file, const std::string& text, const std::string& subject) {
    write(tree_ / file, text);
    commit(subject);
  }
  // Turns the commits after base into patches/ and the series, and puts the tree back at base.
  Series make_series(const std::string& extra_series_lines = {}) {
    git({"format-patch", "-q", "-o", (dir_ / "patches").string(), "base"});
    git({"reset", "-q", "--hard", "base"});
    std::string series = extra_series_lines;
    for (const auto& e : fs::directory_iterator(dir_ / "patches")) names_.push_back(e.path().filename().string());
    std::sort(names_.begin(), names_.end());
    for (const auto& n : names_) series += n + "\n";
    write(dir_ / "patches/series", series);
    return load_series(dir_ / "patches");
  }
  CheckPlan plan() {
    CheckPlan p;
    p.checkout = tree_;
    CheckBuildConfig fixture;
    fixture.name = "fixture";
    fixture.configure = {{"configure", {"sh", "-c", "echo CONFIG_FIXTURE=y > \"$0\"", (dir_ / "config").string()}}};
    fixture.config_file = dir_ / "config";
    write(dir_ / "fixture.config", "CONFIG_FIXTURE=y\n");
    fixture.fragments = {dir_ / "fixture.config"};
    fixture.build = {"make", "-C", tree_.string()};
    p.configs = {fixture};
    p.checkpatch = {(tree_ / "scripts/checkpatch.pl").string(), "--strict"};
    p.log_dir = dir_ / "logs";
    return p;
  }
  CheckSeriesReport run(const CheckPlan& p, const Series& series, const std::vector<CheckpatchAllow>& allows = {}) {
    std::FILE* quiet = std::fopen("/dev/null", "w");
    Progress progress(false, quiet);
    CheckSeriesReport report = run_check_series(p, series, allows, progress);
    std::fclose(quiet);
    return report;
  }

  ScratchDir dir_{"check-series"};
  fs::path tree_ = dir_ / "tree";
  std::vector<std::string> names_;
};

}  // namespace

TEST_F(CheckSeriesRunnerTest, ABreakInPatch2MendedByPatch3FailsOnlyPrefix2) {
  change("feature.c", "int feature;\n", "fixture: Add the feature");
  change("code.c", "int a = BROKEN;\n", "fixture: Use the feature before it is declared");
  change("code.c", "int a = 1; /* WARNME */\n", "fixture: Mend the build");
  const Series series = make_series();
  CheckSeriesReport report = run(plan(), series);

  ASSERT_EQ(report.patches.size(), 3u);
  EXPECT_EQ(report.configs, std::vector<std::string>{"fixture"});
  std::vector<std::string> cells;
  for (const PatchCheck& p : report.patches) cells.push_back(prefix_build_cell(p.builds.at(0)));
  EXPECT_EQ(cells, (std::vector<std::string>{"ok", "FAIL(1 error)", "ok"}));
  const PatchCheck& second = report.patches[1];
  EXPECT_EQ(second.subject, "fixture: Use the feature before it is declared");
  EXPECT_EQ(second.builds[0].first_error, "code.c:1:9: error: BROKEN is not declared");
  EXPECT_TRUE(fs::exists(report.log_dir / "0002-fixture.log"));
  EXPECT_NE(read_file(report.log_dir / "0002-fixture.log").find("BROKEN is not declared"), std::string::npos);
  EXPECT_EQ(report.patches[2].checkpatch.warnings, 1);
  EXPECT_EQ(report.patches[0].checkpatch.checks, 1);
  EXPECT_FALSE(check_series_passed(report));
  EXPECT_EQ(read_file(tree_ / "code.c"), "int a = 1; /* WARNME */\n") << "the whole series is applied at the end";
}

TEST_F(CheckSeriesRunnerTest, AnAllowedWarningAndAGoodSeriesPass) {
  change("code.c", "int a = 2; /* WARNME */\n", "fixture: Change a");
  const Series series = make_series();
  std::vector<CheckpatchAllow> allows = {{names_[0], "FIXTURE_MARKER", "the message explains it", 1}};
  EXPECT_FALSE(check_series_passed(run(plan(), series)));
  git({"reset", "-q", "--hard", "base"});
  EXPECT_TRUE(check_series_passed(run(plan(), series, allows)));
}

TEST_F(CheckSeriesRunnerTest, APatchThatDoesNotApplyEndsTheBuilds) {
  change("code.c", "int a = 2;\n", "fixture: Change a");
  change("code.c", "int a = 3;\n", "fixture: Change a again");
  change("feature.c", "int feature;\n", "fixture: Add the feature");
  const Series series = make_series();
  std::string second = read_file(series.patches[1]);
  second.replace(second.find("-int a = 2;"), 11, "-int a = 9;");  // context that is not there
  write(series.patches[1], second);
  CheckSeriesReport report = run(plan(), series);
  ASSERT_EQ(report.patches.size(), 3u);
  EXPECT_EQ(report.patches[0].builds[0].state, PrefixBuild::State::ok);
  EXPECT_NE(report.patches[1].apply_error.find("code.c"), std::string::npos) << report.patches[1].apply_error;
  EXPECT_EQ(report.patches[1].builds[0].state, PrefixBuild::State::not_applied);
  EXPECT_EQ(report.patches[2].builds[0].state, PrefixBuild::State::skipped);
  EXPECT_TRUE(report.patches[2].checkpatch.ran) << "checkpatch still looks at every patch";
}

TEST_F(CheckSeriesRunnerTest, AConfigThatLosesAnOptionFailsClearly) {
  change("code.c", "int a = 2;\n", "fixture: Change a");
  const Series series = make_series();
  CheckPlan p = plan();
  write(dir_ / "fixture.config", "CONFIG_FIXTURE=y\n# CONFIG_HIERARCHY is not set\nCONFIG_MISSING=y\n");
  CheckSeriesReport report = run(p, series);
  const PrefixBuild& b = report.patches.at(0).builds.at(0);
  EXPECT_EQ(b.state, PrefixBuild::State::config_failed);
  EXPECT_EQ(b.first_error,
            "kernel config check: CONFIG_MISSING=y requested by fixture.config:3, final .config has it unset "
            "(a dependency is missing?)");
}

}  // namespace irqlab
