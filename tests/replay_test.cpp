// Replays the recorded run directories through `irqlab scenario report` and
// compares the table, results.json, report.md and report.html with the ones
// this tree made when the goldens were written: a refactoring of the
// pipeline (recorders, metrics, report) must leave them byte for byte equal.
// After an intended change of the report, write the goldens again with
//   IRQLAB_UPDATE_GOLDEN=1 build/tests/cli_test --gtest_filter='Replay.*'
// and review their diff like code.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kSource = IRQLAB_TEST_SOURCE_DIR;
const std::string kFixtures = kSource + "/record/tests/fixtures/";
const fs::path kGolden = fs::path(kSource) / "tests/golden/replay";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The run directories are named by absolute path in results.json; the
// goldens name them relative to the fixtures, wherever the tree is cloned.
std::string without_fixture_prefix(std::string text) {
  for (std::size_t at = text.find(kFixtures); at != std::string::npos; at = text.find(kFixtures, at))
    text.erase(at, kFixtures.size());
  return text;
}

void expect_golden(const std::string& name, const std::string& actual) {
  const fs::path golden = kGolden / name;
  if (std::getenv("IRQLAB_UPDATE_GOLDEN") != nullptr) {
    fs::create_directories(kGolden);
    std::ofstream(golden, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::is_regular_file(golden)) << golden << " is missing; see the top of " << __FILE__;
  const std::string expected = slurp(golden);
  // The first differing line says more than two 40 kB strings.
  std::size_t line = 1, at = 0;
  while (at < expected.size() && at < actual.size() && expected[at] == actual[at]) line += expected[at++] == '\n';
  EXPECT_EQ(expected.size(), actual.size()) << name << " differs from its golden from line " << line;
  EXPECT_TRUE(expected == actual) << name << " differs from its golden from line " << line;
}

}  // namespace

TEST(Replay, RecordedRunsGiveTheSameTableAndResultsAsTheGoldens) {
  const fs::path dir = make_temp_dir("replay");
  const auto run = run_irqlab({"scenario", "report", kFixtures + "run-strict", kFixtures + "run-override", "--json",
                               (dir / "results.json").string(), "--markdown", (dir / "report.md").string(), "--html",
                               (dir / "report.html").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  expect_golden("table.txt", without_fixture_prefix(run.out));
  expect_golden("results.json", without_fixture_prefix(slurp(dir / "results.json")));
  expect_golden("report.md", without_fixture_prefix(slurp(dir / "report.md")));
  expect_golden("report.html", without_fixture_prefix(slurp(dir / "report.html")));
  fs::remove_all(dir);
}

}  // namespace irqlab::test
