// The arms of a comparison and the order their boots run in.
#include <map>
#include <random>

#include "irqlab/results/boot_order.h"

namespace irqlab {

std::vector<std::string> arm_names(const std::vector<std::string>& modes) {
  std::map<std::string, unsigned> count, seen;
  for (const std::string& m : modes) ++count[m];
  std::vector<std::string> out;
  for (const std::string& m : modes) {
    if (count[m] == 1) out.push_back(m);
    else out.push_back(m + "-" + static_cast<char>('a' + seen[m]++));
  }
  return out;
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
