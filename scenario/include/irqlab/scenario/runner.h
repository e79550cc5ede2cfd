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

#include "irqlab/control/control_session.h"
#include "irqlab/record/recorder.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/device_safety.h"

namespace irqlab {

// Of the recorders' options (recorder.h), out_dir is created and must not
// hold an earlier run; perf and trace-cmd are the tools' names (trace-cmd
// records irq_handler_entry; absent: perf records it too).
struct RunnerOptions : RecorderOptions {
  std::filesystem::path scratch_dir;   // local filesystem for perf.data while recording; empty: out_dir
  ControlOptions control;              // journal, harness CPUs (the injector CPU is added)
  int injector_cpu = 0;                // never taken offline
  DeviceSafetyOptions device;          // a write load needs its devices marked scratch
  bool stop_irqbalance = false;        // else a running irqbalance is only warned about
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

}  // namespace irqlab
