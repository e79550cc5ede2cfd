#pragma once
// The tracing overhead in one fio run: 500 ms windows without and with
// tracing, for twice the probe time, in counterbalanced blocks (off on on
// off): alternating cancels the drift of a shared host that two separate runs
// would measure, and the mirrored order cancels what a switch leaves in the
// window after it. Off, each probed recorder stops recording with its tool
// still running (Recorder::tracing). The IOPS log of the run tells the
// windows apart (probe-windows.json says which were traced).
#include <filesystem>

#include "irqlab/record/recording_plan.h"
#include "irqlab/scenario/runner.h"

namespace irqlab {

void probe_overhead(const Scenario& s, const FioLoad& load, const RunnerOptions& o, const RecordingPlan& plan,
                    const std::filesystem::path& scratch);

}  // namespace irqlab
