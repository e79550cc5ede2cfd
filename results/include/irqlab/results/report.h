#pragma once
// From run directories to what the reporters render: each directory is one
// boot, read and turned into metrics (metrics/metrics.h), with the scenario it
// ran, and the time series the HTML report plots (timeline.h).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/results/comparison.h"
#include "irqlab/results/timeline.h"

namespace irqlab {

struct RunDirectory {
  std::filesystem::path dir;
  std::string arm;        // empty: the mode the kernel reported
  std::optional<ManagedMode> mode;  // the mode the boot asked for (irq_managed=); nullopt: not known
  unsigned position = 0;  // in the order the boots ran; 0: unknown
};

struct Report {
  Comparison comparison;
  Timelines timelines;
};

// Throws Error naming the directory and file when a record is missing or
// malformed, when a directory is given twice, or when the kernel ran another
// mode than the one the run asked for.
Report build_report(const std::vector<RunDirectory>& runs, const std::string& perf = "perf");

}  // namespace irqlab
