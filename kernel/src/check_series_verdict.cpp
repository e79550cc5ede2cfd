// The verdict of check-series and the words of one table cell.
#include "irqlab/kernel/check_series_report.h"

#include <cstdio>

namespace irqlab {

int CheckpatchReport::allowed_warnings() const {
  int n = 0;
  for (const CheckpatchIssue& issue : issues)
    if (issue.level == "WARNING" && issue.allowed) ++n;
  return n;
}

bool check_series_passed(const CheckSeriesReport& report) {
  for (const PatchCheck& patch : report.patches) {
    if (!patch.apply_error.empty()) return false;
    for (const PrefixBuild& build : patch.builds)
      if (build.state != PrefixBuild::State::ok) return false;
    const CheckpatchReport& cp = patch.checkpatch;
    if (!cp.ran || cp.errors > 0 || cp.warnings > cp.allowed_warnings()) return false;
  }
  return true;
}

std::string prefix_build_cell(const PrefixBuild& build) {
  switch (build.state) {
    case PrefixBuild::State::ok:
      return "ok";
    case PrefixBuild::State::failed:
      return build.errors == 1 ? "FAIL(1 error)"
                               : build.errors ? "FAIL(" + std::to_string(build.errors) + " errors)" : "FAIL";
    case PrefixBuild::State::config_failed:
      return "FAIL(config)";
    case PrefixBuild::State::not_applied:
      return "no apply";
    case PrefixBuild::State::skipped:
      break;
  }
  return "skipped";
}

std::string checkpatch_cell(const CheckpatchReport& cp) {
  if (!cp.ran) return "not run";
  std::string cell = std::to_string(cp.errors) + "/" + std::to_string(cp.warnings) + "/" + std::to_string(cp.checks);
  if (int allowed = cp.allowed_warnings()) cell += " (" + std::to_string(allowed) + " allowed)";
  return cell;
}

}  // namespace irqlab

namespace irqlab {

std::string patch_label(int number) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", number);
  return buf;
}

}  // namespace irqlab
