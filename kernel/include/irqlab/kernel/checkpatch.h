#pragma once
// scripts/checkpatch.pl's output, and the warnings a series allows.
//
// A warning that a patch's commit message explains may be allowed by a
// comment line in the series file (quilt ignores it):
//   # checkpatch-allow: PATCH TYPE REASON
// PATCH is a patch file name of the series or a prefix naming exactly one
// (0005), TYPE a checkpatch type as --show-types prints it
// (FILE_PATH_CHANGES), REASON free text, required. Errors cannot be allowed.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/kernel/check_series_report.h"

namespace irqlab {

struct CheckpatchTotals {
  int errors = 0, warnings = 0, checks = 0;
};

// "total: 1 errors, 2 warnings, 3 checks, 120 lines checked" (the checks
// part only with --strict); nullopt for any other line.
std::optional<CheckpatchTotals> parse_checkpatch_total(std::string_view line);

// The totals and every "LEVEL:TYPE: message" line (--show-types). Without a
// total line ran is false and problem is the output's last line.
CheckpatchReport parse_checkpatch_output(std::string_view output);

struct CheckpatchAllow {
  std::string patch;   // file name
  std::string type;
  std::string reason;
  int line = 0;        // in the series file
};

// The checkpatch-allow lines of a series file; patches are the series'
// patches. Throws Error("<source>:<line>: ...") for a malformed line or a
// PATCH that names no patch or more than one.
std::vector<CheckpatchAllow> parse_checkpatch_allows(std::string_view series_text,
                                                     const std::vector<std::filesystem::path>& patches,
                                                     const std::string& source);

// Marks the WARNING issues of report whose type allows name for patch.
void mark_allowed(CheckpatchReport& report, const std::vector<CheckpatchAllow>& allows, const std::string& patch);

}  // namespace irqlab
