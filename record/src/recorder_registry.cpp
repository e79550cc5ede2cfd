// The registered recorders. perf comes first: its trace is the one the
// others' events join (RecorderOps::read), in this order.
#include <algorithm>

#include "irqlab/record/recorder.h"

namespace irqlab {

extern const RecorderOps kPerfRecorder;
extern const RecorderOps kFtraceRecorder;
extern const RecorderOps kTraceCmdRecorder;

const std::vector<const RecorderOps*>& registered_recorders() {
  static const std::vector<const RecorderOps*> recorders{&kPerfRecorder, &kFtraceRecorder, &kTraceCmdRecorder};
  return recorders;
}

TraceLog read_trace(const std::filesystem::path& dir, const RunManifest& run, const TraceTools& tools) {
  TraceLog trace;
  for (const RecorderOps* ops : registered_recorders()) ops->read(trace, dir, run, tools);
  std::stable_sort(trace.events.begin(), trace.events.end(),
                   [](const TraceEvent& a, const TraceEvent& b) { return a.time_ns < b.time_ns; });
  std::stable_sort(trace.losses.begin(), trace.losses.end(),
                   [](const TraceLoss& a, const TraceLoss& b) { return a.time_ns < b.time_ns; });
  return trace;
}

}  // namespace irqlab
