// The SVG writer and the plots: escaped text, every point inside the
// viewBox, a constant series flat, a gap left open, a dot per boot.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "html_checks.h"
#include "irqlab/common/text.h"
#include "irqlab/results/plot.h"
#include "irqlab/results/svg.h"

namespace irqlab {
namespace {

using Points = std::vector<std::pair<double, double>>;

// The points of every <polyline>, one list each.
std::vector<Points> polylines(const std::string& svg) {
  std::vector<Points> out;
  static const std::regex polyline("<polyline points=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), polyline); it != std::sregex_iterator(); ++it) {
    out.emplace_back();
    for (const std::string& xy : split_whitespace((*it)[1].str())) {
      const auto comma = xy.find(',');
      out.back().emplace_back(std::stod(xy.substr(0, comma)), std::stod(xy.substr(comma + 1)));
    }
  }
  return out;
}

std::pair<double, double> view_box(const std::string& svg) {
  std::smatch m;
  static const std::regex box("viewBox=\"0 0 ([0-9.]+) ([0-9.]+)\"");
  if (!std::regex_search(svg, m, box)) return {0, 0};
  return {std::stod(m[1]), std::stod(m[2])};
}

void expect_inside(const std::string& svg) {
  const auto [w, h] = view_box(svg);
  ASSERT_GT(w, 0);
  for (const Points& line : polylines(svg))
    for (const auto& [x, y] : line) {
      EXPECT_GE(x, 0);
      EXPECT_LE(x, w);
      EXPECT_GE(y, 0);
      EXPECT_LE(y, h);
    }
}

plot::LinePlot series(const std::vector<double>& ys) {
  plot::LinePlot p;
  p.title = "IOPS";
  plot::Line line{"arm", "#000", {}, 2, 1};
  for (std::size_t k = 0; k < ys.size(); ++k) line.points.push_back({0.1 * static_cast<double>(k), ys[k]});
  p.lines.push_back(line);
  return p;
}

TEST(Svg, EscapesText) {
  EXPECT_EQ(svg::escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  svg::Document d(100, 50, "a < b & \"c\"");
  d.text(1, 2, "<&\"");
  const std::string s = d.str();
  EXPECT_NE(s.find("<title>a &lt; b &amp; &quot;c&quot;</title>"), std::string::npos) << s;
  EXPECT_NE(s.find(">&lt;&amp;&quot;</text>"), std::string::npos) << s;
  EXPECT_TRUE(s.starts_with("<svg viewBox=\"0 0 100 50\"")) << s;
  EXPECT_EQ(test::unbalanced_tags(s), "");
}

TEST(Svg, CoordinatesAndTicksAreRound) {
  EXPECT_EQ(svg::coordinate(12.349), "12.3");
  EXPECT_EQ(svg::coordinate(-0.01), "0");
  EXPECT_EQ(svg::coordinate(7), "7");
  EXPECT_EQ(svg::nice_ticks(0, 1530), (std::vector<double>{0, 500, 1000, 1500, 2000}));
  EXPECT_EQ(svg::nice_ticks(0, 3, 8), (std::vector<double>{0, 0.5, 1, 1.5, 2, 2.5, 3}));
  const std::vector<double> around = svg::nice_ticks(4, 4);  // a unit range around a single value
  EXPECT_LE(around.front(), 3.5);
  EXPECT_GE(around.back(), 4.5);
}

TEST(LinePlot, EveryPointIsInsideTheViewBox) {
  plot::LinePlot p = series({100, 5000, 2500, -40, 1e6, 0});
  p.markers.push_back({0.25, "1", "#f00"});
  p.markers.push_back({99, "2", "#f00"});  // beyond the data: drawn at the edge
  const std::string s = plot::line_plot(p);
  expect_inside(s);
  EXPECT_EQ(test::count(s, "<svg"), 1u);
  EXPECT_EQ(test::unbalanced_tags(s), "");
}

TEST(LinePlot, AConstantSeriesIsFlat) {
  for (double v : {0.0, 1500.0}) {
    const auto lines = polylines(plot::line_plot(series(std::vector<double>(20, v))));
    ASSERT_EQ(lines.size(), 1u);
    ASSERT_EQ(lines[0].size(), 20u);
    for (const auto& [x, y] : lines[0]) EXPECT_EQ(y, lines[0][0].second) << v;
    EXPECT_LT(lines[0].front().first, lines[0].back().first);
  }
}

TEST(LinePlot, AGapBreaksTheLine) {
  const auto lines = polylines(plot::line_plot(series({10, 12, std::nan(""), 11, 13, 12})));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].size(), 2u);
  EXPECT_EQ(lines[1].size(), 3u);
  // Nothing drawn across the gap: the second piece starts two steps on.
  const double step = lines[0][1].first - lines[0][0].first;
  EXPECT_NEAR(lines[1].front().first - lines[0].back().first, 2 * step, 0.2);
}

TEST(LinePlot, NamedNightsGetATickEach) {
  plot::LinePlot p = series({1, 2, 3});
  p.x_names = {"06-01", "06-02", "this run"};
  for (plot::Point& pt : p.lines[0].points) pt.x *= 10;  // indices 0, 1, 2
  const std::string s = plot::line_plot(p);
  for (const char* name : {">06-01</text>", ">06-02</text>", ">this run</text>"})
    EXPECT_NE(s.find(name), std::string::npos) << name;
  expect_inside(s);
}

TEST(StripPlot, ADotPerBootAndABarAtTheMedian) {
  plot::StripPlot p{"move latency", "ms", {}, nullptr};
  p.rows.push_back({"opt 1 (spread)", "#00f", {1.5, 2, 2, 9}, 2.0, ""});
  p.rows.push_back({"stock (strict)", "#888", {}, std::nullopt, "n/a [1]"});
  const std::string s = plot::strip_plot(p);
  EXPECT_EQ(test::count(s, "<circle"), 4u + 1);  // and the legend's dot
  EXPECT_EQ(test::count(s, "stroke=\"#222\" stroke-width=\"3\""), 2u);  // the median, and the legend's bar
  EXPECT_NE(s.find(">n/a [1]</text>"), std::string::npos);
  EXPECT_EQ(test::unbalanced_tags(s), "");
}

}  // namespace
}  // namespace irqlab
