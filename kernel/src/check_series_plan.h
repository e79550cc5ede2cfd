#pragma once
// The real configs of check-series (lab, nohier-i386) as a CheckPlan.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/kernel/check_series.h"
#include "irqlab/kernel/check_series_runner.h"

namespace irqlab {

// "lab", "nohier-i386"
std::vector<std::string> check_config_names();

// The names to build, in the order above; throws Error naming an unknown one.
std::vector<std::string> select_check_configs(const std::vector<std::string>& requested);

// The plan for checkout (a tree's check-src) with build directories under
// <tree>/check-build and logs under log_dir; creates the build directories.
CheckPlan real_check_plan(const CheckSeriesOptions& options, const std::vector<std::string>& configs,
                          const std::filesystem::path& tree, const std::filesystem::path& checkout,
                          const std::filesystem::path& log_dir, bool stream);

}  // namespace irqlab
