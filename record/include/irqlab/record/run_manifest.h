#pragma once
// run.json (schema irqlab.run/1): what a run directory says of the run it
// holds. One type, written by the runner and read by read_run(), so the two
// cannot drift apart; scenario/scenarios/README.md documents the fields.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/topology/machine.h"

namespace irqlab {

inline constexpr const char* kRunJsonSchema = "irqlab.run/1";

struct ManifestQueue {                 // an NVMe I/O queue when the run started
  std::string name, controller;        // nvme0q1, nvme0
  int irq = -1;
  std::optional<int> controller_node;
  CpuSet hctx_cpus, affinity;
};

struct RunManifest {
  std::string scenario, kernel_release, cmdline;
  std::optional<std::string> managed_mode;  // none: a kernel without the series
  int injector_cpu = 0;
  bool injector_pinned = false;
  std::vector<std::string> trace_events, missing_trace_events;  // perf's and trace-cmd's together
  std::vector<std::string> trace_cmd_events, ftrace_events;      // which of them trace-cmd and ftrace took
  std::int64_t duration_ns = 0, log_interval_ns = 0;
  std::int64_t start_ns = 0, end_ns = 0;     // the load, CLOCK_MONOTONIC
  std::map<int, CpuSet> nodes;
  std::vector<ManifestQueue> queues;
  std::vector<std::string> perf_command, trace_cmd_command, fio_command;
  std::vector<std::string> perf_data{"perf.data"};  // perf.data, then one file per CPU recorded again
  std::vector<std::string> perf_notes;
  std::string restored, fio_status, perf_status;
  std::optional<std::string> trace_cmd_status, microbench;
  int fio_exit = 0;
};

nlohmann::ordered_json manifest_json(const RunManifest& m);
// A CPU set as run.json and events.json write it: "0-3,6" or [0, 1].
CpuSet cpu_set_from_json(const nlohmann::json& v);

// Throws Error naming `where` (the file) and the field that is missing or malformed.
RunManifest parse_manifest(const nlohmann::json& j, const std::string& where);

}  // namespace irqlab
