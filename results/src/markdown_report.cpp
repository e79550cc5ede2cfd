// report.md (markdown_report.h).
#include "irqlab/results/markdown_report.h"

#include "cell_text.h"
#include "irqlab/common/text.h"
#include "report_notes.h"

namespace irqlab {

namespace {

using report_text::Footnotes;

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + c + " |";
  return out + "\n";
}

// The header row and the separator; align: per column, l(eft) or r(ight).
std::string head(const std::vector<std::string>& names, const std::string& align) {
  std::vector<std::string> sep;
  for (std::size_t k = 0; k < names.size(); ++k) sep.push_back(k < align.size() && align[k] == 'r' ? "---:" : "---");
  return row(names) + row(sep);
}

std::string cell(const MetricSpec& spec, const MetricCell& c, Footnotes& notes) {
  if (c.values.empty()) return notes.na(c.absent);
  const std::string interval = report_text::interval_text(spec, c);
  return markdown_escape(report_text::median_text(spec, c) + " (" + report_text::n_text(c) +
                         (interval.empty() ? "" : ", " + interval) + ")");
}

// A row label without the text table's indent.
std::string label(const std::string& text) { return markdown_escape(std::string(trim(text))); }

std::string group_row(const std::string& group, std::size_t columns) {
  std::vector<std::string> cells{"**" + markdown_escape(group) + "**"};
  cells.resize(columns, "");
  return row(cells);
}

std::string arm_table(const Comparison& c, const Summary& s, Footnotes& notes) {
  std::vector<std::string> names{"metric"};
  for (const ArmSummary& a : s.arms) names.push_back(markdown_escape(a.label));
  std::string out = head(names, "l" + std::string(s.arms.size(), 'r'));
  report_text::for_each_metric(
      s, [&](const std::string& group) { out += group_row(group, names.size()); },
      [&](std::size_t i) {
        std::vector<std::string> cells{label(s.metrics[i].label)};
        for (const ArmSummary& a : s.arms) cells.push_back(cell(s.metrics[i], a.cells[i], notes));
        out += row(cells);
      });
  for (const auto& [heading, rows] : report_text::arm_row_groups(c, s, notes)) {
    out += group_row(heading, names.size());
    for (const report_text::ArmRow& r : rows) {
      std::vector<std::string> cells{label(r.label)};
      for (const auto& [first, second] : r.cells)
        cells.push_back(markdown_escape(second.empty() ? first : first + " (" + second + ")"));
      out += row(cells);
    }
  }
  return out;
}

std::string verdict_table(const Summary& s, Footnotes& notes) {
  const ArmComparison& h = s.comparisons.front();
  std::string out = "## " + markdown_escape(h.label) + "\n\n";
  if (const std::string none = report_text::nothing_compared(h); !none.empty())
    return out + markdown_escape(none) + "\n";
  out += head(report_text::verdict_columns(), "lrlr");
  report_text::for_each_metric(
      s, [&](const std::string& group) { out += group_row(group, 4); },
      [&](std::size_t i) {
        const MetricComparison& m = h.metrics[i];
        if (!m.estimate) {
          out += row({label(s.metrics[i].label), notes.na("not compared: " + m.why_not), "", ""});
          return;
        }
        const std::string interval = report_text::shift_interval_text(s.metrics[i], m);
        out += row({label(s.metrics[i].label),
                    markdown_escape(report_text::shift_text(s.metrics[i], m) +
                                    (interval.empty() ? "" : " [" + interval + "]")),
                    markdown_escape(mark_text(m.mark)), m.p_adjusted ? report_text::p_text(*m.p_adjusted) : ""});
      });
  return out;
}

std::string notes_section(const Comparison& c, const Summary& s, const Footnotes& notes) {
  std::string out = "## Notes\n\n";
  for (const std::string& p : report_text::explanations(c, s)) out += markdown_escape(p) + "\n\n";
  for (std::size_t k = 0; k < notes.reasons().size(); ++k)
    out += "\\[" + std::to_string(k + 1) + "\\] " + markdown_escape(notes.reasons()[k]) + "  \n";
  const std::vector<std::string> problems = report_text::problems(c);
  if (!problems.empty()) out += "\n## Problems\n\n";
  for (const std::string& p : problems) out += "- " + markdown_escape(p) + "\n";
  return out;
}

}  // namespace

std::string markdown_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '\n' || ch == '\r') ch = ' ';
    if (std::string_view("|*_`[]<>~#\\").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

std::string markdown_report(const Comparison& c, const Summary& s) {
  Footnotes notes;
  std::string out = "# irqlab: " + markdown_escape(c.info.scenario.empty() ? "comparison" : c.info.scenario) + "\n\n";
  if (!c.info.description.empty()) out += markdown_escape(c.info.description) + "\n\n";
  out += "## Per arm\n\n" + arm_table(c, s, notes) + "\n";
  if (const std::string pooled = report_text::pooled_overhead_text(s); !pooled.empty())
    out += "Tracing overhead, " + markdown_escape(pooled) + "\n\n";
  if (!s.comparisons.empty()) out += verdict_table(s, notes) + "\n";
  out += notes_section(c, s, notes);
  out += "\n## Provenance\n\n" + head({"what", "value"}, "ll");
  for (const report_text::Item& item : report_text::provenance(c))
    out += row({markdown_escape(item.label), markdown_escape(item.value)});
  return out;
}

}  // namespace irqlab
