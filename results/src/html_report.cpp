// report.html (html_report.h): the page around its tables and figures.
#include "irqlab/results/html_report.h"

#include "html_parts.h"
#include "irqlab/results/svg.h"
#include "report_notes.h"

namespace irqlab {

namespace {

using svg::escape;

// System fonts only: nothing to fetch.
constexpr const char* kStyle = R"(body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#222;
padding:0 16px}nav{font-size:14px}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0;font-size:14px}
th,td{border:1px solid #ddd;padding:3px 8px;vertical-align:top}
td{text-align:right;font-variant-numeric:tabular-nums}
thead th{background:#f3f3f3}tr.group th{background:#fafafa;text-align:left;font-style:italic}
th[scope=row]{text-align:left;font-weight:normal;white-space:nowrap}
td small{color:#666}td.na{color:#888}td.mark{text-align:left}
td.better{color:#1a7f37;font-weight:bold}td.worse{color:#c0392b;font-weight:bold}
figure{margin:16px 0}svg{max-width:100%;height:auto;font-family:system-ui,sans-serif}
figcaption,ol.events{font-size:13px;color:#444}ol.events{columns:2}
table.provenance td{text-align:left}
)";

std::string paragraphs(const std::vector<std::string>& texts) {
  std::string out;
  for (const std::string& t : texts) out += "<p>" + escape(t) + "</p>\n";
  return out;
}

std::string list(const char* tag, const std::vector<std::string>& items) {
  if (items.empty()) return "";
  std::string out = std::string("<") + tag + ">\n";
  for (const std::string& i : items) out += "<li>" + escape(i) + "</li>\n";
  return out + "</" + tag + ">\n";
}

// A section heading that the page's contents line links to.
std::string heading(const char* id, const std::string& text) {
  return std::string("<h2 id=\"") + id + "\">" + escape(text) + "</h2>\n";
}

std::string link(const char* id, const std::string& text) {
  return std::string("<a href=\"#") + id + "\">" + escape(text) + "</a>";
}

std::string provenance_table(const Comparison& c) {
  std::string out = "<table class=\"provenance\">\n<tbody>\n";
  for (const report_text::Item& item : report_text::provenance(c))
    out += "<tr><th scope=\"row\">" + escape(item.label) + "</th><td>" + escape(item.value) + "</td></tr>\n";
  return out + "</tbody>\n</table>\n";
}

}  // namespace

const std::vector<std::string>& trend_metrics() {
  static const std::vector<std::string> keys{"iops.steady", "move.effective.p50_ms", "drain.hctx.max_ms",
                                             "clat.p99_ms"};
  return keys;
}

std::string html_report(const Comparison& c, const Summary& s, const Timelines& t,
                        const std::vector<MetricTrend>& trends) {
  report_text::Footnotes notes;
  const std::string title = "irqlab: " + (c.info.scenario.empty() ? std::string("comparison") : c.info.scenario);
  const std::string verdict = s.comparisons.empty() ? "" : s.comparisons.front().label;
  std::string body = "<h1>" + escape(title) + "</h1>\n";
  if (!c.info.description.empty()) body += "<p>" + escape(c.info.description) + "</p>\n";
  body += "<nav>" + link("per-arm", "Per arm") + (verdict.empty() ? "" : " · " + link("verdict", verdict)) + " · " +
          link("over-the-load", "Over the load") + " · " + link("per-boot", "Per boot") + " · " +
          link("nights", "Over earlier nights") + " · " + link("notes", "Notes") + " · " +
          link("provenance", "Provenance") + "</nav>\n";
  body += heading("per-arm", "Per arm") + html::arm_table(c, s, notes);
  if (const std::string pooled = report_text::pooled_overhead_text(s); !pooled.empty())
    body += "<p>Tracing overhead, " + escape(pooled) + "</p>\n";
  if (!s.comparisons.empty()) body += html::verdict_table(s, notes);
  body += heading("over-the-load", "Over the load") + html::iops_figure(s, t);
  body += heading("per-boot", "Per boot") + html::strip_figures(s, notes);
  body += heading("nights", "Over earlier nights") + html::trend_figures(s, trends);
  body += heading("notes", "Notes") + paragraphs(report_text::explanations(c, s));
  if (!notes.reasons().empty()) body += "<p>n/a [k]: reason k of this list.</p>\n" + list("ol", notes.reasons());
  if (const auto problems = report_text::problems(c); !problems.empty())
    body += heading("problems", "Problems") + list("ul", problems);
  body += heading("provenance", "Provenance") + provenance_table(c);
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title) +
         "</title>\n<style>\n" + kStyle + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}

}  // namespace irqlab
