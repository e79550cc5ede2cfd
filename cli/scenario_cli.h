#pragma once
// What `irqlab scenario` and the main job share.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/results/comparison.h"

namespace irqlab::cli {

std::filesystem::path scenarios_dir();      // scenario/scenarios of the source tree
std::filesystem::path microbench_binary();  // irqlab-microbench of this build

}  // namespace irqlab::cli
