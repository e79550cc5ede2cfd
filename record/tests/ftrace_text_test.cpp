// ftrace's text trace, converted for the perf script parser: lines captured
// from a lab guest (irq_managed=strict) taking CPU 3 offline under fio.
#include <gtest/gtest.h>

#include "irqlab/record/trace_events.h"

namespace irqlab {
namespace {

constexpr const char* kTrace =
    "# tracer: nop\n"
    "#\n"
    "#                                _-----=> irqs-off/BH-disabled\n"
    "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
    "#              | |         |   |||||     |         |\n"
    "         cpuhp/3-29      [003] .....     4.598112: block_mq_hctx_drain: 259,0 hctx=1 inflight=3 ret=0 "
    "duration_ns=139569\n"
    "     kworker/0:1-9       [000] .N...     4.612096: cpuhp_multi_enter: cpu: 0003 target:   0 step:  25 "
    "(blk_mq_hctx_notify_dead)\n"
    " irq/24-nvme0q1-311     [002] d.h1.    12.000001: block_mq_hctx_drain: 259,1 hctx=0 inflight=0 ret=-110 "
    "duration_ns=5000000000\n";

TEST(FtraceText, ConvertsTheRequestedEventsForThePerfScriptParser) {
  const std::string converted = ftrace_as_perf_script(kTrace, {"block:block_mq_hctx_drain"});
  TraceLog log = parse_perf_script(converted);
  ASSERT_EQ(log.events.size(), 2u) << converted;
  const TraceEvent& a = log.events[0];
  EXPECT_EQ(a.kind, TraceKind::HctxDrain);
  EXPECT_EQ(a.time_ns, 4'598'112'000);
  EXPECT_EQ(a.cpu, 3);
  EXPECT_EQ(a.hctx, 1);
  EXPECT_EQ(a.inflight, 3u);
  EXPECT_EQ(a.duration_ns, 139'569);
  EXPECT_EQ(a.dev, make_block_dev(259, 0));
  // A task name with dashes keeps them; the pid is what follows the last one.
  const TraceEvent& b = log.events[1];
  EXPECT_EQ(b.cpu, 2);
  EXPECT_EQ(b.ret, -110);
  EXPECT_EQ(b.duration_ns, 5'000'000'000);
  EXPECT_EQ(b.dev, make_block_dev(259, 1));
}

// `trace-cmd report -t` of a lab guest's run (irq_managed=override): the
// instance's name first, no flags column, nanoseconds.
constexpr const char* kTraceCmdReport =
    "cpus=4\n"
    "irqlab-irq-75:           <idle>-0     [001]    17.820650821: irq_handler_entry:    irq=32 name=nvme0q4\n"
    "irqlab-irq-75:           <idle>-0     [002]    17.820650882: irq_handler_entry:    irq=29 name=nvme0q1\n"
    "irqlab-irq-75:              fio-161   [000]    17.820706415: irq_handler_entry:    irq=31 name=nvme0q3\n";

TEST(FtraceText, ReadsTraceCmdReport) {
  const std::string converted = ftrace_as_perf_script(kTraceCmdReport, {"irq:irq_handler_entry"});
  TraceLog log = parse_perf_script(converted);
  ASSERT_EQ(log.events.size(), 3u) << converted;
  EXPECT_EQ(log.events[0].kind, TraceKind::IrqHandlerEntry);
  EXPECT_EQ(log.events[0].time_ns, 17'820'650'821);
  EXPECT_EQ(log.events[0].cpu, 1);
  EXPECT_EQ(log.events[0].irq, 32);
  EXPECT_EQ(log.events[2].cpu, 0);
  EXPECT_EQ(log.irq_names.at(29), "nvme0q1");
  EXPECT_EQ(log.irq_names.at(31), "nvme0q3");
}

// ftrace text through ftrace_as_perf_script() and the parser, with its
// events and lost events counted.
TraceLog parse_with_losses(std::string_view text, const std::string& event, std::size_t events,
                           std::uint64_t lost) {
  const std::string converted = ftrace_as_perf_script(text, {event});
  TraceLog log = parse_perf_script(converted);
  EXPECT_EQ(log.events.size(), events) << converted;
  EXPECT_EQ(log.lost_events, lost) << converted;
  return log;
}

// A loss on cpu of count events (0: not said), after since_ns, at time_ns.
void expect_loss(const TraceLoss& loss, int cpu, std::uint64_t count, std::int64_t since_ns, std::int64_t time_ns) {
  EXPECT_EQ(loss.cpu, cpu);
  EXPECT_EQ(loss.count, count);
  EXPECT_EQ(loss.since_ns, since_ns);
  EXPECT_EQ(loss.time_ns, time_ns);
}

// The kernel's print_trace_line() puts "CPU:N [LOST N EVENTS]" (or "[LOST
// EVENTS]", count unknown) before the first event after a loss.
TEST(FtraceText, LostEventsOfFtrace) {
  const TraceLog log = parse_with_losses(
      "# tracer: nop\n"
      "CPU:3 [LOST 42 EVENTS]\n"
      "         cpuhp/3-29      [003] .....     4.598112: block_mq_hctx_drain: 259,0 hctx=1 inflight=3 ret=0 "
      "duration_ns=139569\n"
      "          irqlab-98      [000] .....    14.749988: block_mq_hctx_drain: 259,0 hctx=2 inflight=0 ret=0 "
      "duration_ns=81482\n"
      "CPU:0 [LOST EVENTS]\n"
      "          irqlab-98      [000] .....    15.191128: block_mq_hctx_drain: 259,0 hctx=3 inflight=1 ret=0 "
      "duration_ns=708851\n",
      "block:block_mq_hctx_drain", 3, 43);  // the unknown count counts 1
  ASSERT_EQ(log.losses.size(), 2u);
  expect_loss(log.losses[0], 3, 42, 0, 4'598'112'000);
  expect_loss(log.losses[1], 0, 0, 14'749'988'000, 15'191'128'000);
}

// trace-cmd 3.1 report (tracecmd/trace-read.c trace_show_data) puts
// "CPU:N [N EVENTS DROPPED]" (or "[EVENTS DROPPED]") before the first event
// after the drop; with an instance, its name comes first, once for both.
TEST(FtraceText, DroppedEventsOfTraceCmd) {
  const TraceLog log = parse_with_losses(
      "cpus=4\n"
      "irqlab-irq-75:           <idle>-0     [001]    17.820650821: irq_handler_entry:    irq=32 name=nvme0q4\n"
      "irqlab-irq-75: CPU:1 [1206 EVENTS DROPPED]\n"
      "           <idle>-0     [001]    17.990650821: irq_handler_entry:    irq=32 name=nvme0q4\n"
      "irqlab-irq-75: CPU:2 [EVENTS DROPPED]\n"
      "              fio-161   [002]    18.000706415: irq_handler_entry:    irq=29 name=nvme0q1\n"
      "irqlab-irq-75:           <idle>-0     [002]    18.000706999: irq_handler_entry:    irq=29 name=nvme0q1\n",
      "irq:irq_handler_entry", 4, 1207);
  ASSERT_EQ(log.losses.size(), 2u);
  expect_loss(log.losses[0], 1, 1206, 17'820'650'821, 17'990'650'821);
  expect_loss(log.losses[1], 2, 0, 0, 18'000'706'415);
}

TEST(FtraceText, DropsEventsNotAskedForAndHeaderLines) {
  EXPECT_EQ(ftrace_as_perf_script(kTrace, {"cpuhp:cpuhp_enter"}), "");
  EXPECT_EQ(ftrace_as_perf_script("# tracer: nop\n\n", {"block:block_mq_hctx_drain"}), "");
}

}  // namespace
}  // namespace irqlab
