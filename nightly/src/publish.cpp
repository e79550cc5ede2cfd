// publish_night(): the published copy of a night and the index over nights.
#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/nightly/history.h"
#include "irqlab/nightly/night_pages.h"
#include "irqlab/results/markdown_report.h"
#include "irqlab/results/report_files.h"
#include "irqlab/results/svg.h"
#include "page_parts.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// report.html carries its plots inline; a long night's stays far below this.
constexpr std::uint64_t kPublishedFileLimit = 64 * kMiB;

void copy_file_to(const fs::path& from, const fs::path& to) {
  fs::create_directories(to.parent_path());
  write_file_atomic(to, read_input_file(from, "report file", kPublishedFileLimit));
}

std::vector<NightRecord> published_nights(const fs::path& publish_dir) {
  std::vector<NightRecord> out;
  const History reader(publish_dir);
  for (const fs::directory_entry& e : fs::directory_iterator(publish_dir)) {
    if (!e.is_directory() || !fs::exists(e.path() / "night.json")) continue;
    if (out.size() == kMaxHistoryNights)
      throw Error(publish_dir.string() + ": more than " + std::to_string(kMaxHistoryNights) + " published nights");
    out.push_back(reader.find((e.path() / "night.json").string()));
  }
  std::sort(out.begin(), out.end(), [](const NightRecord& a, const NightRecord& b) {
    return std::tie(a.started, a.id) > std::tie(b.started, b.id);
  });
  return out;
}

std::string index_markdown(const std::vector<NightRecord>& nights) {
  std::string out = "# irqlab nights\n\nNewest first. Each night compares the kernel modes of its scenarios and "
                    "gates against the last good night of the same night file and machine.\n\n"
                    "| night | started | machine | kernel | series | gate | page |\n|---|---|---|---|---|---|---|\n";
  for (const NightRecord& r : nights)
    out += "| " + markdown_escape(r.night) + " | " + markdown_escape(r.started) + " | " + markdown_escape(r.machine) +
           " | " + markdown_escape(r.kernel_release) + " | " + markdown_escape(r.series_hash.substr(0, 12)) + " | " +
           markdown_escape(r.gate) + " | [" + markdown_escape(r.id) + "](" + r.id + "/night.md) |\n";
  return out;
}

std::string index_html(const std::vector<NightRecord>& nights) {
  std::string body = "<h1>irqlab nights</h1>\n<p>Newest first.</p>\n<table>\n<thead><tr><th>night</th><th>started</th>"
                     "<th>machine</th><th>kernel</th><th>series</th><th>gate</th><th>page</th></tr></thead>\n<tbody>\n";
  for (const NightRecord& r : nights)
    body += "<tr><td>" + svg::escape(r.night) + "</td><td>" + svg::escape(r.started) + "</td><td>" +
            svg::escape(r.machine) + "</td><td>" + svg::escape(r.kernel_release) + "</td><td>" +
            svg::escape(r.series_hash.substr(0, 12)) + "</td><td>" + svg::escape(r.gate) + "</td><td><a href=\"" +
            svg::escape(r.id) + "/night.html\">" + svg::escape(r.id) + "</a></td></tr>\n";
  return html_document("irqlab nights", body + "</tbody>\n</table>\n");
}

}  // namespace

void publish_night(const fs::path& night_dir, const NightRecord& r, const fs::path& publish_dir) {
  const fs::path to = publish_dir / r.id;
  for (const char* name : {"night.json", "compare.txt", "night.md", "night.html"})
    copy_file_to(night_dir / name, to / name);
  // The reproducer bundle (reproducer.h), where the night has one.
  for (const char* name : {"reproduce.sh", "versions.txt", "night.txt", "kernel.config"})
    if (fs::exists(night_dir / name)) copy_file_to(night_dir / name, to / name);
  for (const fs::directory_entry& e : fs::directory_iterator(night_dir))
    if (e.is_regular_file() && starts_with(e.path().filename().string(), "scenario-"))
      copy_file_to(e.path(), to / e.path().filename());
  for (const RecordedScenario& s : r.scenarios) {
    if (s.recorded_runs == 0) continue;
    const ReportFiles files = report_files_in(night_dir / s.name);
    for (const fs::path& f : {files.json, files.table, files.markdown, files.html})
      copy_file_to(f, to / s.name / f.filename());
  }
  const std::vector<NightRecord> nights = published_nights(publish_dir);
  write_file_atomic(publish_dir / "index.md", index_markdown(nights));
  write_file_atomic(publish_dir / "index.html", index_html(nights));
}

}  // namespace irqlab
