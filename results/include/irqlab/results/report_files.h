#pragma once
// The files of a report, rendered from one summary and each written
// atomically: results.json, table.txt, report.md and report.html.
#include <filesystem>
#include <string>

#include "irqlab/results/html_report.h"
#include "irqlab/results/report.h"
#include "irqlab/results/summary.h"

namespace irqlab {

struct ReportFiles {  // an empty path: that file is not written
  std::filesystem::path json, table, markdown, html;
};

// The four names in a run directory.
ReportFiles report_files_in(const std::filesystem::path& dir);

// Summarizes once, writes each file asked for (write_file_atomic) and
// returns the table's text. Throws Error naming a file it cannot write.
std::string write_report_files(const Report& r, const ReportFiles& files);
// The same from a summary already made, with the trends over earlier nights
// that report.html draws (html_report.h).
std::string write_report_files(const Report& r, const Summary& s, const ReportFiles& files,
                               const std::vector<MetricTrend>& trends);

}  // namespace irqlab
