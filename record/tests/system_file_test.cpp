// Where a tracepoint's files live under tracefs, one answer for every recorder.
#include <gtest/gtest.h>

#include "irqlab/record/system_file.h"

namespace irqlab {
namespace {

TEST(TracefsEventDir, SubsystemAndNameUnderEvents) {
  EXPECT_EQ(tracefs_event_dir("/sys/kernel/tracing", "irq:irq_handler_entry"),
            "/sys/kernel/tracing/events/irq/irq_handler_entry");
  EXPECT_EQ(tracefs_event_dir("/t/instances/irqlab", "block:block_rq_issue"),
            "/t/instances/irqlab/events/block/block_rq_issue");
}

TEST(TracefsEventDir, ANameWithoutSubsystemHasNone) {
  EXPECT_TRUE(tracefs_event_dir("/sys/kernel/tracing", "irq_handler_entry").empty());
  EXPECT_TRUE(tracefs_event_dir("/sys/kernel/tracing", "").empty());
}

}  // namespace
}  // namespace irqlab
