// The tables of report.html (html_parts.h).
#include "html_parts.h"
#include "irqlab/common/text.h"
#include "irqlab/results/svg.h"

namespace irqlab::html {

namespace {

using report_text::Footnotes;
using svg::escape;

std::string label_cell(const std::string& label) {
  return "<th scope=\"row\">" + escape(std::string(trim(label))) + "</th>";
}

std::string group_row(const std::string& group, std::size_t columns) {
  return "<tr class=\"group\"><th colspan=\"" + std::to_string(columns) + "\">" + escape(group) + "</th></tr>\n";
}

// The value, and after it, smaller, what qualifies it.
std::string value_cell(const std::string& value, const std::string& note) {
  std::string out = "<td>" + escape(value);
  if (!note.empty()) out += " <small>" + escape(note) + "</small>";
  return out + "</td>";
}

std::string metric_cell(const MetricSpec& spec, const MetricCell& c, Footnotes& notes) {
  if (c.values.empty()) return "<td class=\"na\">" + escape(notes.na(c.absent)) + "</td>";
  const std::string interval = report_text::interval_text(spec, c);
  return value_cell(report_text::median_text(spec, c),
                    report_text::n_text(c) + (interval.empty() ? "" : ", " + interval));
}

std::string head_row(const std::vector<std::string>& names) {
  std::string out = "<thead><tr>";
  for (const std::string& n : names) out += "<th scope=\"col\">" + escape(n) + "</th>";
  return out + "</tr></thead>\n";
}

// Shift [interval], mark (coloured where it says better or worse), adjusted p.
std::string verdict_cells(const MetricSpec& spec, const MetricComparison& m, Footnotes& notes) {
  if (!m.estimate) return "<td class=\"na\">" + escape(notes.na("not compared: " + m.why_not)) + "</td><td></td><td></td>";
  const std::string interval = report_text::shift_interval_text(spec, m);
  const char* colour = m.mark == Mark::Better ? " better" : m.mark == Mark::Worse ? " worse" : "";
  return value_cell(report_text::shift_text(spec, m), interval.empty() ? "" : "[" + interval + "]") +
         "<td class=\"mark" + colour + "\">" + escape(mark_text(m.mark)) + "</td>" +
         value_cell(m.p_adjusted ? report_text::p_text(*m.p_adjusted) : "", "");
}

}  // namespace

std::string arm_table(const Comparison& c, const Summary& s, Footnotes& notes) {
  std::vector<std::string> names{"metric"};
  for (const ArmSummary& a : s.arms) names.push_back(a.label);
  std::string out = "<table class=\"arms\">\n" + head_row(names) + "<tbody>\n";
  report_text::for_each_metric(
      s, [&](const std::string& group) { out += group_row(group, names.size()); },
      [&](std::size_t i) {
        out += "<tr>" + label_cell(s.metrics[i].label);
        for (const ArmSummary& a : s.arms) out += metric_cell(s.metrics[i], a.cells[i], notes);
        out += "</tr>\n";
      });
  for (const auto& [heading, rows] : report_text::arm_row_groups(c, s, notes)) {
    out += group_row(heading, names.size());
    for (const report_text::ArmRow& r : rows) {
      out += "<tr>" + label_cell(r.label);
      for (const auto& [first, second] : r.cells) out += value_cell(first, second);
      out += "</tr>\n";
    }
  }
  out += "</tbody>\n</table>\n";
  return out;
}

std::string verdict_table(const Summary& s, Footnotes& notes) {
  const ArmComparison& h = s.comparisons.front();
  std::string out = "<h2 id=\"verdict\">" + escape(h.label) + "</h2>\n";
  if (const std::string none = report_text::nothing_compared(h); !none.empty())
    return out + "<p>" + escape(none) + "</p>\n";
  out += "<table class=\"verdict\">\n" + head_row(report_text::verdict_columns()) + "<tbody>\n";
  report_text::for_each_metric(
      s, [&](const std::string& group) { out += group_row(group, 4); },
      [&](std::size_t i) {
        out += "<tr>" + label_cell(s.metrics[i].label) + verdict_cells(s.metrics[i], h.metrics[i], notes) + "</tr>\n";
      });
  return out + "</tbody>\n</table>\n";
}

}  // namespace irqlab::html
