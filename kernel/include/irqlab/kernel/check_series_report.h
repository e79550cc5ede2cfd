#pragma once
// What `irqlab kernel check-series` found: one row per patch of the series,
// with the build of its prefix in each config and checkpatch's verdict on
// the patch; the table people read, the JSON tools read, and the verdict.
#include <filesystem>
#include <string>
#include <vector>

namespace irqlab {

// The build of one prefix (patches 1..k) in one config.
struct PrefixBuild {
  enum class State { ok, failed, config_failed, not_applied, skipped };
  State state = State::skipped;
  int errors = 0;                // compiler error lines in the build output
  std::string first_error;       // the first of them, or why it failed without one
  std::filesystem::path log;     // configure and build output
  double seconds = 0;
};

struct CheckpatchIssue {
  std::string level;    // ERROR, WARNING or CHECK
  std::string type;     // LONG_LINE (--show-types)
  std::string message;  // the line as checkpatch printed it
  bool allowed = false; // a WARNING the series allows for this patch
};

struct CheckpatchReport {
  bool ran = false;  // its "total:" line was found
  int errors = 0, warnings = 0, checks = 0;
  std::vector<CheckpatchIssue> issues;
  std::string problem;  // why it did not run
  std::filesystem::path log;

  int allowed_warnings() const;
};

struct PatchCheck {
  int number = 0;           // position in the series, from 1
  std::string name;         // the patch file's name
  std::string subject;      // without "[PATCH nn/mm]"
  std::string apply_error;  // "" when it applied on the previous prefix
  std::vector<PrefixBuild> builds;  // one per config, in CheckSeriesReport::configs order
  CheckpatchReport checkpatch;
};

struct CheckSeriesReport {
  std::string source_label;
  std::string series_hash;
  std::vector<std::string> configs;  // "lab", "nohier-i386"
  std::vector<PatchCheck> patches;
  std::filesystem::path log_dir;
  double seconds = 0;
};

// Every prefix applied and built in every config, and checkpatch ran on
// every patch with no error and no warning the series does not allow.
bool check_series_passed(const CheckSeriesReport& report);

// "0003": how the table, the logs and the progress lines name patch 3.
std::string patch_label(int number);

// "ok", "FAIL(6 errors)", "FAIL(config)", "no apply", "skipped".
std::string prefix_build_cell(const PrefixBuild& build);
// "0/1/2" (errors/warnings/checks), "0/1/2 (1 allowed)", "not run".
std::string checkpatch_cell(const CheckpatchReport& checkpatch);

// The table (one row per patch, at most 100 columns), the first error of
// each failure under it, and one summary line.
std::string render_check_series(const CheckSeriesReport& report);

// Schema "irqlab.check-series/1".
std::string check_series_json(const CheckSeriesReport& report);

}  // namespace irqlab
