#pragma once
// The kernel modes of the series: irq_managed=<mode> on the command line,
// shown in /sys/kernel/irq/managed_mode. A kernel without the series has
// no such file; it handles managed interrupts as strict does (strict is the
// stock behaviour), so records file its runs under strict and messages call
// it stock.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/common/vocabulary.h"

namespace irqlab {

// In the order tables and comparisons list them.
enum class ManagedMode { Strict, Spread, Override };

inline constexpr Term<ManagedMode> kManagedModeTerms[] = {
    {ManagedMode::Strict, "strict"},
    {ManagedMode::Spread, "spread"},
    {ManagedMode::Override, "override"},
};
inline constexpr Vocabulary kManagedModes{"mode", "modes", kManagedModeTerms};

inline std::string to_text(ManagedMode mode) { return std::string(kManagedModes.text(mode)); }

// "irq_managed=override": the kernel parameter that asks for a mode.
inline std::string mode_parameter(ManagedMode mode) { return "irq_managed=" + to_text(mode); }

// What messages call a kernel without /sys/kernel/irq/managed_mode.
inline constexpr std::string_view kStockKernel = "stock";

// The mode a kernel runs in: what it reports, strict without the series.
inline ManagedMode mode_in_force(const std::optional<ManagedMode>& reported) {
  return reported.value_or(ManagedMode::Strict);
}

// Words that name modes, in their order; throws Error "<where>: unknown mode ..."
// for a word that names none.
std::vector<ManagedMode> parse_modes(const std::vector<std::string>& words, const std::string& where);

// "strict,override" with separator ",": modes as scenario files and --modes list them.
std::string mode_list(const std::vector<ManagedMode>& modes, std::string_view separator);

// A run that asked for one mode and booted a kernel running another (a
// misspelt irq_managed=, a kernel without the series) measured the wrong
// thing: the one line saying so, or nullopt when they agree.
std::optional<std::string> mode_mismatch(ManagedMode asked, const std::optional<ManagedMode>& reported);

}  // namespace irqlab
