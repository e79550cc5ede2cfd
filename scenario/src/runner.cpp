// run_scenario(): check everything, snapshot, probe the tracing overhead,
// record + load + inject, stop, restore, snapshot again. The order matters:
// nothing on the machine changes before every check has passed, and the
// "after" snapshots are taken once the session has put everything back, so
// that a leak in the kernel shows as drift and not as the harness's own moves.
#include "irqlab/scenario/runner.h"

#include <memory>

#include "fio_run.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/record/recorder_set.h"
#include "irqlab/record/recording_plan.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/run_manifest.h"
#include "irqlab/record/system_file.h"
#include "irqlab/topology/topology_report.h"
#include "microbench_run.h"
#include "overhead_probe.h"
#include "run_log.h"
#include "run_preflight.h"
#include "run_session.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

void snapshot(const fs::path& dir, const char* interrupts, const char* vector, const char* dmesg) {
  write_file_atomic(dir / interrupts, read_or_empty("/proc/interrupts", kProcTableLimit));
  const std::string matrix = read_or_empty("/sys/kernel/debug/irq/domains/VECTOR", kProcTableLimit);
  if (!matrix.empty()) write_file_atomic(dir / vector, matrix);
  ProcessResult r = run_process({"dmesg"});
  if (r.ok()) write_file_atomic(dir / dmesg, r.output);
}

// The run directory with what is known before the run; returns where the
// recorders write their data while recording.
fs::path prepare_run_directory(const Scenario& s, const RunnerOptions& o, const Machine& machine) {
  fs::create_directories(o.out_dir);
  const fs::path scratch = o.scratch_dir.empty() ? o.out_dir : o.scratch_dir;
  fs::create_directories(scratch);
  write_file_atomic(o.out_dir / run_files::kScenario, s.text);
  write_file_atomic(o.out_dir / run_files::kTopology, topology_json(machine).dump(2) + "\n");
  return scratch;
}

// run.json's fields known before the run: what metrics need of the machine,
// as it was when the run started.
RunManifest begin_manifest(const Scenario& s, const RunnerOptions& o, const Preflight& pre) {
  RunManifest run;
  run.scenario = s.name;
  run.kernel_release = pre.machine.kernel.release;
  run.cmdline = pre.machine.kernel.cmdline;
  run.managed_mode = pre.machine.kernel.managed_mode;
  run.injector_cpu = o.injector_cpu;
  run.trace_events = pre.trace.available;
  run.missing_trace_events = pre.trace.missing;
  run.duration_ns = s.duration_ns;
  run.log_interval_ns = s.fio_log_interval_ns;
  for (const NumaNode& n : pre.machine.nodes) run.nodes[n.id] = n.cpus;
  for (const NvmeController& c : pre.machine.controllers)
    for (const NvmeQueue* q : c.io_queues())
      run.queues.push_back({q->name, c.name, q->irq, c.numa_node, q->hctx_cpus, q->affinity});
  return run;
}

void settle_irqbalance(const RunnerOptions& o, const Machine& machine, ControlSession& session) {
  if (o.stop_irqbalance) {
    if (session.stop_irqbalance()) say(o, "stopped irqbalance for the run");
  } else if (!machine.irqbalance_pids.empty()) {
    say(o, "warning: irqbalance runs and may move interrupts during the run (--stop-irqbalance stops it)");
  }
}

RunnerSummary summarize(const RunnerOptions& o, const Preflight& pre, const SessionOutcome& outcome) {
  RunnerSummary summary;
  summary.out_dir = o.out_dir;
  summary.events_planned = static_cast<unsigned>(pre.events.size());
  for (const InjectedEvent& e : outcome.injected)
    if (e.status == EventStatus(CpuEventStatus::Failed)) ++summary.events_failed;
  summary.fio_exit = outcome.fio.ok() ? 0 : (outcome.fio.exit_code > 0 ? outcome.fio.exit_code : -1);
  return summary;
}

}  // namespace

RunnerSummary run_scenario(const Scenario& s, const RunnerOptions& o) {
  const Preflight pre = run_preflight(s, o);  // everything that can be wrong is found before anything changes
  const fs::path scratch = prepare_run_directory(s, o, pre.machine);
  RunManifest run = begin_manifest(s, o, pre);
  const RecordingPlan recording = plan_recording(o, run_tracepoints(pre.trace.available, pre.machine));
  for (const std::string& note : recording.notes) say(o, note);

  say(o, "snapshot before: /proc/interrupts, vector matrix, kernel log");
  snapshot(o.out_dir, run_files::kInterruptsBefore, run_files::kVectorBefore, run_files::kDmesgBefore);
  KernelFileWriter writer;
  SystemdServices services;
  ControlOptions control = o.control;
  control.harness_cpus = pre.harness;
  control.log = o.log;
  auto session = std::make_unique<ControlSession>(pre.machine, control, writer, services);
  settle_irqbalance(o, pre.machine, *session);

  if (s.overhead_probe_ns > 0) {
    say(o, "overhead probe: fio for " + format_duration(2 * s.overhead_probe_ns) +
               ", tracing switched off and on every 500 ms");
    probe_overhead(s, pre.load, o, recording, scratch);
  }
  say(o, announce_recording(recording) +
             (pre.trace.missing.empty() ? "" : " (" + std::to_string(pre.trace.missing.size()) + " not in this kernel)"));
  RecorderSet recorders(recording, {o, scratch, tracefs_root(), RecordingPhase::Run});
  const SessionOutcome outcome = record_session(s, o, pre, *session, recorders, run);

  say(o, "restoring interrupts and CPUs");
  run.restored = session->restore().summary();
  session.reset();  // the journal is free for the micro-benchmarks
  say(o, "snapshot after: /proc/interrupts, vector matrix, kernel log");
  snapshot(o.out_dir, run_files::kInterruptsAfter, run_files::kVectorAfter, run_files::kDmesgAfter);
  if (s.microbench && outcome.fio.ok()) {
    say(o, "micro-benchmarks under the load: " + o.microbench.string());
    run.microbench = measure_microbench(s, pre.load, o, control.state_dir, writer, services);
  }

  const RunnerSummary summary = summarize(o, pre, outcome);
  run.start_ns = outcome.start_ns;
  run.end_ns = outcome.end_ns;
  run.fio_exit = summary.fio_exit;
  run.fio_status = outcome.fio.describe();
  write_file_atomic(o.out_dir / run_files::kRun, manifest_json(run).dump(2) + "\n");
  if (!outcome.fio.ok()) throw Error(fio_failure(o.out_dir, outcome.fio), "run directory: " + o.out_dir.string());
  recorders.check();
  return summary;
}

std::vector<std::string> scenario_fio_command(const Scenario& s, const FioLoad& load, const fs::path& json_path,
                                              const std::string& log_prefix) {
  std::vector<std::string> argv = fio_command(load, json_path.string());
  if (!s.fio_verify.empty()) {
    argv.push_back("--verify=" + s.fio_verify);
    argv.push_back("--do_verify=1");
    argv.push_back("--verify_fatal=1");
    // verify while writing: a time_based job never reaches a separate verify phase
    argv.push_back("--verify_backlog=1024");
  }
  if (!log_prefix.empty()) {
    const std::string& prefix = log_prefix;
    const std::string interval = std::to_string(s.fio_log_interval_ns / 1'000'000);
    argv.insert(argv.end(), {"--write_iops_log=" + prefix, "--write_lat_log=" + prefix,
                             "--log_avg_msec=" + interval,
                             // the worst completion in each interval, not the mean
                             "--log_max_value=1",
                             // CLOCK_MONOTONIC (clock id 1), the clock of perf -k mono
                             "--log_alternate_epoch=1", "--log_alternate_epoch_clock_id=1"});
  }
  return argv;
}

}  // namespace irqlab
