#pragma once
// Who records what in a run: every registered recorder chooses among the
// tracepoints this kernel has; those it takes for itself alone (exclusive)
// the others leave.
#include <string>
#include <vector>

#include "irqlab/record/recorder.h"
#include "irqlab/topology/machine.h"

namespace irqlab {

struct PlannedRecorder {
  const RecorderOps* ops = nullptr;
  std::vector<Tracepoint> events;
};

struct RecordingPlan {
  std::vector<PlannedRecorder> recorders;  // in registry order; only those with something to record
  std::vector<std::string> notes;          // for the log: what is recorded otherwise than it could be
};

// The available tracepoints ("sys:name") as the run records them. Of
// irq_handler_entry only the queue interrupts serve the metrics; the others
// (a lab's 9p root, a NIC) would cost tracing time for nothing.
std::vector<Tracepoint> run_tracepoints(const std::vector<std::string>& available, const Machine& machine);

// The kernel filter that keeps irq_handler_entry to these interrupts, as
// ranges ("irq>=29 && irq<=32 || irq==40"): a large machine has hundreds of
// queue interrupts and perf passes a filter of at most a page.
std::string irq_filter_expression(std::vector<int> irqs);

RecordingPlan plan_recording(const RecorderOptions& options, const std::vector<Tracepoint>& tracepoints);

// "perf record: 9 tracepoints, trace-cmd record: irq_handler_entry".
std::string announce_recording(const RecordingPlan& plan);

}  // namespace irqlab
