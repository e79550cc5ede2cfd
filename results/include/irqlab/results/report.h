#pragma once
// From run directories to a Comparison: each directory is one boot, read
// and turned into metrics (bench/metrics.h), with the scenario it ran.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/results/comparison.h"

namespace irqlab {

struct RunDirectory {
  std::filesystem::path dir;
  std::string arm;        // empty: the mode the kernel reported
  unsigned position = 0;  // in the order the boots ran; 0: unknown
};

// Throws Error naming the directory and file when a record is missing or
// malformed, or when a directory is given twice.
Comparison build_comparison(const std::vector<RunDirectory>& runs, const std::string& perf = "perf");

}  // namespace irqlab
