#include "irqlab/topology/managed_mode.h"

namespace irqlab {

std::string mode_list(const std::vector<ManagedMode>& modes, std::string_view separator) {
  std::string out;
  for (ManagedMode m : modes) out += (out.empty() ? "" : std::string(separator)) + to_text(m);
  return out;
}

std::vector<ManagedMode> parse_modes(const std::vector<std::string>& words, const std::string& where) {
  std::vector<ManagedMode> modes;
  for (const std::string& word : words) {
    const std::optional<ManagedMode> mode = kManagedModes.find(word);
    if (!mode) throw Error(where + ": " + kManagedModes.unknown(word));
    modes.push_back(*mode);
  }
  return modes;
}

std::optional<std::string> mode_mismatch(ManagedMode asked, const std::optional<ManagedMode>& reported) {
  if (asked == mode_in_force(reported)) return std::nullopt;
  const std::string kernel = reported ? to_text(*reported) + " (/sys/kernel/irq/managed_mode)"
                                      : std::string(kStockKernel) + " (no /sys/kernel/irq/managed_mode)";
  return "the run asked for " + mode_parameter(asked) + " but the kernel runs " + kernel;
}

}  // namespace irqlab
