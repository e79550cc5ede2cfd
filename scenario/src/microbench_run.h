#pragma once
// The live micro-benchmarks of irqlab-microbench (moves back and forth, a CPU
// cycle) while fio runs the scenario's load untraced; their JSON joins the run.
#include <filesystem>
#include <string>

#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/scenario/runner.h"

namespace irqlab {

// Runs them after the run's own restore, then restores from the journal
// whatever they could not put back. Returns how irqlab-microbench ended;
// throws Error when it failed (the log in the run directory says why).
std::string measure_microbench(const Scenario& s, const FioLoad& load, const RunnerOptions& o,
                               const std::filesystem::path& state_dir, SystemWriter& writer,
                               ServiceControl& services);

}  // namespace irqlab
