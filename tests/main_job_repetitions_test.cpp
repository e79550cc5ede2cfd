// The main job with repetitions: the default scenario, three boots per mode,
// interleaved in seeded random blocks. The table and results.json are two
// renderings of one summary: every cell of the table is checked against the
// number results.json carries for it.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/results/summary.h"
#include "table_cells.h"

namespace irqlab::test {
namespace fs = std::filesystem;
using nlohmann::json;

TEST(MainJob, DefaultScenarioThreeBootsPerModeInterleaved) {
  fs::path results = make_temp_dir("mainjob-n3");
  CliRun run = run_irqlab({"run", "default", "--repetitions", "3", "--results", results.string()}, {}, 1800);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  fs::path json_file;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "results.json") json_file = entry.path();
  ASSERT_FALSE(json_file.empty()) << "no results.json under " << results;
  const json doc = json::parse(read_file(json_file));
  const std::string table = read_file(json_file.parent_path() / "table.txt");
  EXPECT_NE(run.out.find(table), std::string::npos) << "the printed table is not table.txt";

  // Interleaved: 3 blocks, each arm once per block, in the order the boots ran.
  const json& order = doc["order"]["runs"];
  ASSERT_EQ(order.size(), 9u) << doc["order"];
  EXPECT_EQ(doc["order"]["seed"], 1);  // the scenario's seed
  for (unsigned block = 0; block < 3; ++block) {
    std::vector<std::string> arms;
    for (unsigned k = 0; k < 3; ++k) {
      const json& b = order[block * 3 + k];
      EXPECT_EQ(b["position"], block * 3 + k + 1);
      EXPECT_EQ(b["repetition"], block + 1);
      arms.push_back(b["arm"]);
    }
    std::sort(arms.begin(), arms.end());
    EXPECT_EQ(arms, (std::vector<std::string>{"override", "spread", "strict"})) << doc["order"];
  }
  ASSERT_EQ(doc["runs"].size(), 9u);
  for (const json& r : doc["runs"]) {
    EXPECT_TRUE(fs::is_directory(r["dir"].get<std::string>())) << r["dir"];
    EXPECT_EQ(r["metrics"]["correctness"]["fio_error"], 0) << r["arm"];
  }

  // One number, two renderings: each arm's cell is its median as the table formats it.
  ASSERT_EQ(doc["arms"].size(), 3u);
  const std::vector<MetricSpec> metrics = metric_catalog({});
  std::size_t numbers = 0;
  for (std::size_t a = 0; a < 3; ++a) {
    const json& arm = doc["arms"][a];
    EXPECT_EQ(arm["boots"], 3);
    for (const MetricSpec& m : metrics) {
      SCOPED_TRACE(arm["arm"].get<std::string>() + " " + m.key);
      const json& cell = arm["metrics"][m.key];
      const std::string shown = table_cell(table, m.label, a), below = table_cell(table, m.label, a, true);
      if (cell["n"] == 0) {
        EXPECT_TRUE(shown.starts_with("n/a [")) << shown << "\n" << table;
        continue;
      }
      EXPECT_EQ(shown, format_value(m, cell["median"].get<double>())) << table;
      // n, or n=k/N when only k of the N boots had the figure (a quiet instant, say).
      const std::string n = std::to_string(cell["n"].get<int>());
      EXPECT_EQ(below, cell["n"] == cell["boots"] ? "n=" + n : "n=" + n + "/" + std::to_string(cell["boots"].get<int>()))
          << table;
      ++numbers;
    }
  }
  EXPECT_GE(numbers, 40u);
  // The comparison column: opt 3 against opt 1, with the mark results.json has.
  const json& head = doc["comparisons"][0];
  EXPECT_EQ(head["a"], "spread");
  EXPECT_EQ(head["b"], "override");
  for (const MetricSpec& m : metrics) {
    const json& c = head["metrics"][m.key];
    if (!c.contains("mark")) continue;
    SCOPED_TRACE(m.key);
    // 3 against 3 boots cannot reach p <= 0.05: the table says so rather than guessing.
    EXPECT_EQ(c["mark"], "n small");
    EXPECT_TRUE(table_comparison(table, m.label, 3).ends_with(" n small")) << table;
  }
  EXPECT_NE(table.find("Noise: steady IOPS varies "), std::string::npos) << table;
  for (const std::string& line : split(table.substr(0, table.find("run directory: ")), '\n'))
    EXPECT_LE(line.size(), 78u) << line;
  if (!HasFailure()) fs::remove_all(results);  // kept for a look when something failed
}

}  // namespace irqlab::test

namespace irqlab::test {

// The null experiment: the default load, nothing injected. There is no dip
// after an event to show, and the noise floor a dip must clear is printed
// from every quiet second of the load.
TEST(MainJob, LoadWithoutEventsPrintsTheDipNoiseFloor) {
  fs::path results = make_temp_dir("mainjob-load-only");
  CliRun run = run_irqlab({"run", "load-only", "--results", results.string()}, {}, 900);
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  fs::path json_file;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "results.json") json_file = entry.path();
  ASSERT_FALSE(json_file.empty());
  const json doc = json::parse(read_file(json_file));
  const std::string table = read_file(json_file.parent_path() / "table.txt");
  const json& metrics = doc["arms"][0]["metrics"];
  EXPECT_EQ(metrics["dip.max_percent"]["n"], 0) << metrics["dip.max_percent"];
  EXPECT_TRUE(table_cell(table, "  dip after event max", 0).starts_with("n/a [")) << table;
  const json& floor = metrics["dip.quiet.max_percent"];
  ASSERT_EQ(floor["n"], 1) << floor;
  const json& m = doc["runs"][0]["metrics"]["throughput"];
  EXPECT_GE(m["quiet_instants"].get<int>(), 8) << m;  // seconds 1..9 of a 12 s load, each with 2 s after it
  const double quiet = floor["median"].get<double>();
  EXPECT_GE(quiet, 0.0);
  EXPECT_LT(quiet, 100.0) << "a constant load stopped completely in the lab";
  const MetricSpec* spec = nullptr;
  const std::vector<MetricSpec> catalog = metric_catalog({});
  for (const MetricSpec& s : catalog)
    if (s.key == "dip.quiet.max_percent") spec = &s;
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(table_cell(table, "  dip, no event max", 0), format_value(*spec, quiet)) << table;
  if (!HasFailure()) fs::remove_all(results);
}

}  // namespace irqlab::test
