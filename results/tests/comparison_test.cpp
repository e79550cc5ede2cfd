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

// Runs with only an overhead probe: its window pairs, per repetition.
ModeRun probe_run(const std::string& mode, unsigned repetition, std::vector<double> pairs) {
  ModeRun r;
  r.mode = mode;
  r.repetition = repetition;
  r.metrics.probe_pair_overheads = std::move(pairs);
  return r;
}

TEST(Comparison, TracingOverheadIsJudgedByTheIntervalOfItsMedian) {
  Comparison c;
  c.info.scenario = "probe";
  c.info.overhead_target_percent = 3;
  // spread: 30 pairs from 0.1 to 3.0 over two repetitions; CI [1.0, 2.1]: met.
  std::vector<double> low, high;
  for (int i = 1; i <= 15; ++i) low.push_back(i / 10.0), high.push_back((i + 15) / 10.0);
  c.runs.push_back(probe_run("spread", 1, low));
  c.runs.push_back(probe_run("spread", 2, high));
  // override: 30 pairs around 2.5 with a spread of +-4; CI straddles 3: unresolved.
  std::vector<double> wide;
  for (int i = 0; i < 30; ++i) wide.push_back(2.5 + (i % 2 ? 1 : -1) * (i % 9) * 0.5);
  c.runs.push_back(probe_run("override", 1, wide));
  // strict: 6 pairs all above 3.5: exceeded.
  c.runs.push_back(probe_run("strict", 1, {3.6, 4, 5, 3.9, 4.2, 6}));

  auto spread = tracing_overhead(c, "spread");
  ASSERT_TRUE(spread && spread->ci95);
  EXPECT_EQ(spread->pairs, 30u);
  EXPECT_NEAR(spread->median_percent, 1.55, 1e-9);
  EXPECT_NEAR(spread->ci95->first, 1.0, 1e-9);
  EXPECT_NEAR(spread->ci95->second, 2.1, 1e-9);
  EXPECT_EQ(spread->verdict, "met");
  EXPECT_EQ(tracing_overhead(c, "override")->verdict, "unresolved");
  EXPECT_EQ(tracing_overhead(c, "strict")->verdict, "exceeded");
  EXPECT_FALSE(tracing_overhead(c, "none"));

  const std::string table = comparison_table(c);
  EXPECT_NE(table.find("  tracing overhead, IOPS  1.55%, 30 pairs"), std::string::npos) << table;
  EXPECT_NE(table.find("    95% CI of the median  1.00 to 2.10%"), std::string::npos) << table;
  EXPECT_NE(table.find("    target <= 3%          met               unresolved        exceeded"), std::string::npos)
      << table;
  const auto doc = comparison_json(c);
  EXPECT_EQ(doc["tracing_overhead"]["target_percent"], 3.0);
  EXPECT_EQ(doc["tracing_overhead"]["modes"]["strict"]["verdict"], "exceeded");
  EXPECT_EQ(doc["tracing_overhead"]["modes"]["spread"]["pairs"], 30);
  // All modes pooled: 66 pairs.
  auto pooled = tracing_overhead(c, "");
  ASSERT_TRUE(pooled && pooled->ci95);
  EXPECT_EQ(pooled->pairs, 66u);
  EXPECT_EQ(doc["tracing_overhead"]["pooled"]["pairs"], 66);
  EXPECT_EQ(doc["tracing_overhead"]["pooled"]["verdict"], pooled->verdict);
  EXPECT_NEAR(pooled->median_percent, 2.05, 1e-9);
  EXPECT_EQ(pooled->verdict, "met");
  EXPECT_NE(table.find("    all modes pooled      2.05% (1.50 to 2.50%), 66 pairs: met"), std::string::npos) << table;
}

TEST(Comparison, TooFewPairsLeaveTheTargetUnresolved) {
  Comparison c;
  c.runs.push_back(probe_run("override", 1, {0.5, 0.6, 0.4}));
  auto o = tracing_overhead(c, "override");
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->ci95);
  EXPECT_EQ(o->verdict, "unresolved");
  const std::string table = comparison_table(c);
  EXPECT_NE(table.find("fewer than 6 window pairs: no 95% interval"), std::string::npos) << table;
}

}  // namespace
}  // namespace irqlab
