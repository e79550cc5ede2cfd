// The arms of a comparison and the order their boots run in.
#include <algorithm>
#include <map>
#include <random>

#include "irqlab/results/boot_order.h"

namespace irqlab {

std::vector<std::string> arm_names(const std::vector<ManagedMode>& modes) {
  std::map<ManagedMode, unsigned> count, seen;
  for (ManagedMode m : modes) ++count[m];
  std::vector<std::string> out;
  for (ManagedMode m : modes) {
    if (count[m] == 1) out.push_back(to_text(m));
    else out.push_back(to_text(m) + "-" + static_cast<char>('a' + seen[m]++));
  }
  return out;
}

ManagedMode mode_of_arm(const std::vector<ManagedMode>& modes, const std::string& arm) {
  const std::vector<std::string> arms = arm_names(modes);
  return modes.at(static_cast<std::size_t>(std::find(arms.begin(), arms.end(), arm) - arms.begin()));
}

std::vector<PlannedBoot> interleaved_order(const std::vector<std::string>& arms, unsigned repetitions,
                                           std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<PlannedBoot> out;
  for (unsigned rep = 1; rep <= repetitions; ++rep) {
    std::vector<std::string> block = arms;
    // Fisher-Yates with the engine's raw output: the same order everywhere.
    for (std::size_t i = block.size(); i > 1; --i) std::swap(block[i - 1], block[rng() % i]);
    for (const std::string& arm : block)
      out.push_back({arm, rep, static_cast<unsigned>(out.size() + 1)});
  }
  return out;
}

}  // namespace irqlab
