// perf behind the Recorder interface: every tracepoint no other recorder
// takes, on all CPUs, and one perf more for each CPU that comes back online.
// perf.script, from perf.data, is the trace the other recorders' events join.
#include <signal.h>

#include <optional>

#include "cpu_rerecorder.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/record/recorder.h"
#include "irqlab/record/run_file.h"
#include "perf_record_process.h"
#include "recorder_text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// Extra perf processes for CPUs that came back: each holds a ring buffer per event.
constexpr unsigned kRerecordLimit = 8;

fs::path find_perf(const RecorderOptions& o) {
  const auto perf = find_executable(o.perf);
  if (!perf) throw Error("perf not found ('" + o.perf + "'): install linux-perf, or pass --perf");
  return *perf;
}

class PerfRecorder final : public Recorder {
 public:
  PerfRecorder(const RecorderSetup& setup, const std::vector<Tracepoint>& events)
      : probe_(setup.phase == RecordingPhase::Probe),
        data_(probe_ ? "probe-perf.data" : run_files::kPerfData),
        log_(setup.options.out_dir / (probe_ ? "probe-perf.log" : run_files::kPerfLog)),
        process_(find_perf(setup.options), events, setup.scratch / data_, log_, setup.scratch) {
    if (!probe_)
      rerecorder_.emplace(find_perf(setup.options), events, setup.scratch, setup.options.out_dir, kRerecordLimit);
  }

  void tracing(bool on) override { process_.control(on ? "enable" : "disable"); }
  void cpu_online(int cpu) override {
    if (rerecorder_) rerecorder_->cpu_online(cpu);
  }
  void stop() override {
    if (rerecorder_) rerecorder_->finish();
    result_ = process_.stop();
  }
  std::vector<std::string> data_files() const override {
    std::vector<std::string> files{data_};
    if (rerecorder_)
      for (const std::string& f : rerecorder_->data_files()) files.push_back(f);
    return files;
  }
  void describe(RunManifest& run) const override {
    run.perf_command = process_.command();
    run.perf_data = data_files();
    if (rerecorder_) run.perf_notes = rerecorder_->notes();
    run.perf_status = result_.describe();
  }
  void check() const override {
    // perf record re-raises the SIGINT that stopped it, once its data is written.
    if (!result_.ok() && result_.term_signal != SIGINT)
      throw Error("perf record failed (" + result_.describe() + ")", "log: " + log_.string());
  }

 private:
  bool probe_;
  std::string data_;
  fs::path log_;
  PerfRecordProcess process_;
  std::optional<CpuRerecorder> rerecorder_;
  ProcessResult result_;
};

void preflight(const RecorderOptions& o) { find_perf(o); }

std::vector<Tracepoint> choose(const RecorderOptions&, const std::vector<Tracepoint>& available,
                               std::vector<std::string>&) {
  return available;
}

std::string announce(const std::vector<Tracepoint>& events) {
  return "perf record: " + std::to_string(events.size()) + " tracepoints";
}

// perf.script from perf.data, then one file per CPU recorded again after it
// came back online. --show-lost-events: a "PERF_RECORD_LOST lost N" line
// where perf's buffer overflowed; without it only a count of such records
// goes to stderr.
// perf reads what it is given: only a regular file of the run directory,
// named plainly in run.json (not "/etc/hostname", not "../x", no symlink).
void make_perf_script(const fs::path& dir, const RunManifest& run, const std::string& perf) {
  std::string text;
  for (const std::string& f : run.perf_data) {
    const fs::path data = run_file_path(dir, f, (dir / run_files::kRun).string() + ": perf_data");
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(data, ec);
    if (!fs::exists(st)) throw Error("run record not found: " + data.string());
    if (!fs::is_regular_file(st)) throw Error(data.string() + ": not a regular file (perf reads only those)");
    if (!find_executable(perf)) throw Error("perf not found ('" + perf + "'): needed to read " + data.string());
    const std::vector<std::string> argv{perf, "script", "-i", data.string(), "-F", "comm,pid,tid,cpu,time,event,trace",
                                        "--ns", "--show-lost-events"};
    text += tool_text("perf script", argv, data, dir / "perf-script.log");
  }
  write_file_atomic(dir / run_files::kPerfScript, text);
}

void read(TraceLog& trace, const fs::path& dir, const RunManifest& run, const TraceTools& tools) {
  if (!run_file_exists(dir, run_files::kPerfScript)) make_perf_script(dir, run, tools.perf);
  trace = parse_run_record(dir / run_files::kPerfScript, read_run_file(dir, run_files::kPerfScript, kTraceTextLimit),
                           parse_perf_script);
}

}  // namespace

extern const RecorderOps kPerfRecorder{.name = "perf", .preflight = preflight, .choose = choose, .exclusive = false,
                                       .probed = true, .start = start_recorder<PerfRecorder>,
                                       .announce = announce, .read = read};

}  // namespace irqlab
