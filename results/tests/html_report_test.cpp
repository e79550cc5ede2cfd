// report.html: well formed, self-contained, the tables of the text table,
// one plot per figure, and text escaped wherever it comes from.
#include <gtest/gtest.h>

#include "html_checks.h"
#include "irqlab/results/html_report.h"
#include "irqlab/results/summary.h"
#include "report_fixture.h"
#include "synthetic_comparison.h"
#include "table_cells.h"

namespace irqlab {
namespace {

using test::count;

std::string fixture_html(const std::vector<MetricTrend>& trends = {}) {
  const Report r = test::fixture_report();
  return html_report(r.comparison, summarize(r.comparison), r.timelines, trends);
}

TEST(HtmlReport, IsWellFormedAndSelfContained) {
  const std::string html = fixture_html();
  EXPECT_EQ(test::unbalanced_tags(html), "");
  EXPECT_EQ(test::external_references(html), std::vector<std::string>{});
  EXPECT_TRUE(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">")) << html.substr(0, 80);
}

TEST(HtmlReport, HasTheTablesAndOnePlotPerFigure) {
  const Report r = test::fixture_report();
  const Summary s = summarize(r.comparison);
  const std::string html = html_report(r.comparison, s, r.timelines), table = comparison_table(r.comparison, s);
  // Per arm and provenance; one boot per arm leaves nothing to compare.
  EXPECT_EQ(count(html, "<table"), 2u);
  EXPECT_NE(html.find("<h2 id=\"verdict\">opt 3 vs stock</h2>\n<p>Nothing to compare: "), std::string::npos);
  // IOPS over the load, move latency and drain stall; no night history, so no trend plot.
  EXPECT_EQ(count(html, "<svg"), 3u);
  EXPECT_EQ(count(html, "</svg>"), 3u);
  EXPECT_NE(html.find("No earlier nights to compare with"), std::string::npos);
  // Cells as the text table prints them.
  const std::string cell = test::table_cell(table, "  IOPS steady", 1);
  EXPECT_NE(html.find("<th scope=\"row\">IOPS steady</th><td>"), std::string::npos);
  EXPECT_NE(html.find("<td>" + cell + " <small>n=1</small></td>"), std::string::npos) << cell;
  EXPECT_NE(html.find("<td class=\"na\">n/a [1]</td>"), std::string::npos);
  // Both arms drawn, and the scenario's events under the plot (a move, a CPU cycle).
  EXPECT_EQ(count(html, "<polyline"), 2u);
  EXPECT_NE(html.find("<li>0.5 s: move nvme0q3 -&gt; 2-3</li>"), std::string::npos);
  EXPECT_NE(html.find("<li>1.2 s: offline cpu3</li>"), std::string::npos);
  EXPECT_NE(html.find(">CPU online</text>"), std::string::npos);  // in the legend
}

TEST(HtmlReport, TheVerdictTableMarksAShift) {
  const Comparison c = test::synthetic({{"spread", "spread"}, {"override", "override"}}, 6, 0.01, 0.9, 1.2, 3);
  const std::string html = html_report(c, summarize(c), Timelines{});
  EXPECT_EQ(count(html, "<table"), 3u);
  for (const char* part : {"<h2 id=\"verdict\">opt 3 vs opt 1</h2>\n<table class=\"verdict\">",
                           "<td class=\"mark worse\">worse</td>", "No boot left an IOPS log."})
    EXPECT_NE(html.find(part), std::string::npos) << part;
  EXPECT_EQ(test::unbalanced_tags(html), "");
}

TEST(HtmlReport, NightHistoryAddsATrendPlotPerMetric) {
  const std::vector<MetricTrend> trends{{"iops.steady", "override", {{"06-01", 5900}, {"06-02", 6010}}},
                                        {"clat.p99_ms", "strict", {{"06-02", 1.1}}}};
  const std::string html = fixture_html(trends);
  EXPECT_EQ(count(html, "<svg"), 5u);
  EXPECT_NE(html.find("Trend: IOPS steady (IOPS), per arm"), std::string::npos);
  EXPECT_NE(html.find(">this run</text>"), std::string::npos);
  EXPECT_NE(html.find("No earlier nights for effective p50, hctx drain max."), std::string::npos);
  EXPECT_EQ(test::unbalanced_tags(html), "");
}

TEST(HtmlReport, TextIsEscapedWherePeopleWriteIt) {
  Report r = test::fixture_report();
  r.comparison.info.description = "<script>alert(1)</script> & \"x\"";
  r.comparison.info.topology = "a<b";
  const std::string html = html_report(r.comparison, summarize(r.comparison), r.timelines);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"), std::string::npos);
  EXPECT_NE(html.find("<td>a&lt;b</td>"), std::string::npos);
  EXPECT_EQ(test::unbalanced_tags(html), "");
}

TEST(HtmlReport, TheCheckerFindsWhatItLooksFor) {
  EXPECT_EQ(test::unbalanced_tags("<p><b>x</p>"), "</p> closes <b>");
  EXPECT_EQ(test::unbalanced_tags("<table><tr><td>x</td></tr>"), "<table> never closed");
  EXPECT_EQ(test::unbalanced_tags("<svg><line x1=\"0\"/><br></svg>"), "");
  EXPECT_EQ(test::external_references("<img src=\"https://x\">").size(), 3u);
}

}  // namespace
}  // namespace irqlab
