// The fixed-width comparison: two lines per metric (the median over boots,
// then its interval or n), one column per arm and one for the headline
// comparison. Everything it shows comes from summarize(); the words of its
// cells and notes are those of report.md and report.html (cell_text.h,
// report_notes.h).
#include <algorithm>

#include "cell_text.h"
#include "irqlab/common/text.h"
#include "irqlab/results/comparison.h"
#include "irqlab/results/summary.h"
#include "report_notes.h"

namespace irqlab {

namespace {

using report_text::ArmRow;
using report_text::Footnotes;

constexpr std::size_t kLabelWidth = 22;
constexpr std::size_t kArmWidth = 13;
constexpr std::size_t kLineWidth = 78;  // quoted in a mail reply, it still fits 80

// Words of text in lines of at most kLineWidth columns, continuation lines
// indented; the text's own leading blanks are kept.
std::string wrap(const std::string& text, std::size_t indent) {
  const std::size_t lead = text.find_first_not_of(' ');
  std::string out, line = lead == std::string::npos ? "" : text.substr(0, lead);
  for (const std::string& word : split_whitespace(text)) {
    if (!trim(line).empty() && line.size() + 1 + word.size() > kLineWidth) {
      out += line + "\n";
      line = std::string(indent, ' ') + word;
    } else {
      line += (trim(line).empty() ? "" : " ") + word;
    }
  }
  return out + line + "\n";
}

// Never cuts: a value that does not fit widens its line rather than lose digits.
std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.resize(w, ' ');
  else s += ' ';
  return s;
}

class TableWriter {
 public:
  explicit TableWriter(const Summary& s) : s_(s) {}

  void metric_rows(std::size_t i) {
    const MetricSpec& spec = s_.metrics[i];
    for (bool second : {false, true}) {
      std::string line = pad(second ? "" : spec.label, kLabelWidth);
      for (const ArmSummary& a : s_.arms) line += pad(cell_line(spec, a.cells[i], second), kArmWidth);
      if (!s_.comparisons.empty()) line += comparison_line(spec, s_.comparisons.front().metrics[i], second);
      if (!second || !trim(line).empty()) emit(line);
    }
  }

  void arm_rows(const std::vector<ArmRow>& rows) {
    for (const ArmRow& row : rows)
      for (bool second : {false, true}) {
        std::string line = pad(second ? "" : row.label, kLabelWidth);
        for (const auto& [first_line, second_line] : row.cells) line += pad(second ? second_line : first_line, kArmWidth);
        if (!second || !trim(line).empty()) emit(line);
      }
  }

  void emit(std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out_ += line + "\n";
  }

  std::string& out() { return out_; }
  Footnotes& notes() { return notes_; }

 private:
  std::string cell_line(const MetricSpec& spec, const MetricCell& c, bool second) {
    if (c.values.empty()) return second ? "" : notes_.na(c.absent);
    return second ? report_text::spread_text(spec, c) : report_text::median_text(spec, c);
  }

  static std::string comparison_line(const MetricSpec& spec, const MetricComparison& c, bool second) {
    if (!c.estimate) return "";
    if (second) return report_text::shift_interval_text(spec, c);
    return report_text::shift_text(spec, c) + " " + mark_text(c.mark);
  }

  const Summary& s_;
  std::string out_;
  Footnotes notes_;
};

std::string header(const Comparison& c) {
  std::string out;
  for (const report_text::Item& item : report_text::provenance(c)) {
    if (item.label == "scenario") {
      out += "irqlab: scenario " + item.value + "\n";
      if (!c.info.description.empty()) out += wrap("  " + c.info.description, 4);
    } else if (item.label != "run directory") {
      out += wrap(item.label + ": " + item.value, 4);
    }
  }
  return out;
}

void column_heads(TableWriter& t, const Summary& s) {
  for (bool second : {false, true}) {  // "opt 3" over "(override)"
    std::string line = pad("", kLabelWidth);
    for (const ArmSummary& a : s.arms) {
      const std::size_t paren = a.label.find(" (");
      line += pad(second ? a.label.substr(paren + 1) : a.label.substr(0, paren), kArmWidth);
    }
    if (!s.comparisons.empty()) line += second ? "(shift, mark)" : s.comparisons.front().label;
    t.emit(line);
  }
}

void overhead_rows(TableWriter& t, const Comparison& c, const Summary& s) {
  const std::vector<ArmRow> rows = report_text::overhead_rows(s, t.notes());
  if (rows.empty()) return;
  t.out() += report_text::overhead_heading(c.info) + "\n";
  t.arm_rows(rows);
  if (const std::string pooled = report_text::pooled_overhead_text(s); !pooled.empty())
    t.out() += wrap("  " + pooled, 4);
}

void problem_lines(std::string& out, const Comparison& c) {
  const std::vector<std::string> problems = report_text::problems(c);
  if (problems.empty()) return;
  out += "\nproblems:\n";
  for (std::size_t k = 0; k < problems.size() && k < 10; ++k) out += wrap("  " + problems[k], 4);
  if (problems.size() > 10) out += "  ... " + std::to_string(problems.size() - 10) + " more in results.json\n";
}

}  // namespace

std::string range_text(const OverheadSummary& o) {
  return format_number(o.ci95->first) + ".." + format_number(o.ci95->second);
}

// The design thread's names for the modes; a mode it did not name is its text.
std::string mode_label(ManagedMode mode) {
  if (mode == ManagedMode::Strict) return std::string(kStockKernel) + " (" + to_text(mode) + ")";
  if (mode == ManagedMode::Spread) return "opt 1 (" + to_text(mode) + ")";
  if (mode == ManagedMode::Override) return "opt 3 (" + to_text(mode) + ")";
  return to_text(mode);
}

std::string arm_label(const std::string& arm, ManagedMode mode) {
  const std::string text = to_text(mode);
  if (arm == text || arm.rfind(text + "-", 0) != 0) return mode_label(mode);
  return mode_label(mode) + " " + arm.substr(text.size() + 1);
}

std::string comparison_table(const Comparison& c) { return comparison_table(c, summarize(c)); }

std::string comparison_table(const Comparison& c, const Summary& s) {
  TableWriter t(s);
  t.out() += header(c) + "\n";
  column_heads(t, s);
  std::string group;
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    if (s.metrics[i].group != group) t.out() += (group = s.metrics[i].group) + "\n";
    t.metric_rows(i);
  }
  overhead_rows(t, c, s);
  t.out() += "correctness (summed over boots)\n";
  t.arm_rows(report_text::correctness_rows(s, t.notes()));
  std::string& out = t.out();
  out += "\n";
  for (const std::string& paragraph : report_text::explanations(c, s)) out += wrap(paragraph, 4);
  for (std::size_t k = 0; k < t.notes().reasons().size(); ++k)
    out += wrap("[" + std::to_string(k + 1) + "] " + t.notes().reasons()[k], 4);
  problem_lines(out, c);
  if (!c.info.run_dir.empty()) out += "\nrun directory: " + c.info.run_dir + "\n";
  return out;
}

}  // namespace irqlab
