#pragma once
// The recorded session of a run: fio on the scenario's load, the planned
// events injected from its first I/O, the recorders stopped after it and
// their records, with events.json, left in the run directory.
#include <cstdint>
#include <vector>

#include "injector.h"
#include "irqlab/common/process.h"
#include "irqlab/record/recorder_set.h"
#include "irqlab/record/run_manifest.h"
#include "irqlab/scenario/runner.h"
#include "run_preflight.h"

namespace irqlab {

struct SessionOutcome {
  std::int64_t start_ns = 0, end_ns = 0;  // the load, CLOCK_MONOTONIC
  ProcessResult fio;
  std::vector<InjectedEvent> injected;
};

// The recorders are running; once it returns they are stopped and run holds
// their part, fio's command and whether the injector was pinned.
SessionOutcome record_session(const Scenario& s, const RunnerOptions& o, const Preflight& pre,
                              ControlSession& session, RecorderSet& recorders, RunManifest& run);

}  // namespace irqlab
