// run_scenario(): check everything, snapshot, probe the tracing overhead,
// record + load + inject, stop, restore, snapshot again. The order matters:
// nothing on the machine changes before every check has passed, and the
// "after" snapshots are taken once the session has put everything back, so
// that a leak in the kernel shows as drift and not as the harness's own moves.
#include "irqlab/bench/run_manifest.h"
#include "irqlab/bench/runner.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <sstream>
#include <thread>
#include <memory>

#include "injector.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/topology/topology_report.h"
#include "ftrace_instance.h"
#include "perf_recorder.h"
#include "trace_cmd_recorder.h"

namespace irqlab {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

void say(const RunnerOptions& o, const std::string& line) {
  if (o.log) *o.log << "irqlab: " << line << std::endl;
}

// A file of the live system or the run, for a snapshot or a message: ""
// when it is missing, unreadable or refused (bounded by max_bytes).
std::string read_or_empty(const fs::path& p, std::uint64_t max_bytes) {
  try {
    return read_optional_input_file(p, "file", max_bytes, Absence::MissingOrUnreadable).value_or("");
  } catch (const Error&) {
    return "";
  }
}

fs::path tracefs_root() {
  for (const char* dir : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"})
    if (fs::exists(fs::path(dir) / "events")) return dir;
  return {};
}

void snapshot(const fs::path& dir, const char* interrupts, const char* vector, const char* dmesg) {
  write_file_atomic(dir / interrupts, read_or_empty("/proc/interrupts", kProcTableLimit));
  const std::string matrix = read_or_empty("/sys/kernel/debug/irq/domains/VECTOR", kProcTableLimit);
  if (!matrix.empty()) write_file_atomic(dir / vector, matrix);
  ProcessResult r = run_process({"dmesg"});
  if (r.ok()) write_file_atomic(dir / dmesg, r.output);
}

std::string fio_failure(const fs::path& dir, const ProcessResult& r) {
  std::string line = std::string(trim(tail_lines(read_or_empty(dir / run_files::kFioLog, kRunLogLimit), 1)));
  return "fio failed (" + r.describe() + ")" + (line.empty() ? "" : ": " + line);
}

// perf 6.1 stops recording a CPU once it went offline and does not pick it up
// when it returns. For each CPU that comes back, a second perf records that
// CPU alone; started off the injector thread so the schedule does not wait.
class CpuRerecorder {
 public:
  CpuRerecorder(std::string perf, std::vector<Tracepoint> events, fs::path scratch, fs::path out, unsigned limit)
      : perf_(std::move(perf)), events_(std::move(events)), scratch_(std::move(scratch)), out_(std::move(out)),
        limit_(limit), worker_([this] { work(); }) {}
  ~CpuRerecorder() { finish(); }

  void cpu_online(int cpu) {
    std::lock_guard lock(mutex_);
    queue_.push_back(cpu);
    wake_.notify_one();
  }

  // Stops every recorder; returns the data files and what was not recorded.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
      wake_.notify_one();
    }
    worker_.join();
    for (auto& r : recorders_) r->stop();
    recorders_.clear();
  }
  std::vector<std::string> data_files() const { return files_; }
  std::vector<std::string> notes() const { return notes_; }

 private:
  void work() {
    for (;;) {
      int cpu = -1;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        cpu = queue_.front();
        queue_.pop_front();
      }
      if (recorders_.size() >= limit_) {
        notes_.push_back("cpu" + std::to_string(cpu) + " not recorded after it returned (limit of " +
                         std::to_string(limit_) + " extra perf processes)");
        continue;
      }
      const std::string name = "perf-cpu" + std::to_string(cpu) + "-" + std::to_string(recorders_.size() + 1);
      try {
        recorders_.push_back(std::make_unique<PerfRecorder>(perf_, events_, scratch_ / (name + ".data"),
                                                            out_ / (name + ".log"), scratch_, std::to_string(cpu)));
        files_.push_back(name + ".data");
      } catch (const Error& e) {
        notes_.push_back("cpu" + std::to_string(cpu) + " not recorded after it returned: " + e.what());
      }
    }
  }

  std::string perf_;
  std::vector<Tracepoint> events_;
  fs::path scratch_, out_;
  unsigned limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<int> queue_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<PerfRecorder>> recorders_;
  std::vector<std::string> files_, notes_;
  std::thread worker_;
};

std::uint64_t completed_ios(const FioLoad& load);
std::int64_t wait_for_io(const FioLoad& load, std::uint64_t before, BackgroundProcess& fio, const fs::path& dir);

// The live micro-benchmarks of irqlab-microbench (moves back and forth, a CPU
// cycle) while fio runs the scenario's load untraced; their JSON joins the run.
ProcessResult run_microbench(const Scenario& s, const FioLoad& load, const RunnerOptions& o,
                             const fs::path& state_dir) {
  FioLoad background = load;
  background.runtime_s = 3600;  // stopped when the benchmarks are done
  std::vector<std::string> fio_argv = scenario_fio_command(s, background, o.out_dir / "microbench-fio.json", "");
  fio_argv[0] = o.fio;
  ProcessOptions fio_options;
  fio_options.log_file = o.out_dir / "microbench-fio.log";
  const std::uint64_t before = completed_ios(background);
  BackgroundProcess fio(fio_argv, fio_options);
  // fio takes over a second to set up under TCG: a move measured before its
  // I/O flows waits for an interrupt that never comes (x86 applies a move at
  // the queue's next interrupt). Wait for the first completion, then for the
  // other jobs to reach their queues.
  wait_for_io(background, before, fio, o.out_dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ProcessOptions po;
  po.extra_env = {"IRQLAB_STATE_DIR=" + state_dir.string()};
  po.log_file = o.out_dir / "microbench.log";
  po.capture = false;
  po.timeout = std::chrono::minutes(10);
  ProcessResult r = run_process({o.microbench.string(), "--benchmark_filter=BM_Live",
                                 "--benchmark_out=" + (o.out_dir / run_files::kMicrobench).string(),
                                 "--benchmark_out_format=json"},
                                po);
  fio.signal(SIGTERM);
  fio.wait(std::chrono::seconds(30));
  if (!r.ok()) throw Error("irqlab-microbench failed (" + r.describe() + ")", "log: " + po.log_file.string());
  return r;
}

// Reads and writes completed so far on the load's block devices (/sys/block/<dev>/stat).
std::uint64_t completed_ios(const FioLoad& load) {
  std::uint64_t total = 0;
  for (const std::string& file : load.filenames) {
    const std::string dev = fs::path(file).filename().string();
    const std::vector<std::string> fields = split_whitespace(read_or_empty("/sys/block/" + dev + "/stat", kSystemFileLimit));
    if (fields.size() >= 5) total += parse_size(fields[0]).value_or(0) + parse_size(fields[4]).value_or(0);
  }
  return total;
}

std::int64_t wait_for_io(const FioLoad& load, std::uint64_t before, BackgroundProcess& fio, const fs::path& dir) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    if (completed_ios(load) > before) return monotonic_ns();
    if (!fio.running()) {
      const ProcessResult r = fio.wait();
      throw Error(fio_failure(dir, r));
    }
    if (std::chrono::steady_clock::now() > deadline) throw Error("fio completed no I/O within 60 s of starting");
    throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

// Who records what: perf the sparse tracepoints; trace-cmd, when there is
// one, irq_handler_entry, which fires with the load.
struct Recording {
  fs::path perf;
  std::vector<Tracepoint> perf_events;
  fs::path trace_cmd;  // empty: perf records everything
  std::vector<Tracepoint> trace_cmd_events;
};

// The tracing overhead in one fio run: 500 ms windows without and with
// tracing, for twice the probe time, in counterbalanced blocks (off on on
// off): alternating cancels the drift of a shared host that two separate runs
// would measure, and the mirrored order cancels what a switch leaves in the
// window after it. Off, trace-cmd's events are disabled (unregistered) and
// perf is disabled through its control fifo (its sparse tracepoints stay
// registered; they do not fire under a steady load). The IOPS log of the run
// tells the windows apart.
void probe_overhead(const Scenario& s, const FioLoad& load, const RunnerOptions& o, const Recording& rec,
                    const fs::path& scratch) {
  constexpr std::int64_t kWindowNs = 500'000'000;
  constexpr bool kBlock[] = {false, true, true, false};
  const std::int64_t windows = std::max<std::int64_t>(4, (2 * s.overhead_probe_ns / kWindowNs + 3) / 4 * 4);
  PerfRecorder recorder(rec.perf, rec.perf_events, scratch / "probe-perf.data", o.out_dir / "probe-perf.log", scratch);
  std::unique_ptr<TraceCmdRecorder> trace_cmd;
  if (!rec.trace_cmd_events.empty()) {
    trace_cmd = std::make_unique<TraceCmdRecorder>(rec.trace_cmd, tracefs_root(),
                                                   "irqlab-probe-" + std::to_string(getpid()), rec.trace_cmd_events,
                                                   scratch / "probe-trace.dat", o.out_dir / "probe-trace-cmd.log");
    trace_cmd->events(false);
  }
  FioLoad probe = load;
  probe.runtime_s = static_cast<unsigned>((windows * kWindowNs) / 1'000'000'000 + 2);
  std::vector<std::string> argv = scenario_fio_command(s, probe, o.out_dir / run_files::kProbeFioJson,
                                                       (o.out_dir / run_files::kProbeLogPrefix).string());
  argv[0] = o.fio;
  ProcessOptions po;
  po.log_file = o.out_dir / run_files::kFioLog;
  const std::uint64_t before = completed_ios(probe);
  BackgroundProcess fio(argv, po);
  const std::int64_t start = wait_for_io(probe, before, fio, o.out_dir);
  json out = json::array();
  recorder.control("disable");
  bool tracing = false;
  for (std::int64_t i = 0; i < windows; ++i) {
    const bool traced = kBlock[i % 4];
    if (traced != tracing) {
      recorder.control(traced ? "enable" : "disable");
      if (trace_cmd) trace_cmd->events(traced);
      tracing = traced;
    }
    const std::int64_t from = monotonic_ns(), to = start + (i + 1) * kWindowNs;
    while (monotonic_ns() < to) {
      throw_if_interrupted();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    out.push_back({{"from_ns", from}, {"to_ns", to}, {"traced", traced}});
  }
  const ProcessResult r = fio.wait(std::chrono::seconds(probe.runtime_s + 120));
  // Their data only served to load the system as the run will.
  recorder.stop();
  if (trace_cmd) trace_cmd->stop();
  std::error_code ec;
  fs::remove(scratch / "probe-perf.data", ec);
  fs::remove(scratch / "probe-trace.dat", ec);
  if (!r.ok()) throw Error("overhead probe: " + fio_failure(o.out_dir, r));
  write_file_atomic(o.out_dir / run_files::kProbeWindows, out.dump(2) + "\n");
}

}  // namespace

TraceEventAvailability available_trace_events(const std::vector<std::string>& wanted, const fs::path& root) {
  TraceEventAvailability out;
  for (const std::string& e : wanted) {
    const auto colon = e.find(':');
    const bool ok = colon != std::string::npos && !root.empty() &&
                    fs::exists(root / "events" / e.substr(0, colon) / e.substr(colon + 1));
    (ok ? out.available : out.missing).push_back(e);
  }
  return out;
}

std::string irq_filter_expression(std::vector<int> irqs) {
  std::sort(irqs.begin(), irqs.end());
  irqs.erase(std::unique(irqs.begin(), irqs.end()), irqs.end());
  std::string out;
  for (std::size_t i = 0; i < irqs.size();) {
    std::size_t j = i;
    while (j + 1 < irqs.size() && irqs[j + 1] == irqs[j] + 1) ++j;
    if (!out.empty()) out += " || ";
    out += j == i ? "irq==" + std::to_string(irqs[i])
                  : "(irq>=" + std::to_string(irqs[i]) + " && irq<=" + std::to_string(irqs[j]) + ")";
    i = j + 1;
  }
  return out;
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

RunnerSummary run_scenario(const Scenario& s, const RunnerOptions& o) {
  RunnerSummary summary;
  summary.out_dir = o.out_dir;
  if (geteuid() != 0) throw Error("the scenario runner changes interrupts and CPUs: run it as root");
  const auto perf = find_executable(o.perf);
  if (!perf) throw Error("perf not found ('" + o.perf + "'): install linux-perf, or pass --perf");
  const auto fio = find_executable(o.fio);
  if (!fio) throw Error("fio not found ('" + o.fio + "'): install fio, or pass --fio");
  if (s.microbench && (o.microbench.empty() || !fs::exists(o.microbench)))
    throw Error("the scenario asks for microbench = yes but irqlab-microbench was not found" +
                (o.microbench.empty() ? std::string() : " at " + o.microbench.string()));

  // Everything that can be wrong is found before anything changes.
  const Machine machine = discover(DiscoveryOptions{});
  CpuSet harness = o.control.harness_cpus;
  harness.insert(o.injector_cpu);
  if (!machine.present_cpus.count(o.injector_cpu) || !machine.online_cpus.count(o.injector_cpu))
    throw Error("injector CPU " + std::to_string(o.injector_cpu) + " is not an online CPU (online: " +
                format_cpu_list(machine.online_cpus) + ")");
  const std::vector<PlannedEvent> plan = plan_events(s, machine, harness);
  FioLoad load = resolve_fio_load(s, machine);
  DeviceSafetyOptions safety = o.device;
  safety.write = !fio_load_is_read_only(load);
  for (const std::string& f : load.filenames) check_workload_device(machine, f, safety);
  const TraceEventAvailability trace =
      available_trace_events(s.trace_events.empty() ? default_trace_events() : s.trace_events, tracefs_root());
  if (trace.available.empty()) throw Error("none of the scenario's tracepoints exist here (is tracefs mounted?)");

  std::error_code ec;
  if (fs::exists(o.out_dir / run_files::kRun, ec)) throw Error(o.out_dir.string() + " already holds a run");
  fs::create_directories(o.out_dir);
  const fs::path scratch = o.scratch_dir.empty() ? o.out_dir : o.scratch_dir;
  fs::create_directories(scratch);
  write_file_atomic(o.out_dir / run_files::kScenario, s.text);
  write_file_atomic(o.out_dir / run_files::kTopology, topology_json(machine).dump(2) + "\n");

  RunManifest run;
  run.scenario = s.name;
  run.kernel_release = machine.kernel.release;
  run.cmdline = machine.kernel.cmdline;
  run.managed_mode = machine.kernel.managed_mode;
  run.injector_cpu = o.injector_cpu;
  run.trace_events = trace.available;
  run.missing_trace_events = trace.missing;
  run.duration_ns = s.duration_ns;
  run.log_interval_ns = s.fio_log_interval_ns;
  // What metrics need of the machine, as it was when the run started.
  for (const NumaNode& n : machine.nodes) run.nodes[n.id] = n.cpus;
  for (const NvmeController& c : machine.controllers)
    for (const NvmeQueue* q : c.io_queues())
      run.queues.push_back({q->name, c.name, q->irq, c.numa_node, q->hctx_cpus, q->affinity});
  // Of irq_handler_entry only the queue interrupts serve the metrics; the
  // others (a lab's 9p root, a NIC) would cost tracing time for nothing.
  std::vector<int> queue_irqs;
  for (const NvmeController& c : machine.controllers)
    for (const NvmeQueue* q : c.io_queues()) queue_irqs.push_back(q->irq);
  Recording rec;
  rec.perf = *perf;
  const auto trace_cmd = find_executable(o.trace_cmd);
  for (const std::string& e : trace.available) {
    Tracepoint t{e, e == "irq:irq_handler_entry" ? irq_filter_expression(queue_irqs) : ""};
    (e == "irq:irq_handler_entry" && trace_cmd ? rec.trace_cmd_events : rec.perf_events).push_back(t);
  }
  if (rec.perf_events.empty()) {  // perf has to record something: then it takes them all
    rec.perf_events = std::move(rec.trace_cmd_events);
    rec.trace_cmd_events.clear();
  }
  if (!rec.trace_cmd_events.empty()) rec.trace_cmd = *trace_cmd;
  std::vector<std::string> trace_cmd_names;
  for (const Tracepoint& t : rec.trace_cmd_events) trace_cmd_names.push_back(t.name);
  run.trace_cmd_events = trace_cmd_names;
  if (!trace_cmd && std::find(trace.available.begin(), trace.available.end(), "irq:irq_handler_entry") != trace.available.end())
    say(o, "trace-cmd not found ('" + o.trace_cmd + "'): perf records irq_handler_entry too, at a higher cost per event");

  say(o, "snapshot before: /proc/interrupts, vector matrix, kernel log");
  snapshot(o.out_dir, run_files::kInterruptsBefore, run_files::kVectorBefore, run_files::kDmesgBefore);

  KernelFileWriter writer;
  SystemdServices services;
  ControlOptions control = o.control;
  control.harness_cpus = harness;
  control.log = o.log;
  auto session = std::make_unique<ControlSession>(machine, control, writer, services);
  if (o.stop_irqbalance) {
    if (session->stop_irqbalance()) say(o, "stopped irqbalance for the run");
  } else if (!machine.irqbalance_pids.empty()) {
    say(o, "warning: irqbalance runs and may move interrupts during the run (--stop-irqbalance stops it)");
  }

  if (s.overhead_probe_ns > 0) {
    say(o, "overhead probe: fio for " + format_duration(2 * s.overhead_probe_ns) +
               ", tracing switched off and on every 500 ms");
    probe_overhead(s, load, o, rec, scratch);
  }

  say(o, "perf record: " + std::to_string(rec.perf_events.size()) + " tracepoints" +
             (rec.trace_cmd_events.empty() ? "" : ", trace-cmd record: irq_handler_entry") +
             (trace.missing.empty() ? "" : " (" + std::to_string(trace.missing.size()) + " not in this kernel)"));
  PerfRecorder recorder(*perf, rec.perf_events, scratch / run_files::kPerfData, o.out_dir / run_files::kPerfLog,
                        scratch);
  run.perf_command = recorder.command();
  std::unique_ptr<TraceCmdRecorder> trace_cmd_recorder;
  if (!rec.trace_cmd_events.empty()) {
    trace_cmd_recorder = std::make_unique<TraceCmdRecorder>(
        rec.trace_cmd, tracefs_root(), "irqlab-irq-" + std::to_string(getpid()), rec.trace_cmd_events,
        scratch / run_files::kTraceCmdData, o.out_dir / run_files::kTraceCmdLog);
    run.trace_cmd_command = trace_cmd_recorder->command();
  }

  // ftrace sees the drains of CPUs going offline, which perf cannot.
  std::unique_ptr<FtraceInstance> ftrace;
  if (std::find(trace.available.begin(), trace.available.end(), "block:block_mq_hctx_drain") != trace.available.end())
    ftrace = std::make_unique<FtraceInstance>(tracefs_root(), "irqlab-" + std::to_string(getpid()),
                                              std::vector<std::string>{"block:block_mq_hctx_drain"});
  run.ftrace_events = ftrace ? ftrace->events() : std::vector<std::string>{};

  std::vector<std::string> fio_argv = scenario_fio_command(
      s, load, o.out_dir / run_files::kFioJson, (o.out_dir / run_files::kFioLogPrefix).string());
  fio_argv[0] = fio->string();
  run.fio_command = fio_argv;
  ProcessOptions fio_options;
  fio_options.log_file = o.out_dir / run_files::kFioLog;
  say(o, "fio " + load.rw + " for " + format_duration(s.duration_ns) + ", " + std::to_string(plan.size()) +
             " events injected from CPU " + std::to_string(o.injector_cpu));
  const std::uint64_t ios_before = completed_ios(load);
  auto fio_process = std::make_unique<BackgroundProcess>(fio_argv, fio_options);
  // The load starts with its first completed I/O, not with fio's process:
  // fio takes a second or more to set up in a TCG guest.
  const std::int64_t start_ns = wait_for_io(load, ios_before, *fio_process, o.out_dir);
  std::vector<InjectedEvent> injected;
  ProcessResult fio_result;
  CpuRerecorder rerecorder(*perf, rec.perf_events, scratch, o.out_dir, 8);
  {
    Injector injector(*session, plan, start_ns, o.injector_cpu, [&](int cpu) { rerecorder.cpu_online(cpu); });
    // fio runs for whole seconds; an event planned at the very end still has its turn.
    fio_result = fio_process->wait(std::chrono::milliseconds(s.duration_ns / 1'000'000 + 120'000));
    injector.stop();
    injected = injector.finish();
    run.injector_pinned = injector.pinned();
  }
  const std::int64_t end_ns = monotonic_ns();
  fio_process.reset();
  rerecorder.finish();
  if (ftrace) {
    ftrace->save(o.out_dir / run_files::kFtrace);
    ftrace.reset();
  }
  const ProcessResult perf_result = recorder.stop();
  ProcessResult trace_cmd_result;
  if (trace_cmd_recorder) {
    trace_cmd_result = trace_cmd_recorder->stop();
    trace_cmd_recorder.reset();
    if (scratch != o.out_dir && fs::exists(scratch / run_files::kTraceCmdData, ec)) {
      fs::copy_file(scratch / run_files::kTraceCmdData, o.out_dir / run_files::kTraceCmdData,
                    fs::copy_options::overwrite_existing);
      fs::remove(scratch / run_files::kTraceCmdData, ec);
    }
  }
  std::vector<std::string> data_files{run_files::kPerfData};
  for (const std::string& f : rerecorder.data_files()) data_files.push_back(f);
  run.perf_data = data_files;
  run.perf_notes = rerecorder.notes();
  if (scratch != o.out_dir)
    for (const std::string& f : data_files) {
      fs::copy_file(scratch / f, o.out_dir / f, fs::copy_options::overwrite_existing);
      fs::remove(scratch / f, ec);
    }
  write_file_atomic(o.out_dir / run_files::kEvents, injected_events_json(injected, start_ns).dump(2) + "\n");

  say(o, "restoring interrupts and CPUs");
  const RestoreReport restored = session->restore();
  session.reset();  // the journal is free for the micro-benchmarks
  run.restored = restored.summary();
  say(o, "snapshot after: /proc/interrupts, vector matrix, kernel log");
  snapshot(o.out_dir, run_files::kInterruptsAfter, run_files::kVectorAfter, run_files::kDmesgAfter);

  if (s.microbench && fio_result.ok()) {
    say(o, "micro-benchmarks under the load: " + o.microbench.string());
    std::string failure;
    try {
      run.microbench = run_microbench(s, load, o, control.state_dir).describe();
    } catch (const Interrupted&) {
      throw;
    } catch (const Error& e) {
      failure = e.what();
    }
    // Whatever the benchmarks could not put back, the journal still knows.
    std::ostringstream restore_log;
    restore_journal(control.state_dir, writer, services, restore_log);
    if (!failure.empty()) throw Error(failure, "log: " + (o.out_dir / "microbench.log").string());
  }

  run.start_ns = start_ns;
  run.end_ns = end_ns;
  run.fio_exit = fio_result.ok() ? 0 : (fio_result.exit_code > 0 ? fio_result.exit_code : -1);
  run.fio_status = fio_result.describe();
  run.perf_status = perf_result.describe();
  if (!rec.trace_cmd_events.empty()) run.trace_cmd_status = trace_cmd_result.describe();
  write_file_atomic(o.out_dir / run_files::kRun, manifest_json(run).dump(2) + "\n");

  summary.events_planned = static_cast<unsigned>(plan.size());
  for (const InjectedEvent& e : injected)
    if (e.status == EventStatus(CpuEventStatus::Failed)) ++summary.events_failed;
  summary.fio_exit = run.fio_exit;
  if (!fio_result.ok()) throw Error(fio_failure(o.out_dir, fio_result), "run directory: " + o.out_dir.string());
  // perf record re-raises the SIGINT that stopped it, once its data is written.
  if (!perf_result.ok() && perf_result.term_signal != SIGINT)
    throw Error("perf record failed (" + perf_result.describe() + ")",
                "log: " + (o.out_dir / run_files::kPerfLog).string());
  if (!rec.trace_cmd_events.empty() && !fs::exists(o.out_dir / run_files::kTraceCmdData, ec))
    throw Error("trace-cmd record failed (" + trace_cmd_result.describe() + "): no " + run_files::kTraceCmdData,
                "log: " + (o.out_dir / run_files::kTraceCmdLog).string());
  return summary;
}

}  // namespace irqlab
