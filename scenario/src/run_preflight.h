#pragma once
// Everything run_scenario checks before it changes anything on the machine:
// root, the tools, the injector CPU, the planned events, the load's devices,
// the tracepoints, the run directory.
#include <filesystem>
#include <vector>

#include "irqlab/scenario/runner.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/machine.h"

namespace irqlab {

struct Preflight {
  Machine machine;                   // as discovered before the run
  CpuSet harness;                    // the options' harness CPUs and the injector's
  std::vector<PlannedEvent> events;  // the scenario's injections on this machine
  FioLoad load;
  TraceEventAvailability trace;
  std::filesystem::path fio;         // found on PATH
};

// Throws Error for the first thing that is wrong.
Preflight run_preflight(const Scenario& s, const RunnerOptions& o);

}  // namespace irqlab
