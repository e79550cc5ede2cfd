// Per-event metrics on synthetic records: the windows each figure is
// computed from.
#include <gtest/gtest.h>

#include "irqlab/bench/metrics.h"
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

}  // namespace
}  // namespace irqlab
