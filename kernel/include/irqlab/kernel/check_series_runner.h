#pragma once
// The prefix loop of check-series: patch k is applied on top of patches
// 1..k-1 in one checkout, then every config configures and builds that
// prefix in its own build directory (so prefixes build incrementally), and
// checkpatch looks at patch k. What the configs run is data, so that a test
// can run the loop on a fixture tree; check_series() fills in the real ones.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/common/progress.h"
#include "irqlab/kernel/check_series_report.h"
#include "irqlab/kernel/checkpatch.h"
#include "irqlab/kernel/kernel_command.h"
#include "irqlab/kernel/series.h"

namespace irqlab {

struct CheckBuildConfig {
  std::string name;                              // "nohier-i386"
  std::vector<KernelCommand> configure;          // before each build, in order
  std::filesystem::path config_file;             // checked against fragments after configure
  std::vector<std::filesystem::path> fragments;  // every option must hold (empty: no check)
  std::vector<std::string> build;                // its failure is the prefix's FAIL
};

struct CheckPlan {
  std::filesystem::path checkout;        // at the series' base; patches are applied here
  std::vector<CheckBuildConfig> configs;
  std::vector<std::string> checkpatch;   // the patch file is appended
  std::vector<std::string> env;          // KEY=VALUE for every command (CCACHE_DIR)
  std::filesystem::path log_dir;         // NNNN-<config>.log, NNNN-checkpatch.log: each rewritten when it runs
  bool stream = false;                   // copy the commands' output to stderr
};

// Every command runs in plan.checkout. A patch that does not apply ends the
// builds (its row says why, later rows are skipped); checkpatch still looks
// at every patch. Throws Error only for what stops the whole run (a missing
// fragment file), Interrupted on SIGINT/SIGTERM after killing the child.
CheckSeriesReport run_check_series(const CheckPlan& plan, const Series& series,
                                   const std::vector<CheckpatchAllow>& allows, Progress& progress);

}  // namespace irqlab
