// trace-cmd behind the Recorder interface: irq_handler_entry, which fires
// with the load, in a private ftrace instance, when trace-cmd is installed.
// Its events reach the trace through `trace-cmd report` (trace-cmd.txt).
#include <unistd.h>

#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/record/recorder.h"
#include "irqlab/record/run_file.h"
#include "recorder_text.h"
#include "trace_cmd_record_process.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr const char* kQueueInterrupts = "irq:irq_handler_entry";

std::vector<std::string> names(const std::vector<Tracepoint>& events) {
  std::vector<std::string> out;
  for (const Tracepoint& t : events) out.push_back(t.name);
  return out;
}

class TraceCmdRecorder final : public Recorder {
 public:
  TraceCmdRecorder(const RecorderSetup& setup, const std::vector<Tracepoint>& events)
      : events_(names(events)),
        data_(setup.phase == RecordingPhase::Probe ? "probe-trace.dat" : run_files::kTraceCmdData),
        out_dir_(setup.options.out_dir),
        log_(out_dir_ / (setup.phase == RecordingPhase::Probe ? "probe-trace-cmd.log" : run_files::kTraceCmdLog)),
        process_(find_executable(setup.options.trace_cmd).value_or(setup.options.trace_cmd), setup.tracefs,
                 (setup.phase == RecordingPhase::Probe ? "irqlab-probe-" : "irqlab-irq-") + std::to_string(getpid()),
                 events, setup.scratch / data_, log_) {}

  void tracing(bool on) override { process_.events(on); }
  void stop() override { result_ = process_.stop(); }
  std::vector<std::string> data_files() const override { return {data_}; }
  void describe(RunManifest& run) const override {
    run.trace_cmd_events = events_;
    run.trace_cmd_command = process_.command();
    run.trace_cmd_status = result_.describe();
  }
  void check() const override {
    std::error_code ec;
    if (!fs::exists(out_dir_ / data_, ec))
      throw Error("trace-cmd record failed (" + result_.describe() + "): no " + data_, "log: " + log_.string());
  }

 private:
  std::vector<std::string> events_;
  std::string data_;
  fs::path out_dir_, log_;
  TraceCmdRecordProcess process_;
  ProcessResult result_;
};

// The queue interrupts, when trace-cmd is here: per event, ftrace's ring
// buffer costs a fraction of perf's sampling path. But perf has to record
// something: with nothing else to record it takes them too.
std::vector<Tracepoint> choose(const RecorderOptions& o, const std::vector<Tracepoint>& available,
                               std::vector<std::string>& notes) {
  std::vector<Tracepoint> out;
  for (const Tracepoint& t : available)
    if (t.name == kQueueInterrupts) out.push_back(t);
  if (out.empty()) return out;
  if (!find_executable(o.trace_cmd)) {
    notes.push_back("trace-cmd not found ('" + o.trace_cmd +
                    "'): perf records irq_handler_entry too, at a higher cost per event");
    return {};
  }
  return out.size() < available.size() ? out : std::vector<Tracepoint>{};
}

// Each event once, by its name without the subsystem (a scenario may list one twice).
std::string announce(const std::vector<Tracepoint>& events) {
  std::vector<std::string> said;
  for (const std::string& name : names(events))
    if (std::find(said.begin(), said.end(), name) == said.end()) said.push_back(name);
  std::string out;
  for (const std::string& name : said) out += (out.empty() ? "trace-cmd record: " : ", ") + name.substr(name.find(':') + 1);
  return out;
}

// trace-cmd.txt from trace-cmd.dat; -t: nanoseconds.
void make_trace_cmd_text(const fs::path& dir, const std::string& trace_cmd) {
  const fs::path data = dir / run_files::kTraceCmdData;
  if (!run_file_exists(dir, run_files::kTraceCmdData)) throw Error("run record not found: " + data.string());
  if (!find_executable(trace_cmd)) throw Error("trace-cmd not found ('" + trace_cmd + "'): needed to read " + data.string());
  write_file_atomic(dir / run_files::kTraceCmdText,
                    tool_text("trace-cmd report", {trace_cmd, "report", "-t", "-i", data.string()}, data,
                              dir / "trace-cmd-report.log"));
}

void read(TraceLog& trace, const fs::path& dir, const RunManifest& run, const TraceTools& tools) {
  if (run.trace_cmd_events.empty()) return;
  if (!run_file_exists(dir, run_files::kTraceCmdText)) make_trace_cmd_text(dir, tools.trace_cmd);
  merge_ftrace_text(trace, dir, run_files::kTraceCmdText, run.trace_cmd_events);
}

}  // namespace

extern const RecorderOps kTraceCmdRecorder{.name = "trace-cmd", .preflight = nullptr, .choose = choose, .exclusive = true,
                                           .probed = true, .start = start_recorder<TraceCmdRecorder>,
                                           .announce = announce, .read = read};

}  // namespace irqlab
