// Metrics on run directories recorded in lab guests (fixtures/run-*).
#include <gtest/gtest.h>

#include <cmath>

#include "irqlab/common/error.h"
#include "irqlab/metrics/metrics.h"

namespace irqlab {
namespace {

const std::string kFixtures = IRQLAB_FIXTURES_DIR;

const EventMetrics& event(const RunMetrics& m, const std::string& description) {
  for (const EventMetrics& e : m.events)
    if (e.event.description == description) return e;
  throw Error("no event " + description);
}

TEST(RunRecords, ReadsEveryRecordOfARun) {
  RunRecords r = read_run(kFixtures + "/run-override");
  EXPECT_EQ(r.mode, ManagedMode::Override);
  EXPECT_EQ(r.kernel_release, "6.12.117-irqlab");
  EXPECT_NE(r.cmdline.find("irq_managed=override"), std::string::npos);
  ASSERT_EQ(r.events.size(), 6u);
  EXPECT_EQ(r.events[2].kind, EventKind::Offline);
  EXPECT_EQ(r.events[2].cpu, 3);
  ASSERT_EQ(r.queues.size(), 4u);
  EXPECT_EQ(r.queues[0].name, "nvme0q1");
  EXPECT_EQ(r.queues[0].controller_node, 0);
  EXPECT_EQ(r.node_cpus.at(1), (CpuSet{2, 3}));
  EXPECT_GT(r.trace.events.size(), 10000u);
  for (std::size_t i = 1; i < r.trace.events.size(); ++i)
    ASSERT_LE(r.trace.events[i - 1].time_ns, r.trace.events[i].time_ns) << "events out of time order at " << i;
  // fio's logs and the trace share the clock: the samples lie inside the load.
  ASSERT_FALSE(r.iops.empty());
  for (const FioLogSample& s : r.iops) {
    EXPECT_GE(s.time_ms * 1'000'000, r.start_ns - r.log_interval_ns);
    EXPECT_LE(s.time_ms * 1'000'000, r.end_ns + r.log_interval_ns);
  }
  EXPECT_FALSE(r.clat_max.empty());
  ASSERT_TRUE(r.vector_before && r.vector_after);
  // The overhead probe: windows alternate, perf off first, and the IOPS log covers them.
  ASSERT_GE(r.probe_windows.size(), 4u);
  for (std::size_t i = 0; i < r.probe_windows.size(); ++i) {
    EXPECT_EQ(r.probe_windows[i].traced, i % 2 == 1);
    EXPECT_LT(r.probe_windows[i].from_ns, r.probe_windows[i].to_ns);
  }
  EXPECT_FALSE(r.probe_iops.empty());
}

TEST(RunRecords, DrainsOfHotplugComeFromFtrace) {
  // perf has left CPU 3 when its hotplug drain runs; ftrace.txt has it.
  RunRecords r = read_run(kFixtures + "/run-strict");
  std::size_t drains = 0;
  for (const TraceEvent& e : r.trace.events)
    if (e.kind == TraceKind::HctxDrain) {
      ++drains;
      EXPECT_EQ(e.cpu, 3);
      EXPECT_EQ(e.hctx, 1) << "nvme0q2, the queue of CPU 3";
    }
  EXPECT_EQ(drains, 1u);
}

TEST(Metrics, OverrideMovesWithTheirTimings) {
  const RunRecords r = read_run(kFixtures + "/run-override");
  const RunMetrics m = compute_metrics(r);
  EXPECT_EQ(m.moves, 4u);
  EXPECT_EQ(m.moves_accepted, 4u);
  EXPECT_EQ(m.cpu_events, 2u);
  EXPECT_TRUE(m.has_move_tracepoint);
  int with_first_irq = 0;
  for (const EventMetrics& e : m.events) {
    SCOPED_TRACE(e.event.description);
    ASSERT_TRUE(e.write_ms);
    EXPECT_NEAR(*e.write_ms, (e.event.returned_ns - e.event.issued_ns) / 1e6, 1e-6);
    if (e.event.kind != EventKind::Move) continue;
    // The kernel's own duration lies within the write; the write drained its queue.
    ASSERT_TRUE(e.move_trace_ms);
    EXPECT_GT(*e.move_trace_ms, 0);
    EXPECT_LE(*e.move_trace_ms, *e.write_ms);
    ASSERT_TRUE(e.effective_ms);
    EXPECT_GE(*e.effective_ms, 0);
    EXPECT_EQ(e.drains, 1u);
    ASSERT_TRUE(e.drain_ms);
    EXPECT_LE(*e.drain_ms, *e.move_trace_ms);
    // Only a queue that gets I/O after the move has a first interrupt (one fio job here).
    if (e.first_irq_ms) {
      EXPECT_GT(*e.first_irq_ms, 0);
      ++with_first_irq;
    }
  }
  EXPECT_GE(with_first_irq, 2);
  // Taking CPU 3 away drains nvme0q2 (its CPU) and nvme0q4 (moved there).
  const EventMetrics& offline = event(m, "offline cpu3");
  EXPECT_EQ(offline.drains, 2u);
  EXPECT_FALSE(offline.move_trace_ms);
  ASSERT_TRUE(m.move_trace_ms);
  EXPECT_EQ(m.move_trace_ms->count, 4u);
  EXPECT_LE(m.move_trace_ms->p50, m.move_trace_ms->max);
  EXPECT_EQ(m.drains, 6u);
  EXPECT_TRUE(m.kernel_problems.empty());
  EXPECT_TRUE(m.vector_checked);
  EXPECT_TRUE(m.vector_drift.empty());
  EXPECT_EQ(m.fio_error, 0);
  EXPECT_GT(m.steady_iops, 1000);
  ASSERT_TRUE(overhead_estimate(m.probe_pair_overheads));
  ASSERT_TRUE(m.locality_run && m.locality_before && m.locality_after);
  EXPECT_LE(m.locality_before->interrupts + m.locality_after->interrupts, m.locality_run->interrupts);
  for (const Locality* l : {&*m.locality_run, &*m.locality_before, &*m.locality_after}) {
    EXPECT_GE(l->controller_node_share, 0);
    EXPECT_LE(l->controller_node_share, 1);
    EXPECT_GE(l->submitter_node_share, 0);
    EXPECT_LE(l->submitter_node_share, 1);
  }
}

TEST(Metrics, StockRefusesMovesAndStillDrainsOnHotplug) {
  const RunMetrics m = compute_metrics(read_run(kFixtures + "/run-strict"));
  EXPECT_EQ(m.moves, 4u);
  EXPECT_EQ(m.moves_accepted, 0u);
  EXPECT_EQ(m.moves_refused, 2u);
  EXPECT_EQ(m.refusal, "refused by the kernel: managed interrupt (EPERM)");
  EXPECT_FALSE(m.write_ms);
  EXPECT_FALSE(m.move_trace_ms);
  const EventMetrics& offline = event(m, "offline cpu3");
  EXPECT_EQ(offline.drains, 1u);
  ASSERT_TRUE(offline.drain_ms);
  EXPECT_GT(*offline.drain_ms, 0);
  EXPECT_TRUE(m.vector_drift.empty());
}

TEST(Metrics, SteadyStatePerLayout) {
  RunRecords r;
  r.mode = ManagedMode::Override;
  r.start_ns = 1'000'000'000;
  r.end_ns = 11'000'000'000;
  auto layout_event = [](const std::string& name, std::int64_t at_ns, int irq) {
    RecordedEvent e;
    e.kind = EventKind::Layout;
    e.layout = name;
    e.status = MoveStatus::Moved;
    e.irq = irq;
    e.at_ns = at_ns;
    return e;
  };
  // A layout moves every interrupt: one record each, planned at the same time.
  r.events = {layout_event("local", 0, 29), layout_event("local", 0, 30), layout_event("remote", 5'000'000'000, 29)};
  for (std::int64_t t = 1000; t <= 11000; t += 100) r.iops.push_back({t, t < 6000 ? 1000u : 2000u, 0});
  const RunMetrics m = compute_metrics(r);
  ASSERT_EQ(m.layouts.size(), 2u);
  EXPECT_EQ(m.layouts[0].layout, "local");
  EXPECT_EQ(m.layouts[0].from_ns, 1'500'000'000);
  EXPECT_EQ(m.layouts[0].to_ns, 6'000'000'000);
  EXPECT_EQ(m.layouts[0].steady_iops, 1000);
  EXPECT_EQ(m.layouts[1].layout, "remote");
  EXPECT_EQ(m.layouts[1].from_ns, 6'500'000'000);
  EXPECT_EQ(m.layouts[1].steady_iops, 2000);
}

TEST(Metrics, TracingOverheadFromAlternatingWindows) {
  RunRecords r;
  // perf off until 500 ms, on from its ack at 500.1 ms to 1000 ms, off again from
  // 1000.1 ms; fio logs every 100 ms.
  r.probe_windows = {{0, 500'000'000, false}, {500'100'000, 1000'000'000, true}, {1000'100'000, 1500'000'000, false}};
  for (std::int64_t t = 100; t <= 1500; t += 100) {
    const bool traced = t > 500 && t <= 1000;
    // The intervals ending at 600 and 1100 straddle a switch and do not count.
    r.probe_iops.push_back({t, t == 600 || t == 1100 ? 1u : traced ? 900u : 1000u, 0});
  }
  const RunMetrics m = compute_metrics(r);
  const auto overhead = overhead_estimate(m.probe_pair_overheads);
  ASSERT_TRUE(overhead);
  EXPECT_DOUBLE_EQ(m.probe_untraced_iops, 1000);
  EXPECT_DOUBLE_EQ(m.probe_traced_iops, 900);
  EXPECT_DOUBLE_EQ(overhead->median_percent, 10);
  EXPECT_EQ(overhead->pairs, 1u);  // the third window has no traced partner
  EXPECT_DOUBLE_EQ(overhead->quartiles.first, 10);
  EXPECT_DOUBLE_EQ(overhead->quartiles.second, 10);
  EXPECT_EQ(m.probe_pair_overheads, std::vector<double>{10});
  EXPECT_FALSE(overhead->ci95);  // one pair has no interval
}

TEST(Metrics, CounterbalancedProbeWindowsPairWithinTheirBlock) {
  RunRecords r;
  // Two blocks of off on on off, 500 ms each; a load that drifts up by 100
  // IOPS per window while tracing costs 10%: the mirrored pairs of a block
  // err in opposite directions, so drift does not bias them one way.
  const bool pattern[] = {false, true, true, false, false, true, true, false};
  for (std::int64_t w = 0; w < 8; ++w) {
    r.probe_windows.push_back({w * 500'000'000, (w + 1) * 500'000'000, pattern[w]});
    for (std::int64_t t = w * 500 + 100; t <= (w + 1) * 500; t += 100) {
      const double base = 1000 + 100 * static_cast<double>(w);
      r.probe_iops.push_back({t, static_cast<std::uint64_t>(pattern[w] ? base * 0.9 : base), 0});
    }
  }
  const RunMetrics m = compute_metrics(r);
  ASSERT_EQ(m.probe_pair_overheads.size(), 4u);  // (0,1) (2,3) (4,5) (6,7)
  // (off 1000, on 0.9*1100) then (on 0.9*1200, off 1300): drift in opposite directions.
  EXPECT_NEAR(m.probe_pair_overheads[0], 1, 1e-9);
  EXPECT_NEAR(m.probe_pair_overheads[1], (1300 - 1080) / 1300.0 * 100, 1e-9);
  EXPECT_LT(m.probe_pair_overheads[0], 10);
  EXPECT_GT(m.probe_pair_overheads[1], 10);
}

TEST(Metrics, MedianConfidenceIntervalAtBinomialRanks) {
  std::vector<double> v;
  for (int i = 30; i >= 1; --i) v.push_back(i);
  // n = 30: P(B(30, 1/2) <= 9) = 2.14%, so the 10th value from each end.
  auto ci = median_ci95(v);
  ASSERT_TRUE(ci);
  EXPECT_EQ(ci->first, 10);
  EXPECT_EQ(ci->second, 21);
  // n = 6: only the extremes (P(B <= 0) = 1.6%); n = 5: not even those.
  ci = median_ci95({3, 1, 6, 2, 5, 4});
  ASSERT_TRUE(ci);
  EXPECT_EQ(ci->first, 1);
  EXPECT_EQ(ci->second, 6);
  EXPECT_FALSE(median_ci95({1, 2, 3, 4, 5}));
  // n = 1000: ranks 469 and 532 (1.96 sqrt(n) / 2 = 31 either side of 500).
  v.clear();
  for (int i = 1; i <= 1000; ++i) v.push_back(i);
  ci = median_ci95(v);
  ASSERT_TRUE(ci);
  EXPECT_EQ(ci->first, 469);
  EXPECT_EQ(ci->second, 532);
}

TEST(Metrics, DistributionUsesNearestRank) {
  auto d = distribution({10, 1, 9, 2, 8, 3, 7, 4, 6, 5});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->count, 10u);
  EXPECT_EQ(d->p50, 5);
  EXPECT_EQ(d->p90, 9);
  EXPECT_EQ(d->max, 10);
  EXPECT_FALSE(distribution({}));
  EXPECT_EQ(distribution({4})->p90, 4);
}

TEST(Metrics, MalformedRecordsAreNamed) {
  EXPECT_THROW(parse_events_json("{}"), Error);
  EXPECT_THROW(parse_events_json("[{\"index\": 0}]"), Error);
  try {
    read_run(kFixtures + "/no-such-run");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "run record not found: " + kFixtures + "/no-such-run/run.json");
  }
}

}  // namespace
}  // namespace irqlab
