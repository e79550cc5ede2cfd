// The summary, the table and results.json: on run directories recorded in
// lab guests (record/tests/fixtures/run-*) and on synthetic runs whose truth
// is known (an A/A comparison, a real shift, too few boots).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "irqlab/common/error.h"
#include "irqlab/common/statistics.h"
#include "irqlab/common/text.h"
#include "irqlab/metrics/metrics.h"
#include "irqlab/results/boot_order.h"
#include "irqlab/results/comparison.h"
#include "irqlab/results/report.h"
#include "irqlab/results/summary.h"
#include "synthetic_comparison.h"
#include "table_cells.h"

namespace irqlab {
namespace {

using test::boot;
using test::synthetic;
using test::table_cell;
using test::table_comparison;

Comparison fixture_comparison() {
  Comparison c;
  c.info.scenario = "fixture";
  c.info.duration_s = 3;
  c.info.series_hash = std::string(64, 'a');
  c.info.patches = "13 patches";
  unsigned rep = 0;
  for (const char* dir : {"run-strict", "run-override"}) {
    RunRecords r = read_run(std::string(IRQLAB_RECORD_FIXTURES_DIR) + "/" + dir);
    ModeRun run;
    run.mode = r.mode;
    run.arm = to_text(r.mode);
    run.repetition = 1;
    run.position = ++rep;
    run.kernel_release = r.kernel_release;
    run.cmdline = r.cmdline;
    run.metrics = compute_metrics(r);
    c.runs.push_back(std::move(run));
  }
  return c;
}

void expect_mail_safe(const std::string& table) {
  for (const std::string& line : split(table, '\n')) {
    EXPECT_LE(line.size(), 78u) << line;
    EXPECT_EQ(line.find('\t'), std::string::npos) << line;
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing blank: " << line;
  }
}

TEST(Comparison, TableHasAColumnPerArmAndReasonsForNa) {
  const std::string table = comparison_table(fixture_comparison());
  EXPECT_NE(table.find("                      stock        opt 3        opt 3 vs stock\n"), std::string::npos) << table;
  EXPECT_NE(table.find("                      (strict)     (override)   (shift, mark)\n"), std::string::npos) << table;
  EXPECT_NE(table.find("  moves accepted      0 of 4       4 of 4"), std::string::npos) << table;
  EXPECT_EQ(table_cell(table, "  write returned p50", 0), "n/a [1]") << table;
  EXPECT_NE(table.find("[1] every move was refused: refused by the kernel: managed interrupt (EPERM)"),
            std::string::npos)
      << table;
  // One boot per arm: the cell says n, and there is nothing to compare.
  EXPECT_EQ(table_cell(table, "  write returned p50", 1, true), "n=1") << table;
  EXPECT_NE(table.find("  vector matrix drift none         none"), std::string::npos) << table;
  EXPECT_NE(table.find("kernel: 6.12.117-irqlab, series aaaaaaaaaaaa (13 patches)"), std::string::npos) << table;
  EXPECT_NE(table.find("cmdline: console=ttyS0 "), std::string::npos) << table;
  EXPECT_NE(table.find("irq_managed=<mode>"), std::string::npos) << table;
  EXPECT_EQ(table.find("init="), std::string::npos) << table;
  expect_mail_safe(table);
}

TEST(Comparison, ResultsJsonCarriesEveryRunAndTheArms) {
  const auto doc = comparison_json(fixture_comparison());
  EXPECT_EQ(doc["schema"], "irqlab.results/2");
  ASSERT_EQ(doc["runs"].size(), 2u);
  EXPECT_EQ(doc["runs"][0]["label"], "stock (strict)");
  const auto& m = doc["runs"][1]["metrics"];
  EXPECT_EQ(m["moves"]["accepted"], 4);
  EXPECT_EQ(m["move_latency_ms"]["kernel_move"]["count"], 4);
  EXPECT_TRUE(doc["runs"][0]["metrics"]["move_latency_ms"]["write_returned"].is_null());
  EXPECT_EQ(m["events"].size(), 6u);
  ASSERT_EQ(doc["arms"].size(), 2u);
  EXPECT_EQ(doc["arms"][0]["arm"], "strict");
  EXPECT_EQ(doc["arms"][0]["metrics"]["move.write_returned.p50_ms"]["n"], 0);
  EXPECT_NE(doc["arms"][0]["metrics"]["move.write_returned.p50_ms"]["absent"].get<std::string>().find("EPERM"),
            std::string::npos);
  EXPECT_EQ(doc["arms"][1]["metrics"]["move.kernel.p50_ms"]["n"], 1);
  EXPECT_EQ(doc["order"]["runs"][1]["position"], 2);
}

TEST(Comparison, AnAAComparisonShowsNoDifference) {
  const Comparison c = synthetic({{"override-a", "override"}, {"override-b", "override"}}, 5, 0.02, 1, 1, 7);
  const Summary s = summarize(c);
  ASSERT_EQ(s.comparisons.size(), 1u);
  EXPECT_EQ(s.comparisons[0].label, "opt 3 b vs a");
  const std::string table = comparison_table(c);
  for (const char* label : {"  IOPS mean", "  IOPS steady", "  clat p50 (ms)", "  clat p99 (ms)"}) {
    const std::string cell = table_comparison(table, label, 2);
    EXPECT_TRUE(cell.ends_with(" ~")) << label << ": " << cell << "\n" << table;
  }
  EXPECT_EQ(table_cell(table, "  IOPS steady", 0, true), "n=5") << table;
  EXPECT_NE(table.find("(override) a"), std::string::npos) << table;
  expect_mail_safe(table);
}

TEST(Comparison, ARealShiftIsMarkedWithItsDirection) {
  // opt 3 has 10% fewer IOPS and 20% higher latency than opt 1, at 1% noise.
  const Comparison c = synthetic({{"spread", "spread"}, {"override", "override"}}, 6, 0.01, 0.9, 1.2, 3);
  const Summary s = summarize(c);
  const std::string table = comparison_table(c);
  EXPECT_TRUE(table_comparison(table, "  IOPS steady", 2).ends_with(" worse")) << table;
  EXPECT_TRUE(table_comparison(table, "  clat p99 (ms)", 2).ends_with(" worse")) << table;
  // The relative shift, about -10%, inside its interval.
  const auto& j = comparison_json(c);
  const auto& steady = j["comparisons"][0]["metrics"]["iops.steady"];
  EXPECT_EQ(steady["scale"], "relative_percent");
  EXPECT_NEAR(steady["estimate"].get<double>(), -10, 1.5) << steady;
  EXPECT_LE(steady["ci95"][0].get<double>(), steady["estimate"].get<double>());
  EXPECT_GE(steady["ci95"][1].get<double>(), steady["estimate"].get<double>());
  EXPECT_LE(steady["p_value"].get<double>(), steady["p_adjusted"].get<double>());
  // Six boots: the cells have their 95% interval.
  const auto& cell = j["arms"][0]["metrics"]["iops.steady"];
  ASSERT_TRUE(cell["ci95"].is_array()) << cell;
  const MetricSpec& spec = *std::find_if(s.metrics.begin(), s.metrics.end(),
                                          [](const MetricSpec& m) { return m.key == "iops.steady"; });
  EXPECT_EQ(table_cell(table, "  IOPS steady", 0, true),
            format_interval(spec, cell["ci95"][0].get<double>(), cell["ci95"][1].get<double>()))
      << table;
  // Reversed, the same shift is better.
  const Comparison r = synthetic({{"spread", "spread"}, {"override", "override"}}, 6, 0.01, 1.1, 0.8, 3);
  EXPECT_TRUE(table_comparison(comparison_table(r), "  IOPS steady", 2).ends_with(" better"));
}

TEST(Comparison, ThreeBootsAPieceCannotReachTheLevel) {
  const Comparison c = synthetic({{"spread", "spread"}, {"override", "override"}}, 3, 0.01, 0.5, 2, 3);
  const std::string table = comparison_table(c);
  EXPECT_TRUE(table_comparison(table, "  IOPS steady", 2).ends_with(" n small")) << table;
  const auto doc = comparison_json(c);
  EXPECT_NEAR(doc["comparisons"][0]["metrics"]["iops.steady"]["min_p"].get<double>(), 0.1, 1e-9);
}

TEST(Comparison, TableAndJsonCarryTheSameNumbers) {
  const Comparison c = synthetic({{"strict", "strict"}, {"spread", "spread"}, {"override", "override"}}, 6, 0.03, 0.95,
                                 1.05, 11);
  const Summary s = summarize(c);
  const std::string table = comparison_table(c);
  const auto doc = comparison_json(c);
  std::size_t checked = 0;
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    const MetricSpec& m = s.metrics[i];
    for (std::size_t a = 0; a < s.arms.size(); ++a) {
      const auto& cell = doc["arms"][a]["metrics"][m.key];
      if (cell["n"] == 0) continue;
      EXPECT_EQ(table_cell(table, m.label, a), format_value(m, cell["median"].get<double>())) << m.key;
      // Six boots: the line below is the interval, in the same numbers.
      ASSERT_TRUE(cell["ci95"].is_array()) << m.key;
      EXPECT_EQ(table_cell(table, m.label, a, true),
                format_interval(m, cell["ci95"][0].get<double>(), cell["ci95"][1].get<double>()))
          << m.key << "\n"
          << table;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 12u);  // IOPS mean and steady, clat p50 and p99, three arms
  EXPECT_EQ(doc["comparisons"][0]["label"], "opt 3 vs opt 1");
  EXPECT_EQ(doc["comparisons"][1]["label"], "opt 1 vs stock");
  EXPECT_EQ(doc["comparisons"][2]["label"], "opt 3 vs stock");
  expect_mail_safe(table);
}

TEST(BootOrder, BlocksHoldEachArmOnceInASeededOrder) {
  const std::vector<std::string> arms = arm_names({ManagedMode::Strict, ManagedMode::Spread, ManagedMode::Override});
  const auto order = interleaved_order(arms, 5, 1);
  ASSERT_EQ(order.size(), 15u);
  for (unsigned block = 0; block < 5; ++block) {
    std::vector<std::string> seen;
    for (unsigned k = 0; k < 3; ++k) {
      const PlannedBoot& b = order[block * 3 + k];
      EXPECT_EQ(b.repetition, block + 1);
      EXPECT_EQ(b.position, block * 3 + k + 1);
      seen.push_back(b.arm);
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_EQ(seen, (std::vector<std::string>{"override", "spread", "strict"}));
  }
  // Not always the same order: over 5 blocks the first arm changes.
  bool varies = false;
  for (unsigned block = 1; block < 5; ++block) varies = varies || order[block * 3].arm != order[0].arm;
  EXPECT_TRUE(varies);
  const auto again = interleaved_order(arms, 5, 1);
  for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i].arm, again[i].arm);
  EXPECT_EQ(arm_names({ManagedMode::Override, ManagedMode::Override}), (std::vector<std::string>{"override-a", "override-b"}));
}

// Runs with only an overhead probe: its window pairs, per boot.
ModeRun probe_run(const std::string& mode, unsigned repetition, std::vector<double> pairs) {
  ModeRun r;
  r.mode = kManagedModes.parse(mode);
  r.arm = mode;
  r.repetition = repetition;
  r.metrics.probe_pair_overheads = std::move(pairs);
  return r;
}

TEST(Comparison, TracingOverheadIsJudgedByTheIntervalOfItsMedian) {
  Comparison c;
  c.info.scenario = "probe";
  c.info.overhead_target_percent = 3;
  // spread: one boot, 30 pairs from 0.1 to 3.0; binomial CI [1.0, 2.1]: met.
  std::vector<double> pairs;
  for (int i = 1; i <= 30; ++i) pairs.push_back(i / 10.0);
  c.runs.push_back(probe_run("spread", 1, pairs));
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
  auto override_arm = tracing_overhead(c, "override");
  EXPECT_EQ(override_arm->verdict, "unresolved");
  ASSERT_TRUE(override_arm->probe_s_to_resolve);
  EXPECT_GT(*override_arm->probe_s_to_resolve, 15.0);  // more than today's 30 pairs
  EXPECT_EQ(tracing_overhead(c, "strict")->verdict, "exceeded");
  EXPECT_FALSE(tracing_overhead(c, "none"));
  const auto doc = comparison_json(c);
  EXPECT_EQ(doc["tracing_overhead"]["target_percent"], 3.0);
  EXPECT_EQ(doc["tracing_overhead"]["arms"]["strict"]["verdict"], "exceeded");
  EXPECT_EQ(doc["tracing_overhead"]["arms"]["spread"]["pairs"], 30);
  // Pooled over three boots: too few boots for an interval over boots, and
  // their pairs are not 66 independent ones: each boot is judged on its own,
  // and they disagree.
  auto pooled = tracing_overhead(c, "");
  ASSERT_TRUE(pooled);
  EXPECT_FALSE(pooled->ci95);
  EXPECT_EQ(pooled->verdict, "unresolved");
  EXPECT_EQ(pooled->pairs, 66u);
  EXPECT_EQ(pooled->boots, 3u);
  EXPECT_EQ(doc["tracing_overhead"]["pooled"]["verdict"], pooled->verdict);
  const std::string table = comparison_table(c);
  EXPECT_EQ(table_cell(table, "  all pairs: verdict", 0), "exceeded") << table;
  EXPECT_EQ(table_cell(table, "  all pairs: verdict", 1), "met") << table;
  EXPECT_EQ(table_cell(table, "  all pairs: verdict", 1, true), "1.00..2.10") << table;
  EXPECT_NE(table.find("  all arms pooled: "), std::string::npos) << table;
}

TEST(Comparison, AnIntervalWiderThanTwiceTheTargetIsNotMet) {
  Comparison c;
  c.info.overhead_target_percent = 3;
  // 6 pairs: the CI is [min, max] = [-122, 1.93]: wholly below 3, but 124 points wide.
  c.runs.push_back(probe_run("override", 1, {-122, 0.5, 0.9, 1.1, 1.5, 1.93}));
  auto o = tracing_overhead(c, "override");
  ASSERT_TRUE(o && o->ci95);
  EXPECT_EQ(o->verdict, "unresolved");
}

TEST(Comparison, TooFewPairsLeaveTheTargetUnresolved) {
  Comparison c;
  c.runs.push_back(probe_run("override", 1, {0.5, 0.6, 0.4}));
  auto o = tracing_overhead(c, "override");
  ASSERT_TRUE(o);
  EXPECT_FALSE(o->ci95);
  EXPECT_EQ(o->verdict, "unresolved");
  EXPECT_EQ(table_cell(comparison_table(c), "  all pairs: verdict", 0, true), "3 pairs");
}

}  // namespace
}  // namespace irqlab

namespace irqlab {
namespace {

TEST(Comparison, BootsJudgedOneByOneWhenTooFewForAnIntervalOverBoots) {
  Comparison c;
  c.info.overhead_target_percent = 3;
  // Three boots, each with 10 pairs tightly around 1%: every boot is met, so the arm is.
  for (unsigned rep = 1; rep <= 3; ++rep) {
    std::vector<double> pairs;
    for (int k = 0; k < 10; ++k) pairs.push_back(0.9 + 0.02 * k + 0.1 * rep);
    c.runs.push_back(probe_run("override", rep, pairs));
  }
  EXPECT_EQ(tracing_overhead(c, "override")->verdict, "met");
  // A fourth boot near the target leaves the arm unresolved, however many pairs the others have.
  std::vector<double> near;
  for (int k = 0; k < 10; ++k) near.push_back(2.2 + 0.2 * k);
  c.runs.push_back(probe_run("override", 4, near));
  const auto o = tracing_overhead(c, "override");
  EXPECT_EQ(o->verdict, "unresolved");
  EXPECT_FALSE(o->ci95);
  // Six boots: the interval is that of the median of the boots' medians.
  for (unsigned rep = 5; rep <= 6; ++rep) c.runs.push_back(probe_run("override", rep, {1, 1.1, 1.2, 0.9, 1, 1}));
  const auto six = tracing_overhead(c, "override");
  ASSERT_TRUE(six->ci95);
  EXPECT_EQ(six->boots, 6u);
  EXPECT_NEAR(six->ci95->second, 3.1, 1e-9);  // the largest boot median is the bound at n=6
}

// Many metrics, a real shift in several of them, five boots an arm: the
// adjustment over the table must leave the real shifts marked.
TEST(Comparison, ASharedShiftSurvivesTheAdjustmentAtFiveBoots) {
  std::mt19937_64 rng(5);
  Comparison c;
  for (unsigned rep = 1; rep <= 5; ++rep)
    for (const char* mode : {"spread", "override"}) {
      const bool b = std::string(mode) == "override";
      const std::vector<double> noise = stats::lognormal_sample(rng, 4, 0.005);
      ModeRun r = boot(mode, mode, rep, 80000 * noise[0] * (b ? 0.8 : 1), 8 * noise[1] * (b ? 1.3 : 1));
      r.metrics.clat_p50_ms = 2 * noise[2] * (b ? 1.3 : 1);
      r.metrics.locality_run = Locality{100, 0.5, 0.5};
      c.runs.push_back(std::move(r));
    }
  const std::string table = comparison_table(c);
  for (const char* label : {"  IOPS steady", "  IOPS mean", "  clat p99 (ms)", "  clat p50 (ms)"})
    EXPECT_TRUE(table_comparison(table, label, 2).ends_with(" worse")) << label << "\n" << table;
}

TEST(Comparison, ShareRowsCompareByPointsAndMissingBootsShowInN) {
  Comparison c;
  for (unsigned rep = 1; rep <= 4; ++rep)
    for (const char* mode : {"spread", "override"}) {
      ModeRun r = boot(mode, mode, rep, 80000 + rep, 8 + rep * 0.01);
      const double share = std::string(mode) == "override" ? 0.0 + 0.01 * rep : 0.5 + 0.01 * rep;
      r.metrics.locality_before = Locality{100, share, share};
      r.metrics.locality_after = Locality{100, share, share};
      r.metrics.cpu_events = 2;
      // A figure only some boots have: the drain of the one boot where a queue drained.
      if (rep == 1) {
        EventMetrics e;
        e.event.kind = EventKind::Offline;
        e.drain_ms = 1.5;
        r.metrics.events.push_back(e);
      }
      c.runs.push_back(std::move(r));
    }
  const std::string table = comparison_table(c);
  const std::string shift = table_comparison(table, "  controller, before", 2);
  EXPECT_TRUE(shift.starts_with("-50.0pt ")) << table;  // not -100%: a share compares by points
  EXPECT_TRUE(table_comparison(table, "  controller, before", 2, true).ends_with("pt")) << table;
  EXPECT_EQ(table_cell(table, "  hctx drain p50", 0, true), "n=1/4") << table;
  expect_mail_safe(table);
}

TEST(Comparison, AnAAPairNextToStockIsTheHeadline) {
  const Comparison c = synthetic({{"strict", "strict"}, {"override-a", "override"}, {"override-b", "override"}}, 5,
                                 0.02, 1, 1, 9);
  const Summary s = summarize(c);
  ASSERT_GE(s.comparisons.size(), 1u);
  EXPECT_EQ(s.comparisons[0].a, "override-a");
  EXPECT_EQ(s.comparisons[0].b, "override-b");
  expect_mail_safe(comparison_table(c));
}

TEST(Comparison, ValuesKeepTheirDigits) {
  MetricSpec iops;
  iops.format = MetricFormat::Iops;
  EXPECT_EQ(format_value(iops, 999960), "1.00M");
  EXPECT_EQ(format_value(iops, 78240), "78.2k");
  EXPECT_EQ(format_interval(iops, 986200, 990100), "986..990k");
  EXPECT_EQ(format_interval(iops, 1.22e6, 1.24e6), "1.22..1.24M");
  MetricSpec percent;
  percent.format = MetricFormat::Percent;
  EXPECT_EQ(format_interval(percent, -2.25, -1.1), "-2.25..-1.10");
  EXPECT_EQ(format_interval(percent, 12, 12.1), "12.0..12.1%");
  MetricSpec ms;
  EXPECT_EQ(format_value(ms, -0.004), "0.00");
  EXPECT_EQ(format_interval(ms, 1434, 3100), "1434..3100");
  EXPECT_EQ(format_shift_interval(percent, false, -45.4, 12.3), "-45.4..+12.3pt");
}

}  // namespace

// A boot that asked for one mode and whose kernel ran another measured the
// wrong thing: the report refuses it in one line rather than file it under
// the mode it asked for.
TEST(Report, ARunWhoseKernelRunsAnotherModeIsRefused) {
  const std::string dir = std::string(IRQLAB_RECORD_FIXTURES_DIR) + "/run-strict";
  try {
    build_report({{dir, "override", ManagedMode::Override, 1}});
    ADD_FAILURE() << "a strict kernel's run was reported as override";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              dir + ": the run asked for irq_managed=override but the kernel runs strict (/sys/kernel/irq/managed_mode)");
  }
  EXPECT_EQ(build_report({{dir, "strict", ManagedMode::Strict, 1}}).comparison.runs.at(0).mode, ManagedMode::Strict);
}
}  // namespace irqlab
