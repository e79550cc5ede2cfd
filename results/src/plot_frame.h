#pragma once
// What the plots share (plot.h): the plot area and its scales, axes with
// ticks and labels, the title and a legend.
#include <string>
#include <vector>

#include "irqlab/results/plot.h"
#include "irqlab/results/svg.h"

namespace irqlab::plot {

inline constexpr double kCharWidth = 6.6;  // of 12-unit sans-serif text, for laying out labels

struct Frame {
  double left = 0, top = 0, right = 0, bottom = 0;  // the plot area, in user units
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;            // the data it spans
  double px(double x) const;                        // data to user units, clamped to the area
  double py(double y) const;
};

// Ticks below the area with their labels and vertical grid lines; the axis
// label under them.
void draw_x_axis(svg::Document& d, const Frame& f, const std::vector<double>& ticks, const Format& format,
                 const std::string& label);
// Ticks left of the area with labels and horizontal grid lines; the label
// turned along the axis.
void draw_y_axis(svg::Document& d, const Frame& f, const std::vector<double>& ticks, const Format& format,
                 const std::string& label);

enum class Swatch { Line, Dash, Dot, Bar };
struct LegendEntry {
  std::string text, colour;
  Swatch swatch = Swatch::Line;
};
// The title on the first line, the legend in rows under it, each row as wide
// as the document allows; returns where the plot area may start.
double draw_heading(svg::Document& d, const std::string& title, const std::vector<LegendEntry>& legend);

// Tick labels: the caller's format, else the table's numbers.
std::string tick_text(const Format& format, double v);

}  // namespace irqlab::plot
