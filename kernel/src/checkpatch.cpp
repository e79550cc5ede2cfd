#include "irqlab/kernel/checkpatch.h"

#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

bool is_type_name(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// "ERROR:CODE_INDENT: code indent should use tabs" -> level, type.
std::optional<CheckpatchIssue> parse_issue(std::string_view line) {
  for (std::string_view level : {"ERROR", "WARNING", "CHECK"}) {
    if (!starts_with(line, level) || line.size() <= level.size() || line[level.size()] != ':') continue;
    std::string_view rest = line.substr(level.size() + 1);
    auto colon = rest.find(':');
    std::string type = colon == std::string_view::npos ? "" : std::string(rest.substr(0, colon));
    if (!is_type_name(type)) type.clear();  // without --show-types: "WARNING: message"
    return CheckpatchIssue{std::string(level), type, std::string(line), false};
  }
  return std::nullopt;
}

}  // namespace

std::optional<CheckpatchTotals> parse_checkpatch_total(std::string_view line) {
  line = trim(line);
  if (!starts_with(line, "total: ")) return std::nullopt;
  CheckpatchTotals totals;
  int found = 0;  // errors, warnings and "lines checked" must all be there
  for (const std::string& part : split(line.substr(7), ',')) {
    auto words = split_whitespace(part);
    auto n = words.empty() ? std::nullopt : parse_int(words[0]);
    if (!n || *n < 0 || *n > 1000000) return std::nullopt;
    const std::string what = words.size() == 2 ? words[1] : words.size() == 3 ? words[1] + " " + words[2] : "";
    if (what == "errors") totals.errors = static_cast<int>(*n), found |= 1;
    else if (what == "warnings") totals.warnings = static_cast<int>(*n), found |= 2;
    else if (what == "checks") totals.checks = static_cast<int>(*n);
    else if (what == "lines checked") found |= 4;
    else return std::nullopt;
  }
  if (found != 7) return std::nullopt;
  return totals;
}

CheckpatchReport parse_checkpatch_output(std::string_view output) {
  CheckpatchReport report;
  TextLines lines(output);
  std::string_view line;
  while (lines.next(line)) {
    if (auto totals = parse_checkpatch_total(line)) {
      report.ran = true;
      report.errors = totals->errors;
      report.warnings = totals->warnings;
      report.checks = totals->checks;
    } else if (auto issue = parse_issue(line)) {
      report.issues.push_back(std::move(*issue));
    }
  }
  if (!report.ran) {
    const std::string last = tail_lines(trim(output), 1);
    report.problem = last.empty() ? "no output" : std::string(trim(last));
  }
  return report;
}

std::vector<CheckpatchAllow> parse_checkpatch_allows(std::string_view series_text,
                                                     const std::vector<fs::path>& patches,
                                                     const std::string& source) {
  constexpr std::string_view kKey = "checkpatch-allow:";
  std::vector<CheckpatchAllow> allows;
  TextLines lines(series_text);
  std::string_view line;
  while (lines.next(line)) {
    line = trim(line);
    if (!starts_with(line, "#")) continue;
    std::string_view body = trim(line.substr(1));
    if (!starts_with(body, kKey)) continue;
    const std::string where = source + ":" + std::to_string(lines.number()) + ": ";
    auto words = split_whitespace(body.substr(kKey.size()));
    if (words.size() < 3 || !is_type_name(words[1]))
      throw Error(where + "expected '# checkpatch-allow: PATCH TYPE REASON'");
    std::vector<std::string> named;
    for (const fs::path& p : patches)
      if (starts_with(p.filename().string(), words[0])) named.push_back(p.filename().string());
    if (named.size() != 1)
      throw Error(where + "checkpatch-allow: '" + words[0] + "' names " +
                  (named.empty() ? "no patch of the series" : std::to_string(named.size()) + " patches"));
    std::string reason = words[2];
    for (std::size_t i = 3; i < words.size(); ++i) reason += " " + words[i];
    allows.push_back({named.front(), words[1], reason, static_cast<int>(lines.number())});
  }
  return allows;
}

void mark_allowed(CheckpatchReport& report, const std::vector<CheckpatchAllow>& allows, const std::string& patch) {
  for (CheckpatchIssue& issue : report.issues) {
    if (issue.level != "WARNING") continue;
    for (const CheckpatchAllow& allow : allows)
      if (allow.patch == patch && allow.type == issue.type) issue.allowed = true;
  }
}

}  // namespace irqlab
