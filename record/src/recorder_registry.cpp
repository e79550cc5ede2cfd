// The registered recorders. perf comes first: its trace is the one the
// others' events join (RecorderOps::read), in this order.
#include "recorder.h"

namespace irqlab {

extern const RecorderOps kPerfRecorder;
extern const RecorderOps kFtraceRecorder;
extern const RecorderOps kTraceCmdRecorder;

const std::vector<const RecorderOps*>& registered_recorders() {
  static const std::vector<const RecorderOps*> recorders{&kPerfRecorder, &kFtraceRecorder, &kTraceCmdRecorder};
  return recorders;
}

}  // namespace irqlab
