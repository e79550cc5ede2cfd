#pragma once
// The scenario runner: on the machine under test (a lab guest or a lab
// machine) it records the kernel with perf, runs fio, injects the planned
// events from a thread pinned to a CPU that never goes offline, snapshots the
// system before and after, restores every change, and leaves it all in one
// run directory. It measures nothing itself: metrics.h reads the directory.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "irqlab/bench/scenario.h"
#include "irqlab/control/control_session.h"
#include "irqlab/topology/device_safety.h"

namespace irqlab {

// Files of a run directory (format: bench/scenarios/README.md).
namespace run_files {
inline constexpr const char* kScenario = "scenario";               // the scenario file as run
inline constexpr const char* kRun = "run.json";                    // irqlab.run/1: clocks, tools, exit statuses
inline constexpr const char* kEvents = "events.json";              // every injection with its timestamps
inline constexpr const char* kTopology = "topology.json";          // irqlab topology --json, before the run
inline constexpr const char* kInterruptsBefore = "interrupts.before";
inline constexpr const char* kInterruptsAfter = "interrupts.after";
inline constexpr const char* kVectorBefore = "vector-matrix.before";  // debugfs irq/domains/VECTOR
inline constexpr const char* kVectorAfter = "vector-matrix.after";    // after the restore
inline constexpr const char* kDmesgBefore = "dmesg.before";
inline constexpr const char* kDmesgAfter = "dmesg.after";
inline constexpr const char* kPerfData = "perf.data";
inline constexpr const char* kPerfLog = "perf.log";
inline constexpr const char* kPerfScript = "perf.script";          // made from perf.data by metrics
inline constexpr const char* kFtrace = "ftrace.txt";               // hotplug drains perf cannot see (ftrace, mono clock)
inline constexpr const char* kTraceCmdData = "trace-cmd.dat";   // queue interrupts (trace-cmd record, mono clock)
inline constexpr const char* kTraceCmdLog = "trace-cmd.log";
inline constexpr const char* kTraceCmdText = "trace-cmd.txt";   // made from trace-cmd.dat by metrics (trace-cmd report)
inline constexpr const char* kFioJson = "fio.json";
inline constexpr const char* kFioLog = "fio.log";                  // fio's stdout and stderr
inline constexpr const char* kFioLogPrefix = "fio";                // fio_iops.N.log, fio_clat.N.log
inline constexpr const char* kProbeWindows = "probe-windows.json";  // overhead probe: when perf was on and off
inline constexpr const char* kProbeFioJson = "probe-fio.json";      // its fio json+; probe_iops.N.log its IOPS
inline constexpr const char* kProbeLogPrefix = "probe";
inline constexpr const char* kMicrobench = "microbench.json";      // Google Benchmark JSON
}  // namespace run_files

inline constexpr const char* kRunJsonSchema = "irqlab.run/1";

struct RunnerOptions {
  std::filesystem::path out_dir;       // created; must not hold an earlier run
  std::filesystem::path scratch_dir;   // local filesystem for perf.data while recording; empty: out_dir
  ControlOptions control;              // journal, harness CPUs (the injector CPU is added)
  int injector_cpu = 0;                // never taken offline
  DeviceSafetyOptions device;          // a write load needs its devices marked scratch
  bool stop_irqbalance = false;        // else a running irqbalance is only warned about
  std::string perf = "perf";
  std::string trace_cmd = "trace-cmd";  // records irq_handler_entry; absent: perf records it too
  std::string fio = "fio";
  std::filesystem::path microbench;    // irqlab-microbench, for scenarios with microbench = yes
  std::ostream* log = nullptr;         // one line per stage
};

struct RunnerSummary {
  std::filesystem::path out_dir;
  unsigned events_planned = 0, events_failed = 0;
  int fio_exit = 0;
};

// Throws Error for anything wrong before the machine is touched (a CPU or
// queue that does not exist, perf or fio absent, a device in use) and, after
// restoring, when fio or perf failed during the run.
RunnerSummary run_scenario(const Scenario& s, const RunnerOptions& options);

// The fio argv of the run: fio_command() plus verify, json+ into json_path,
// and, with a log_prefix, iops and completion-latency logs every interval on
// CLOCK_MONOTONIC (<log_prefix>_iops.N.log ...).
std::vector<std::string> scenario_fio_command(const Scenario& s, const FioLoad& load,
                                              const std::filesystem::path& json_path, const std::string& log_prefix);

// The tracepoints of `wanted` that exist under the tracefs of root ("sys:name"
// -> events/sys/name), and those that do not.
struct TraceEventAvailability {
  std::vector<std::string> available, missing;
};
TraceEventAvailability available_trace_events(const std::vector<std::string>& wanted,
                                              const std::filesystem::path& root);

// The kernel filter that keeps irq_handler_entry to these interrupts, as
// ranges ("irq>=29 && irq<=32 || irq==40"): a large machine has hundreds of
// queue interrupts and perf passes a filter of at most a page.
std::string irq_filter_expression(std::vector<int> irqs);

}  // namespace irqlab
