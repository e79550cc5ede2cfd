// The comparison table and results.json from run directories recorded in
// lab guests (bench/tests/fixtures/run-*).
#include <gtest/gtest.h>

#include "irqlab/bench/metrics.h"
#include "irqlab/common/text.h"
#include "irqlab/results/comparison.h"

namespace irqlab {
namespace {

Comparison fixture_comparison() {
  Comparison c;
  c.info.scenario = "fixture";
  c.info.duration_s = 3;
  c.info.series_hash = std::string(64, 'a');
  c.info.patches = "13 patches";
  unsigned rep = 0;
  for (const char* dir : {"run-strict", "run-override"}) {
    RunRecords r = read_run(std::string(IRQLAB_BENCH_FIXTURES_DIR) + "/" + dir);
    ModeRun run;
    run.mode = r.mode;
    run.repetition = ++rep;
    run.kernel_release = r.kernel_release;
    run.cmdline = r.cmdline;
    run.metrics = compute_metrics(r);
    c.runs.push_back(std::move(run));
  }
  return c;
}

TEST(Comparison, TableHasAColumnPerModeAndReasonsForNa) {
  const std::string table = comparison_table(fixture_comparison());
  EXPECT_NE(table.find("stock (strict)    opt 3 (override)"), std::string::npos) << table;
  EXPECT_NE(table.find("  moves accepted          0 of 4            4 of 4"), std::string::npos) << table;
  EXPECT_NE(table.find("  write returned          n/a [1]"), std::string::npos) << table;
  EXPECT_NE(table.find("[1] every move was refused: refused by the kernel: managed interrupt (EPERM)"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("  vector matrix drift     none              none"), std::string::npos) << table;
  EXPECT_NE(table.find("kernel: 6.12.117-irqlab, series aaaaaaaaaaaa (13 patches)"), std::string::npos) << table;
  // One cmdline for all modes, without the lab's init= path.
  EXPECT_NE(table.find("cmdline: console=ttyS0 "), std::string::npos) << table;
  EXPECT_NE(table.find("irq_managed=<mode>"), std::string::npos) << table;
  EXPECT_EQ(table.find("init="), std::string::npos) << table;
  for (const std::string& line : split(table, '\n')) {
    EXPECT_LE(line.size(), 80u) << line;
    EXPECT_EQ(line.find('\t'), std::string::npos) << line;
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing blank: " << line;
  }
}

TEST(Comparison, ResultsJsonCarriesEveryRun) {
  const auto doc = comparison_json(fixture_comparison());
  EXPECT_EQ(doc["schema"], "irqlab.results/1");
  ASSERT_EQ(doc["runs"].size(), 2u);
  EXPECT_EQ(doc["runs"][0]["label"], "stock (strict)");
  const auto& m = doc["runs"][1]["metrics"];
  EXPECT_EQ(m["moves"]["accepted"], 4);
  EXPECT_EQ(m["move_latency_ms"]["kernel_move"]["count"], 4);
  EXPECT_TRUE(doc["runs"][0]["metrics"]["move_latency_ms"]["write_returned"].is_null());
  EXPECT_EQ(m["events"].size(), 6u);
  EXPECT_TRUE(m["correctness"]["vector_drift"].empty());
}

}  // namespace
}  // namespace irqlab
