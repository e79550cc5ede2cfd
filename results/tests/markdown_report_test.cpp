// report.md: valid GitHub tables (every row of a table has the header's
// columns, escaped pipes do not count), the cells of the text table, and
// the headline verdict.
#include <gtest/gtest.h>

#include <regex>

#include "irqlab/common/text.h"
#include "irqlab/results/markdown_report.h"
#include "irqlab/results/summary.h"
#include "report_fixture.h"
#include "synthetic_comparison.h"
#include "table_cells.h"

namespace irqlab {
namespace {

// Cell separators: the pipes no backslash escapes.
std::size_t pipes(const std::string& line) {
  std::size_t n = 0;
  for (std::size_t k = 0; k < line.size(); ++k) {
    if (line[k] == '\\') ++k;
    else if (line[k] == '|') ++n;
  }
  return n;
}

// The tables of a Markdown text: runs of lines that start with '|'.
std::vector<std::vector<std::string>> tables(const std::string& md) {
  std::vector<std::vector<std::string>> out;
  bool in_table = false;
  for (const std::string& line : split(md, '\n')) {
    const bool row = starts_with(line, "|");
    if (row && !in_table) out.emplace_back();
    if (row) out.back().push_back(line);
    in_table = row;
  }
  return out;
}

void expect_valid_tables(const std::string& md, std::size_t expected_tables) {
  const auto ts = tables(md);
  EXPECT_EQ(ts.size(), expected_tables) << md;
  static const std::regex separator(R"(^\|( :?-{3,}:? \|)+$)");
  for (const auto& t : ts) {
    ASSERT_GE(t.size(), 2u) << md;
    EXPECT_TRUE(std::regex_match(t[1], separator)) << t[1];
    for (const std::string& row : t) {
      EXPECT_EQ(pipes(row), pipes(t[0])) << "row: " << row << "\nheader: " << t[0];
      EXPECT_TRUE(row.ends_with(" |")) << row;
    }
  }
}

// The row of a Markdown table whose first cell is `label`, split into cells.
std::vector<std::string> md_row(const std::string& md, const std::string& label) {
  for (const std::string& line : split(md, '\n'))
    if (starts_with(line, "| " + label + " |")) {
      std::vector<std::string> cells;
      for (const std::string& c : split(line.substr(1, line.size() - 2), '|')) cells.emplace_back(trim(c));
      return cells;
    }
  return {};
}

TEST(MarkdownReport, FixtureTablesAreValidAndAgreeWithTheTextTable) {
  const Report r = test::fixture_report();
  const Summary s = summarize(r.comparison);
  const std::string md = markdown_report(r.comparison, s), table = comparison_table(r.comparison, s);
  // The per-arm table and provenance: one boot per arm leaves no verdict to show.
  expect_valid_tables(md, 2);
  EXPECT_NE(md.find("| metric | stock (strict) | opt 3 (override) |\n| --- | ---: | ---: |\n"), std::string::npos)
      << md;
  const auto row = md_row(md, "write returned p50");
  ASSERT_EQ(row.size(), 3u) << md;
  EXPECT_EQ(row[1], test::table_cell(table, "  write returned p50", 0)) << md;  // n/a [1], as in the table
  EXPECT_EQ(row[2], test::table_cell(table, "  write returned p50", 1) + " (n=1)") << md;
  EXPECT_NE(md.find("\\[1\\] every move was refused"), std::string::npos) << md;
  EXPECT_NE(md.find("## opt 3 vs stock\n\nNothing to compare: no value in one arm; fewer than 2 boots in one arm.\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("| moves accepted | 0 of 4 | 4 of 4 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| kernel | 6.12.117-irqlab, series aaaaaaaaaaaa (13 patches) |"), std::string::npos) << md;
  EXPECT_NE(md.find("irq\\_managed=\\<mode\\>"), std::string::npos) << "cmdline escaped: " << md;
}

TEST(MarkdownReport, PipesInTextAreEscapedAndKeepTheColumns) {
  Report r = test::fixture_report();
  r.comparison.info.topology = "nodes 0|1 | two";
  r.comparison.info.description = "a | b";
  const std::string md = markdown_report(r.comparison, summarize(r.comparison));
  expect_valid_tables(md, 2);
  EXPECT_NE(md.find("| topology | nodes 0\\|1 \\| two |"), std::string::npos) << md;
  EXPECT_NE(md.find("\na \\| b\n"), std::string::npos) << md;
  EXPECT_EQ(markdown_escape("x|y*z_[1]<a>~#\\"), "x\\|y\\*z\\_\\[1\\]\\<a\\>\\~\\#\\\\");
}

TEST(MarkdownReport, TheVerdictGivesShiftIntervalMarkAndAdjustedP) {
  const Comparison c = test::synthetic({{"spread", "spread"}, {"override", "override"}}, 6, 0.01, 0.9, 1.2, 3);
  const Summary s = summarize(c);
  const std::string md = markdown_report(c, s);
  expect_valid_tables(md, 3);
  EXPECT_NE(md.find("## opt 3 vs opt 1\n\n| metric | shift [95% interval] | mark | adjusted p |"), std::string::npos)
      << md;
  // The first IOPS steady row is the per-arm table's, the second the verdict's.
  const std::string table = comparison_table(c, s);
  const auto verdict = md_row(md.substr(md.find("## opt 3 vs opt 1")), "IOPS steady");
  ASSERT_EQ(verdict.size(), 4u) << md;
  const std::string shift = test::table_comparison(table, "  IOPS steady", 2);  // "-10.1% worse"
  EXPECT_EQ(verdict[1], shift.substr(0, shift.find(' ')) + " \\[" +
                            test::table_comparison(table, "  IOPS steady", 2, true) + "\\]")
      << md;
  EXPECT_EQ(verdict[2], "worse") << md;
  EXPECT_FALSE(verdict[3].empty()) << md;
  // Six boots: the cell gives n and the interval.
  const auto cells = md_row(md, "IOPS steady");
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[1], test::table_cell(table, "  IOPS steady", 0) + " (n=6, " +
                          test::table_cell(table, "  IOPS steady", 0, true) + ")");
}

}  // namespace
}  // namespace irqlab
