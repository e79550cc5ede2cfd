// ftrace behind the Recorder interface: the drains of CPUs going offline,
// which perf cannot see (ftrace_instance.h says why), in a private instance
// whose text the run keeps as ftrace.txt. Its drains replace perf's.
#include <unistd.h>

#include "ftrace_instance.h"
#include "irqlab/record/recorder.h"
#include "irqlab/record/run_file.h"
#include "recorder_text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr const char* kHctxDrain = "block:block_mq_hctx_drain";

class FtraceRecorder final : public Recorder {
 public:
  FtraceRecorder(const RecorderSetup& setup, const std::vector<Tracepoint>& events)
      : file_(setup.options.out_dir / run_files::kFtrace),
        instance_(std::make_unique<FtraceInstance>(setup.tracefs, "irqlab-" + std::to_string(getpid()),
                                                   std::vector<std::string>{events.front().name})),
        events_(instance_->events()) {}

  void tracing(bool on) override { instance_->tracing(on); }
  // Saving is stopping: the text goes straight to the run directory.
  void stop() override {
    instance_->save(file_);
    instance_.reset();
  }
  std::vector<std::string> data_files() const override { return {}; }
  void describe(RunManifest& run) const override { run.ftrace_events = events_; }

 private:
  fs::path file_;
  std::unique_ptr<FtraceInstance> instance_;
  std::vector<std::string> events_;  // those this kernel has
};

std::vector<Tracepoint> choose(const RecorderOptions&, const std::vector<Tracepoint>& available,
                               std::vector<std::string>&) {
  for (const Tracepoint& t : available)
    if (t.name == kHctxDrain) return {t};
  return {};
}

std::string announce(const std::vector<Tracepoint>&) { return ""; }

void read(TraceLog& trace, const fs::path& dir, const RunManifest& run, const TraceTools&) {
  if (run_file_exists(dir, run_files::kFtrace) && !run.ftrace_events.empty())
    merge_ftrace_text(trace, dir, run_files::kFtrace, run.ftrace_events);
}

}  // namespace

extern const RecorderOps kFtraceRecorder{.name = "ftrace", .preflight = nullptr, .choose = choose, .exclusive = false,
                                         .probed = false, .start = start_recorder<FtraceRecorder>,
                                         .announce = announce, .read = read};

}  // namespace irqlab
