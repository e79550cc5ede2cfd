#pragma once
// Which boot runs when. Arms run in blocks, one boot of each arm per block,
// in a random order per block from a seed: host drift then spreads over the
// arms instead of lining up with one of them.
#include <cstdint>
#include <string>
#include <vector>

#include "irqlab/topology/managed_mode.h"

namespace irqlab {

// The arms of a list of modes: the mode itself, or "mode-a", "mode-b"...
// when a mode is listed more than once (an A/A comparison).
std::vector<std::string> arm_names(const std::vector<ManagedMode>& modes);
// The mode of one of arm_names(modes).
ManagedMode mode_of_arm(const std::vector<ManagedMode>& modes, const std::string& arm);

struct PlannedBoot {
  std::string arm;
  unsigned repetition = 0;  // 1.. within the arm
  unsigned position = 0;    // 1.. overall
};

// Deterministic for a seed on every standard library (no std::shuffle).
std::vector<PlannedBoot> interleaved_order(const std::vector<std::string>& arms, unsigned repetitions,
                                           std::uint64_t seed);

}  // namespace irqlab
