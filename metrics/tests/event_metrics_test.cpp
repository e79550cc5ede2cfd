// Per-event metrics on synthetic records: the windows each figure is
// computed from.
#include <gtest/gtest.h>

#include "irqlab/metrics/metrics.h"
#include "synthetic_run.h"

namespace irqlab {
namespace {

using synthetic::kMs;

TEST(EventMetrics, DipWindowEndsAtTheNextEvent) {
  // Events at 20 s and 21 s; IOPS drop to 200 of 1000 from 21.0 to 21.3 s.
  std::vector<FioLogSample> iops = synthetic::flat_iops(1000);
  for (FioLogSample& s : iops)
    if (s.time_ms > 21'000 && s.time_ms <= 21'300) s.value = 200;
  RunRecords r = synthetic::run(iops);
  r.events = {synthetic::move_issued_at(20'000 * kMs, 29), synthetic::move_issued_at(21'000 * kMs, 30)};
  const RunMetrics m = compute_metrics(r);
  ASSERT_TRUE(m.events[0].dip_percent && m.events[1].dip_percent);
  EXPECT_EQ(*m.events[0].dip_percent, 0);
  EXPECT_EQ(*m.events[0].dip_ms, 0);
  EXPECT_DOUBLE_EQ(*m.events[1].dip_percent, 80);
  EXPECT_EQ(*m.events[1].dip_ms, 300);
}

TEST(EventMetrics, DipWindowEndsWithTheLoadAndAfterTwoSeconds) {
  // A drop 2.5 s after the event is another disturbance's; the load ends
  // 1 s after the second event, and the drop after it is fio stopping.
  std::vector<FioLogSample> iops = synthetic::flat_iops(1000);
  for (FioLogSample& s : iops)
    if ((s.time_ms > 22'500 && s.time_ms <= 22'700) || s.time_ms > 29'500) s.value = 100;
  RunRecords r = synthetic::run(iops);
  r.end_ns = 29'500 * kMs;
  r.events = {synthetic::move_issued_at(20'000 * kMs), synthetic::move_issued_at(28'500 * kMs)};
  const RunMetrics m = compute_metrics(r);
  ASSERT_TRUE(m.events[0].dip_percent && m.events[1].dip_percent);
  EXPECT_EQ(*m.events[0].dip_percent, 0);
  EXPECT_EQ(*m.events[1].dip_percent, 0);
}

TEST(EventMetrics, CpuWritesAreFiguresOfTheirOwn) {
  RunRecords r = synthetic::run();
  r.events = {synthetic::move_issued_at(12'000 * kMs),                                  // write 1 ms
              synthetic::cpu_event(EventKind::Offline, 3, 13'000 * kMs, 13'000 * kMs + 50 * kMs),  // 50 ms
              synthetic::cpu_event(EventKind::Online, 3, 14'000 * kMs, 14'000 * kMs + 20 * kMs),   // 20 ms
              synthetic::cpu_event(EventKind::Offline, 2, 15'000 * kMs, 15'000 * kMs + 70 * kMs)}; // 70 ms
  const RunMetrics m = compute_metrics(r);
  ASSERT_TRUE(m.write_ms && m.offline_write_ms && m.online_write_ms);
  EXPECT_EQ(m.write_ms->count, 1u);
  EXPECT_EQ(m.offline_write_ms->count, 2u);
  EXPECT_DOUBLE_EQ(m.offline_write_ms->p50, 50);
  EXPECT_DOUBLE_EQ(m.offline_write_ms->max, 70);
  EXPECT_EQ(m.online_write_ms->count, 1u);
  EXPECT_DOUBLE_EQ(m.online_write_ms->max, 20);
  const auto j = metrics_json(m);
  EXPECT_EQ(j["move_latency_ms"]["write_returned"]["count"], 1);
  EXPECT_EQ(j["move_latency_ms"]["write_returned"]["max"], 1.0);
  const auto& cpu = j["cpu_events"];
  ASSERT_TRUE(cpu.contains("offline_write_ms") && cpu.contains("online_write_ms")) << cpu.dump();
  EXPECT_EQ(cpu["offline_write_ms"]["count"], 2);
  EXPECT_EQ(cpu["offline_write_ms"]["p50"], 50.0);
  EXPECT_EQ(cpu["offline_write_ms"]["max"], 70.0);
  EXPECT_EQ(cpu["online_write_ms"]["count"], 1);
  EXPECT_EQ(cpu["online_write_ms"]["max"], 20.0);
}

// A queue completing every 1 ms but in [silent_from, silent_to), moved at
// 20 s; the load runs from 10 s to 30 s.
RunRecords silent_queue(std::int64_t silent_from_ns, std::int64_t silent_to_ns) {
  RunRecords r = synthetic::run();
  r.queues = {synthetic::queue("nvme0q1", 29, 1)};
  synthetic::add_interrupts(r.trace, 29, 1, 10'000 * kMs, silent_from_ns, kMs);
  synthetic::add_interrupts(r.trace, 29, 1, silent_to_ns, r.end_ns, kMs);
  r.events = {synthetic::move_issued_at(20'000 * kMs, 29, {1})};
  return r;
}

TEST(EventMetrics, CompletionGapIsMeasuredWhole) {
  struct Case {
    const char* silence;
    std::int64_t from_ms, to_ms;
    double gap_ms;
  };
  for (const Case& c : {Case{"3 s from 1 ms after the move", 20'002, 23'001, 3000},
                        Case{"from 1 ms after the move to the end of the load", 20'002, 30'000, 9999},
                        Case{"from 2 s before the move to 50 ms after it", 18'000, 20'050, 2051}}) {
    SCOPED_TRACE(c.silence);
    const RunMetrics m = compute_metrics(silent_queue(c.from_ms * kMs, c.to_ms * kMs));
    ASSERT_TRUE(m.events[0].completion_gap_ms);
    EXPECT_NEAR(*m.events[0].completion_gap_ms, c.gap_ms, 1e-6);
  }
}

TEST(EventMetrics, NoCompletionGapForAnIdleQueue) {
  // Its last completion 5 s before the move, none after: idle, not stalled.
  const RunMetrics m = compute_metrics(silent_queue(15'000 * kMs, 30'000 * kMs));
  EXPECT_FALSE(m.events[0].completion_gap_ms);
}


TEST(EventMetrics, LostTraceEventsInvalidateTheFiguresTheyTouch) {
  // The 3 s "silence" after the move at 20 s is events lost on CPU 1; a
  // second move at 27 s is clear of it.
  RunRecords r = silent_queue(20'002 * kMs, 23'001 * kMs);
  r.events.push_back(synthetic::move_issued_at(27'000 * kMs, 29, {1}));
  r.trace.losses = {{23'001 * kMs, 20'001 * kMs, 1, 3000}};
  r.trace.lost_events = 3000;
  const RunMetrics m = compute_metrics(r);
  EXPECT_EQ(m.lost_trace_events, 3000u);
  EXPECT_TRUE(m.events[0].trace_lost);
  EXPECT_FALSE(m.events[0].completion_gap_ms);
  EXPECT_FALSE(m.events[0].first_irq_ms);
  EXPECT_FALSE(m.events[1].trace_lost);
  ASSERT_TRUE(m.events[1].completion_gap_ms && m.events[1].first_irq_ms);
  EXPECT_NEAR(*m.events[1].completion_gap_ms, 1, 1e-6);
  ASSERT_TRUE(m.completion_gap_ms);
  EXPECT_EQ(m.completion_gap_ms->count, 1u);  // the invalid gap is not in the run's figures
  const auto j = metrics_json(m);
  EXPECT_EQ(j["lost_trace_events"], 3000);
  EXPECT_EQ(j["events"][0]["trace_lost"], true);
  EXPECT_TRUE(j["events"][0]["completion_gap_ms"].is_null());
  EXPECT_EQ(j["events"][1]["trace_lost"], false);
}

TEST(EventMetrics, LossDuringAMoveInvalidatesItsKernelFigures) {
  // perf lost events on CPU 0 while the write ran: the kernel's move and
  // drain may be among them.
  RunRecords r = synthetic::run();
  r.events = {synthetic::move_issued_at(20'000 * kMs, 29, {1})};
  TraceEvent move;
  move.kind = TraceKind::ManagedMove;
  move.time_ns = 20'000 * kMs + 900'000;
  move.irq = 29;
  move.duration_ns = 800'000;
  r.trace.events = {move};
  r.trace.losses = {{20'000 * kMs + 500'000, 19'990 * kMs, 0, 7}};
  r.trace.lost_events = 7;
  const RunMetrics m = compute_metrics(r);
  EXPECT_TRUE(m.events[0].trace_lost);
  EXPECT_FALSE(m.events[0].move_trace_ms);
  EXPECT_FALSE(m.move_trace_ms);
}

}  // namespace
}  // namespace irqlab
