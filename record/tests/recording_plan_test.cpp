// Who records what: every registered recorder chooses, and what trace-cmd
// takes for itself perf leaves.
#include <gtest/gtest.h>

#include <map>

#include "irqlab/record/recording_plan.h"

namespace irqlab {
namespace {

std::vector<Tracepoint> tracepoints(const std::vector<std::string>& names) {
  std::vector<Tracepoint> out;
  for (const std::string& n : names) out.push_back({n, ""});
  return out;
}

// recorder name -> its tracepoints' names
std::map<std::string, std::vector<std::string>> by_recorder(const RecordingPlan& plan) {
  std::map<std::string, std::vector<std::string>> out;
  for (const PlannedRecorder& r : plan.recorders)
    for (const Tracepoint& t : r.events) out[r.ops->name].push_back(t.name);
  return out;
}

RecorderOptions with_trace_cmd(const std::string& trace_cmd) {
  RecorderOptions o;
  o.trace_cmd = trace_cmd;
  return o;
}

TEST(RecordingPlan, TraceCmdTakesTheQueueInterruptsAndFtraceTheDrains) {
  const RecordingPlan plan = plan_recording(
      with_trace_cmd("/bin/true"),
      tracepoints({"irq:irq_handler_entry", "block:block_mq_hctx_drain", "irq:irq_managed_move"}));
  const std::map<std::string, std::vector<std::string>> expected{
      {"perf", {"block:block_mq_hctx_drain", "irq:irq_managed_move"}},
      {"ftrace", {"block:block_mq_hctx_drain"}},
      {"trace-cmd", {"irq:irq_handler_entry"}}};
  EXPECT_EQ(by_recorder(plan), expected);
  EXPECT_TRUE(plan.notes.empty());
  EXPECT_EQ(announce_recording(plan), "perf record: 2 tracepoints, trace-cmd record: irq_handler_entry");
}

TEST(RecordingPlan, WithoutTraceCmdPerfRecordsTheQueueInterruptsAndSaysSo) {
  const RecordingPlan plan =
      plan_recording(with_trace_cmd("/nonexistent/trace-cmd"), tracepoints({"irq:irq_handler_entry", "irq:irq_managed_move"}));
  const std::map<std::string, std::vector<std::string>> expected{
      {"perf", {"irq:irq_handler_entry", "irq:irq_managed_move"}}};
  EXPECT_EQ(by_recorder(plan), expected);
  ASSERT_EQ(plan.notes.size(), 1u);
  EXPECT_EQ(plan.notes[0], "trace-cmd not found ('/nonexistent/trace-cmd'): perf records irq_handler_entry too, "
                           "at a higher cost per event");
  EXPECT_EQ(announce_recording(plan), "perf record: 2 tracepoints");
}

TEST(RecordingPlan, PerfKeepsTheQueueInterruptsWhenNothingElseIsLeftToIt) {
  const RecordingPlan plan = plan_recording(with_trace_cmd("/bin/true"), tracepoints({"irq:irq_handler_entry"}));
  const std::map<std::string, std::vector<std::string>> expected{{"perf", {"irq:irq_handler_entry"}}};
  EXPECT_EQ(by_recorder(plan), expected);
  EXPECT_TRUE(plan.notes.empty());
}

TEST(RecordingPlan, OnlyTheQueueInterruptsAreFiltered) {
  Machine m;
  NvmeController c;
  c.name = "nvme0";
  for (int qid : {0, 1, 2}) {
    NvmeQueue q;
    q.qid = qid;
    q.irq = 28 + qid;
    q.name = "nvme0q" + std::to_string(qid);
    c.queues.push_back(q);
  }
  m.controllers.push_back(c);
  const std::vector<Tracepoint> run = run_tracepoints({"irq:irq_handler_entry", "block:block_rq_issue"}, m);
  ASSERT_EQ(run.size(), 2u);
  EXPECT_EQ(run[0].filter, "(irq>=29 && irq<=30)");
  EXPECT_EQ(run[1].filter, "");
}

}  // namespace
}  // namespace irqlab
