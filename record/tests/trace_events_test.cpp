#include <gtest/gtest.h>

#include <map>
#include <string>

#include "irqlab/record/trace_events.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/fixture.h"

namespace irqlab {
namespace {

std::string error_of(std::string_view text) {
  return irqlab::error_of([&] { parse_perf_script(text); });
}

std::vector<TraceEvent> of_kind(const TraceLog& log, TraceKind kind) {
  std::vector<TraceEvent> out;
  for (const TraceEvent& e : log.events)
    if (e.kind == kind) out.push_back(e);
  return out;
}

TEST(TraceEvents, LabGuestRecording) {
  TraceLog log = parse_perf_script(read_fixture("guest-override/perf-script.txt"));
  EXPECT_EQ(log.skipped_lines, 9u);  // perf's warnings
  ASSERT_EQ(log.events.size(), 169u);

  std::map<TraceKind, int> counts;
  for (const TraceEvent& e : log.events) ++counts[e.kind];
  EXPECT_EQ(counts[TraceKind::IrqHandlerEntry], 80);
  EXPECT_EQ(counts[TraceKind::BlockRqIssue], 30);
  EXPECT_EQ(counts[TraceKind::BlockRqComplete], 23);
  EXPECT_EQ(counts[TraceKind::ManagedMove], 3);
  EXPECT_EQ(counts[TraceKind::HctxDrain], 2);
  EXPECT_EQ(counts[TraceKind::VectorUpdate], 2);
  EXPECT_EQ(counts[TraceKind::CpuhpEnter], 12);
  EXPECT_EQ(counts[TraceKind::CpuhpExit], 15);
  EXPECT_EQ(counts[TraceKind::Other], 2);  // irq_vectors:vector_reserve_managed

  const std::map<int, std::string> names = {
      {25, "virtio0-requests"}, {27, "virtio1-requests"}, {29, "nvme0q1"}, {30, "nvme0q2"}};
  EXPECT_EQ(log.irq_names, names);

  const TraceEvent& first = log.events.front();
  EXPECT_EQ(first.kind, TraceKind::IrqHandlerEntry);
  EXPECT_EQ(first.time_ns, 8'484'638'267);
  EXPECT_EQ(first.cpu, 3);
  EXPECT_EQ(first.irq, 25);
  for (std::size_t i = 1; i < log.events.size(); ++i)
    EXPECT_LE(log.events[i - 1].time_ns, log.events[i].time_ns) << "event " << i;

  auto issues = of_kind(log, TraceKind::BlockRqIssue);
  EXPECT_EQ(issues[0].time_ns, 11'725'475'434);
  EXPECT_EQ(issues[0].cpu, 2);
  EXPECT_EQ(issues[0].dev, make_block_dev(259, 0));
  EXPECT_EQ(of_kind(log, TraceKind::BlockRqComplete)[0].dev, make_block_dev(259, 0));

  auto moves = of_kind(log, TraceKind::ManagedMove);
  EXPECT_EQ(moves[0].irq, 29);
  EXPECT_EQ(moves[0].ret, 0);
  EXPECT_EQ(moves[0].duration_ns, 62904);
  EXPECT_EQ(moves[0].time_ns, 12'705'195'687);
  EXPECT_EQ(moves[1].duration_ns, 1043662);
  EXPECT_EQ(moves[2].duration_ns, 10952966);
  EXPECT_EQ(moves[2].cpu, 0);

  auto drains = of_kind(log, TraceKind::HctxDrain);
  EXPECT_EQ(drains[0].inflight, 0u);
  EXPECT_EQ(drains[0].duration_ns, 81021);
  EXPECT_EQ(drains[1].time_ns, 15'687'724'308);
  EXPECT_EQ(drains[1].dev, make_block_dev(259, 0));
  EXPECT_EQ(drains[1].hctx, 0);
  EXPECT_EQ(drains[1].inflight, 1u);
  EXPECT_EQ(drains[1].ret, 0);
  EXPECT_EQ(drains[1].duration_ns, 10754057);

  auto updates = of_kind(log, TraceKind::VectorUpdate);
  EXPECT_EQ(updates[0].irq, 29);
  EXPECT_EQ(updates[0].target_cpu, 3);  // not prev_cpu=2
  EXPECT_EQ(updates[0].cpu, 1);
  EXPECT_EQ(updates[1].target_cpu, 0);

  auto enters = of_kind(log, TraceKind::CpuhpEnter);
  EXPECT_EQ(enters[0].target_cpu, 3);
  EXPECT_EQ(enters[0].cpu, 0);
  EXPECT_EQ(enters[0].time_ns, 14'456'243'218);
  auto exits = of_kind(log, TraceKind::CpuhpExit);
  EXPECT_EQ(exits.back().target_cpu, 3);
  EXPECT_EQ(exits.back().ret, 0);
  EXPECT_EQ(exits.back().time_ns, 15'228'123'533);
}

// The lines of the lab guest without --ns: microseconds.
TEST(TraceEvents, MicrosecondTimes) {
  TraceLog log = parse_perf_script(
      "              sh    80/80    [002]     4.110090: irq_vectors:vector_reserve_managed: irq=29 ret=0\n"
      "              sh    80/80    [002]     4.110382:          block:block_mq_hctx_drain: 259,0 hctx=0 "
      "inflight=0 ret=0 duration_ns=133810\n"
      "         cpuhp/2    24/24    [002]     4.148854:                   cpuhp:cpuhp_exit:  cpu: 0002  state: 234 "
      "step: 235 ret: 0\n"
      "              dd    86/86    [000]     4.200904:               block:block_rq_issue: 259,0 RS 4096 () 0 + 8 "
      "0x2,0,4 [dd]\n");
  ASSERT_EQ(log.events.size(), 4u);
  EXPECT_EQ(log.events[0].kind, TraceKind::Other);
  EXPECT_EQ(log.events[0].time_ns, 4'110'090'000);
  EXPECT_EQ(log.events[1].duration_ns, 133810);
  EXPECT_EQ(log.events[2].target_cpu, 2);
  EXPECT_EQ(log.events[2].cpu, 2);
  EXPECT_EQ(log.events[3].time_ns, 4'200'904'000);
}

TEST(TraceEvents, CommsWithSpacesAndBrackets) {
  TraceLog log = parse_perf_script(
      "     Xorg thread   123/130   [001]     5.000000001:  irq:irq_handler_entry: irq=24 name=PCIe PME\n"
      " weird [7] comm     5/5     [003]     5.000000002:  irq:irq_handler_entry: irq=40 name=nvme1q2\n"
      "  irq/29-nvme0q1    91/91    [002]    5.000000003:  block:block_rq_complete: 8,16 R () 0 + 8 [0]\n");
  ASSERT_EQ(log.events.size(), 3u);
  EXPECT_EQ(log.events[0].cpu, 1);
  EXPECT_EQ(log.irq_names.at(24), "PCIe PME");
  EXPECT_EQ(log.events[1].cpu, 3);
  EXPECT_EQ(log.events[1].time_ns, 5'000'000'002);
  EXPECT_EQ(log.irq_names.at(40), "nvme1q2");
  EXPECT_EQ(log.events[2].dev, make_block_dev(8, 16));
  EXPECT_EQ(log.skipped_lines, 0u);
}

// A perf that can print cpumasks has no "[FAILED TO PARSE]".
TEST(TraceEvents, ManagedMoveWithFormattedMasks) {
  TraceLog log = parse_perf_script(
      "  sh  80/80  [002]  4.111010000:  irq:irq_managed_move: irq=29 old_mask=2 new_mask=3 ret=-16 "
      "duration_ns=986767\n");
  ASSERT_EQ(log.events.size(), 1u);
  EXPECT_EQ(log.events[0].kind, TraceKind::ManagedMove);
  EXPECT_EQ(log.events[0].irq, 29);
  EXPECT_EQ(log.events[0].ret, -16);
  EXPECT_EQ(log.events[0].duration_ns, 986767);
}

TEST(TraceEvents, SharedIrqKeepsItsFirstName) {
  TraceLog log = parse_perf_script(
      "swapper 0/0 [000] 1.000000000: irq:irq_handler_entry: irq=11 name=uhci_hcd:usb1\n"
      "swapper 0/0 [000] 1.000000001: irq:irq_handler_entry: irq=11 name=ehci_hcd:usb2\n");
  EXPECT_EQ(log.irq_names.size(), 1u);
  EXPECT_EQ(log.irq_names.at(11), "uhci_hcd:usb1");
  EXPECT_EQ(log.events[1].irq, 11);
}

TEST(TraceEvents, PerfChatterIsSkipped) {
  TraceLog log = parse_perf_script(
      "libtraceevent: No such file or directory\n"
      "  [irq:irq_managed_move] function __get_cpumask not defined\n"
      "\n"
      "'trace' not valid for hardware events. Ignoring.\n"
      "swapper 0/0 [000] 1.000000000: irq:irq_handler_entry: irq=11 name=a\r\n"
      "Warning:\n"
      "Processed 12 events and lost 3 chunks!\n");
  EXPECT_EQ(log.events.size(), 1u);
  EXPECT_EQ(log.irq_names.at(11), "a");  // no '\r'
  EXPECT_EQ(log.skipped_lines, 6u);
}

// perf script --show-lost-events (perf 6.1, a recording with -m 1 under
// load): a PERF_RECORD_LOST record carries the time and CPU of the first
// sample written after the loss.
TEST(TraceEvents, PerfLostRecords) {
  TraceLog log = parse_perf_script(
      "             fio    95/95    [001]    14.100000000:     irq:irq_handler_entry: irq=32 name=nvme0q4\n"
      "             fio    94/94    [002]    14.150000000:     irq:irq_handler_entry: irq=29 name=nvme0q1\n"
      "      sched-pipe  6887/6887  [001]   14.200000000: PERF_RECORD_LOST lost 612\n"
      "      sched-pipe  6887/6887  [001]   14.200000000:     irq:irq_handler_entry: irq=32 name=nvme0q4\n"
      "         swapper     0/0     [003]    14.300000000: PERF_RECORD_LOST lost 5\n"
      "         swapper     0/0     [003]    14.300000000:     irq:irq_handler_entry: irq=30 name=nvme0q2\n");
  EXPECT_EQ(log.events.size(), 4u);
  EXPECT_EQ(log.skipped_lines, 0u);
  EXPECT_EQ(log.lost_events, 617u);
  ASSERT_EQ(log.losses.size(), 2u);
  EXPECT_EQ(log.losses[0].cpu, 1);
  EXPECT_EQ(log.losses[0].count, 612u);
  EXPECT_EQ(log.losses[0].time_ns, 14'200'000'000);
  EXPECT_EQ(log.losses[0].since_ns, 14'100'000'000);  // CPU 1's event before it
  EXPECT_EQ(log.losses[1].cpu, 3);
  EXPECT_EQ(log.losses[1].count, 5u);
  EXPECT_EQ(log.losses[1].since_ns, 0);  // nothing on CPU 3 before: from the start
}

TEST(TraceEvents, EmptyText) {
  TraceLog log = parse_perf_script("");
  EXPECT_TRUE(log.events.empty());
  EXPECT_EQ(log.skipped_lines, 0u);
}

TEST(TraceEvents, MalformedEventLinesNameTheLine) {
  const std::string ok = "sh 80/80 [002] 4.110090000: irq:irq_handler_entry: irq=29 name=nvme0q1\n";
  EXPECT_EQ(error_of(ok + ok + "sh 80/80 [002] 4.110090000: irq:irq_managed_move: irq=29 ret=0\n"),
            "perf script line 3: irq:irq_managed_move: no duration_ns=");
  EXPECT_EQ(error_of(ok + "sh 80/80 [002] 4.11x: irq:irq_handler_entry: irq=29 name=a\n"),
            "perf script line 2: irq:irq_handler_entry: bad time '4.11x'");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.1234567890: sched:sched_switch: x\n"),
            "perf script line 1: sched:sched_switch: bad time '4.1234567890'");
  // Seconds whose nanoseconds do not fit int64 (signed overflow before).
  EXPECT_EQ(error_of("sh 80/80 [002] 9223372037.000000000: sched:sched_switch: x\n"),
            "perf script line 1: sched:sched_switch: bad time '9223372037.000000000'");
  EXPECT_EQ(error_of("sh 80/80 [0x2] 4.110090000: irq:irq_handler_entry: irq=29 name=a\n"),
            "perf script line 1: irq:irq_handler_entry: bad CPU '[0x2]'");
  EXPECT_EQ(error_of("\nsh 80/80 [002] 4.110090000: irq:irq_handler_entry: irq=2x9 name=a\n"),
            "perf script line 2: irq:irq_handler_entry: bad irq= '2x9'");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.110090000: irq:irq_handler_entry: irq=29\n"),
            "perf script line 1: irq:irq_handler_entry: no name=");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.110090000: irq_vectors:vector_update: irq=29 prev_cpu=2\n"),
            "perf script line 1: irq_vectors:vector_update: no cpu=");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.110090000: block:block_rq_issue: 259:0 R 4096 () 0 + 8 [dd]\n"),
            "perf script line 1: block:block_rq_issue: bad device '259:0'");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.110090000: cpuhp:cpuhp_exit:  cpu: 0002  state: 234 step: 235\n"),
            "perf script line 1: cpuhp:cpuhp_exit: no ret:");
  EXPECT_EQ(error_of("sh 80/80 [002] 4.110090000: block:block_mq_hctx_drain: 259,0 hctx=0 inflight=-1 ret=0 "
                     "duration_ns=1\n"),
            "perf script line 1: block:block_mq_hctx_drain: bad inflight= '-1'");
}

TEST(TraceEvents, BlockDevEncoding) {
  EXPECT_EQ(make_block_dev(259, 0), 259u << 20);
  EXPECT_EQ(make_block_dev(8, 16), (8u << 20) | 16u);
}

}  // namespace
}  // namespace irqlab
