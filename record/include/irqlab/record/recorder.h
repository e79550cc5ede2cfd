#pragma once
// The recorders of a run (perf, ftrace, trace-cmd) behind one interface, the
// way fio's I/O engines sit behind its ioengine_ops: the runner plans,
// starts, switches, stops and reads every recorder alike. A new recorder is
// one file that defines its RecorderOps, and its line in recorder_registry.cpp.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "irqlab/record/run_manifest.h"
#include "irqlab/record/trace_events.h"
#include "irqlab/record/tracepoint.h"

namespace irqlab {

// The overhead probe records only to load the machine as the run will, and
// throws its data away; the run keeps it. File and instance names differ.
enum class RecordingPhase { Probe, Run };

// What recorders need of a run's options (the runner's RunnerOptions is one):
// record knows nothing of scenarios, so the runner can link it.
struct RecorderOptions {
  std::filesystem::path out_dir;        // the run directory: logs, and what the run keeps
  std::string perf = "perf";
  std::string trace_cmd = "trace-cmd";  // records irq_handler_entry; absent: perf records it too
};

// Where and for what a recorder starts.
struct RecorderSetup {
  const RecorderOptions& options;  // tool names; out_dir takes the logs and what the run keeps
  std::filesystem::path scratch;   // data files while recording (out_dir when not set apart)
  std::filesystem::path tracefs;   // empty: none mounted
  RecordingPhase phase = RecordingPhase::Run;
};

// A recorder that is recording. Destroying it stops the tool and puts back
// what it changed, whatever happened.
class Recorder {
 public:
  virtual ~Recorder() = default;
  // Recording off or on with the tool still running: the probe's windows.
  virtual void tracing(bool on) = 0;
  // A CPU came back online; called from the injector's thread.
  virtual void cpu_online(int /*cpu*/) {}
  // Stops recording and keeps how the tool ended for describe() and check().
  virtual void stop() = 0;
  // The data files it wrote in the scratch directory, by their names in the
  // run directory (complete once stopped).
  virtual std::vector<std::string> data_files() const = 0;
  // Its fields of run.json: command, events, data, status.
  virtual void describe(RunManifest& run) const = 0;
  // Throws Error when it recorded nothing usable; called once run.json is written.
  virtual void check() const {}
};

// The tools read_run() reads recorders' data with.
struct TraceTools {
  std::string perf = "perf", trace_cmd = "trace-cmd";
};

struct RecorderOps {
  const char* name;
  // Throws Error when the run cannot go without it and it cannot run here;
  // nullptr: the run does without. Called before anything changes.
  void (*preflight)(const RecorderOptions& options);
  // Of the run's tracepoints (filters set), those it records; none: it does
  // not run. Why it leaves some out, when the log should say, in notes.
  std::vector<Tracepoint> (*choose)(const RecorderOptions& options, const std::vector<Tracepoint>& available,
                                    std::vector<std::string>& notes);
  // Whether no other recorder records what it chose (trace-cmd's queue
  // interrupts), rather than both (ftrace's drains replace perf's copies).
  bool exclusive;
  // Whether it records in the overhead probe too.
  bool probed;
  std::unique_ptr<Recorder> (*start)(const RecorderSetup& setup, const std::vector<Tracepoint>& events);
  // Its part of the log line of the run's recording ("perf record: 9
  // tracepoints"); "" says nothing.
  std::string (*announce)(const std::vector<Tracepoint>& events);
  // Adds what it recorded in a run directory to trace, making its text from
  // its data where that is missing; its events replace copies of the same
  // kind already there. The first recorder (perf) makes the trace.
  void (*read)(TraceLog& trace, const std::filesystem::path& dir, const RunManifest& run, const TraceTools& tools);
};

// RecorderOps::start of a recorder constructed from (setup, events).
template <typename R>
std::unique_ptr<Recorder> start_recorder(const RecorderSetup& setup, const std::vector<Tracepoint>& events) {
  return std::make_unique<R>(setup, events);
}

// Every recorder, in the order they start, stop and are read.
const std::vector<const RecorderOps*>& registered_recorders();

// Every recorder's events of a run directory (RecorderOps::read, in registry
// order), in time order, text made from the recorders' data where it is missing.
TraceLog read_trace(const std::filesystem::path& dir, const RunManifest& run, const TraceTools& tools);

}  // namespace irqlab
