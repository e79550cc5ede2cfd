#pragma once
// The plots of report.html, drawn with the SVG writer (svg.h): a line plot
// (IOPS over time with event markers; a metric over earlier nights) and a
// strip plot (per-boot values of a metric per arm with their median). Each
// returns one <svg> element with axes, tick labels, axis labels and a
// legend; tick labels come from the caller's formatter, so they read as the
// tables do.
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace irqlab::plot {

using Format = std::function<std::string(double)>;

struct Point {
  double x = 0, y = 0;  // y NaN: a gap, the line breaks there
};

struct Line {
  std::string name;     // in the legend; empty: not in it
  std::string colour;   // "#1b9e77"
  std::vector<Point> points;
  double width = 2;
  double opacity = 1;
};

struct Marker {         // a vertical line across the plot at x
  double x = 0;
  std::string label;    // short, drawn at its top: "3"
  std::string colour;
};

struct LinePlot {
  std::string title, x_label, y_label;
  std::vector<Line> lines;
  std::vector<Marker> markers;
  std::vector<std::pair<std::string, std::string>> marker_legend;  // (what, colour) of the marker kinds
  Format x_format, y_format;
  // Not empty: x is an index into these names (nights), one tick each.
  std::vector<std::string> x_names;
  std::optional<std::pair<double, double>> x_range;  // default: the points' and markers' span
};
std::string line_plot(const LinePlot& p);

struct Strip {
  std::string name, colour;
  std::vector<double> values;   // one per boot
  std::optional<double> median;
  std::string empty_text;       // shown where there are no values ("n/a [1]")
};

struct StripPlot {
  std::string title, x_label;
  std::vector<Strip> rows;      // one per arm, top to bottom
  Format x_format;
};
std::string strip_plot(const StripPlot& p);

}  // namespace irqlab::plot
