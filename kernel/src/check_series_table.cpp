// The check-series table people read: one row per patch, at most 100
// columns, the first error of each failure under it, one summary line.
#include <algorithm>

#include "irqlab/kernel/check_series_report.h"

namespace irqlab {
namespace {

constexpr std::size_t kWidth = 100;
constexpr std::size_t kNumberWidth = 6;       // "0001  "
constexpr std::size_t kBuildWidth = 16;       // "FAIL(12 errors) "
constexpr const char* kCheckpatchHeader = "checkpatch E/W/C";
constexpr std::size_t kCheckpatchWidth = 20;  // "0/12/34 (12 allowed)"

std::string fit(const std::string& text, std::size_t width) {
  if (text.size() <= width) return text + std::string(width - text.size(), ' ');
  return text.substr(0, width - 3) + "...";
}

struct Columns {
  std::vector<std::size_t> builds;
  std::size_t subject = 0;
};

Columns columns(const CheckSeriesReport& report) {
  Columns c;
  std::size_t used = kNumberWidth + kCheckpatchWidth;
  for (const std::string& name : report.configs) {
    c.builds.push_back(std::max(kBuildWidth, name.size() + 1));
    used += c.builds.back();
  }
  c.subject = used + 1 + 20 <= kWidth ? kWidth - used - 1 : 20;  // and a space after it
  return c;
}

std::string row(const std::string& num, const std::string& subject, const std::vector<std::string>& builds,
                const std::string& checkpatch, const Columns& c) {
  std::string line = fit(num, kNumberWidth) + fit(subject, c.subject) + " ";
  for (std::size_t i = 0; i < builds.size(); ++i) line += fit(builds[i], c.builds[i]);
  line += checkpatch;
  return line.substr(0, line.find_last_not_of(' ') + 1);
}

std::string checkpatch_failure(const CheckpatchReport& cp) {
  if (!cp.ran) return "did not run: " + cp.problem;
  for (const CheckpatchIssue& issue : cp.issues)
    if (issue.level == "ERROR" || (issue.level == "WARNING" && !issue.allowed)) return issue.message;
  return std::to_string(cp.errors) + " errors, " + std::to_string(cp.warnings) + " warnings (see " +
         cp.log.string() + ")";
}

std::vector<std::string> failures(const CheckSeriesReport& report) {
  std::vector<std::string> lines;
  for (const PatchCheck& p : report.patches) {
    const std::string num = "  " + patch_label(p.number) + " ";
    if (!p.apply_error.empty()) lines.push_back(num + "does not apply: " + p.apply_error);
    for (std::size_t i = 0; i < p.builds.size(); ++i) {
      const PrefixBuild& b = p.builds[i];
      if (b.state == PrefixBuild::State::failed || b.state == PrefixBuild::State::config_failed)
        lines.push_back(num + report.configs[i] + ": " + b.first_error);
    }
    const CheckpatchReport& cp = p.checkpatch;
    if (!cp.ran || cp.errors > 0 || cp.warnings > cp.allowed_warnings())
      lines.push_back(num + "checkpatch: " + checkpatch_failure(cp));
  }
  return lines;
}

std::string summary(const CheckSeriesReport& report) {
  std::string s = std::string(check_series_passed(report) ? "ok" : "FAIL") + ": " +
                  std::to_string(report.patches.size()) + " patches;";
  for (std::size_t i = 0; i < report.configs.size(); ++i) {
    std::size_t built = 0;
    for (const PatchCheck& p : report.patches) built += p.builds[i].state == PrefixBuild::State::ok;
    s += " " + report.configs[i] + " " + std::to_string(built) + "/" + std::to_string(report.patches.size()) +
         " built,";
  }
  int errors = 0, warnings = 0, allowed = 0, checks = 0;
  for (const PatchCheck& p : report.patches) {
    errors += p.checkpatch.errors;
    warnings += p.checkpatch.warnings;
    allowed += p.checkpatch.allowed_warnings();
    checks += p.checkpatch.checks;
  }
  s += " checkpatch " + std::to_string(errors) + " errors, " + std::to_string(warnings) + " warnings";
  if (allowed) s += " (" + std::to_string(allowed) + " allowed)";
  return s + ", " + std::to_string(checks) + " checks; " + std::to_string(static_cast<long>(report.seconds)) + " s";
}

}  // namespace

std::string render_check_series(const CheckSeriesReport& report) {
  const Columns c = columns(report);
  std::string out = row("patch", "subject", report.configs, kCheckpatchHeader, c) + "\n";
  for (const PatchCheck& p : report.patches) {
    std::vector<std::string> cells;
    for (const PrefixBuild& b : p.builds) cells.push_back(prefix_build_cell(b));
    const std::string& subject = p.subject.empty() ? p.name : p.subject;
    out += row(patch_label(p.number), subject, cells, checkpatch_cell(p.checkpatch), c) + "\n";
  }
  const std::vector<std::string> lines = failures(report);
  if (!lines.empty()) {
    out += "\nfailures (logs in " + report.log_dir.string() + "):\n";
    for (const std::string& line : lines) out += line + "\n";
  }
  return out + "\n" + summary(report) + "\n";
}

}  // namespace irqlab
