// night.md and night.html of one night directory.
#include "irqlab/common/files.h"
#include "irqlab/nightly/night_pages.h"
#include "irqlab/results/markdown_report.h"
#include "irqlab/results/svg.h"
#include "page_parts.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

std::string markdown_page(const NightRecord& r, const NightComparison& c) {
  std::string out = "# Night " + markdown_escape(r.id) + ": " + markdown_escape(r.gate) + "\n\n";
  for (const auto& [what, value] : provenance(r)) out += "- " + what + ": " + markdown_escape(value) + "\n";
  out += "\n| scenario | runs | reports |\n|---|---|---|\n";
  for (const RecordedScenario& s : r.scenarios) {
    const std::string runs = std::to_string(s.recorded_runs) + " of " + std::to_string(s.planned_runs);
    const std::string links = s.recorded_runs == 0 ? "none"
                                                   : "[report.md](" + s.name + "/report.md), [report.html](" + s.name +
                                                         "/report.html), [table.txt](" + s.name + "/table.txt)";
    out += "| " + markdown_escape(s.name) + " | " + runs + " | " + links + " |\n";
  }
  if (!r.failed_runs.empty()) {
    out += "\n## Failed runs\n\n";
    for (const std::string& f : r.failed_runs) out += "- " + markdown_escape(f) + "\n";
  }
  out += "\n## Against the baseline\n\n" + night_comparison_markdown(c);
  return out;
}

std::string html_page(const NightRecord& r, const NightComparison& c) {
  std::string body = "<h1>Night " + svg::escape(r.id) + "</h1>\n<p class=\"verdict\">gate: " + svg::escape(r.gate) +
                     "</p>\n<ul>\n";
  for (const auto& [what, value] : provenance(r)) body += "<li>" + svg::escape(what) + ": " + svg::escape(value) + "</li>\n";
  body += "</ul>\n<table>\n<thead><tr><th>scenario</th><th>runs</th><th>reports</th></tr></thead>\n<tbody>\n";
  for (const RecordedScenario& s : r.scenarios) {
    const std::string n = svg::escape(s.name);
    body += "<tr><td>" + n + "</td><td>" + std::to_string(s.recorded_runs) + " of " + std::to_string(s.planned_runs) +
            "</td><td>" +
            (s.recorded_runs == 0 ? std::string("none")
                                  : "<a href=\"" + n + "/report.html\">report.html</a> <a href=\"" + n +
                                        "/report.md\">report.md</a> <a href=\"" + n + "/table.txt\">table.txt</a>") +
            "</td></tr>\n";
  }
  body += "</tbody>\n</table>\n";
  if (!r.failed_runs.empty()) {
    body += "<h2>Failed runs</h2>\n<ul>\n";
    for (const std::string& f : r.failed_runs) body += "<li>" + svg::escape(f) + "</li>\n";
    body += "</ul>\n";
  }
  body += "<h2>Against the baseline</h2>\n<pre>" + svg::escape(night_comparison_text(c)) + "</pre>\n";
  return html_document("irqlab night " + r.id, body);
}

}  // namespace

void write_night_pages(const fs::path& night_dir, const NightRecord& r, const NightComparison& c) {
  fs::create_directories(night_dir);
  write_file_atomic(night_dir / "night.json", night_record_text(r));
  write_file_atomic(night_dir / "compare.txt", night_comparison_text(c));
  write_file_atomic(night_dir / "night.md", markdown_page(r, c));
  write_file_atomic(night_dir / "night.html", html_page(r, c));
}

}  // namespace irqlab
