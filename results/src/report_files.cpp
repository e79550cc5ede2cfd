// write_report_files(): every renderer of one summary, to its file.
#include "irqlab/results/report_files.h"

#include "irqlab/common/files.h"
#include "irqlab/results/html_report.h"
#include "irqlab/results/markdown_report.h"
#include "irqlab/results/summary.h"

namespace irqlab {

ReportFiles report_files_in(const std::filesystem::path& dir) {
  return {dir / "results.json", dir / "table.txt", dir / "report.md", dir / "report.html"};
}

std::string write_report_files(const Report& r, const ReportFiles& files) {
  return write_report_files(r, summarize(r.comparison), files, {});
}

std::string write_report_files(const Report& r, const Summary& s, const ReportFiles& files,
                               const std::vector<MetricTrend>& trends) {
  const Comparison& c = r.comparison;
  const std::string table = comparison_table(c, s);
  if (!files.json.empty()) write_file_atomic(files.json, comparison_json(c, s).dump(2) + "\n");
  if (!files.table.empty()) write_file_atomic(files.table, table);
  if (!files.markdown.empty()) write_file_atomic(files.markdown, markdown_report(c, s));
  if (!files.html.empty()) write_file_atomic(files.html, html_report(c, s, r.timelines, trends));
  return table;
}

}  // namespace irqlab
