// strip_plot(): one row per arm, a dot per boot, a bar at the median.
#include <algorithm>
#include <cmath>

#include "irqlab/results/plot.h"
#include "plot_frame.h"

namespace irqlab::plot {

namespace {

constexpr double kWidth = 800, kRowHeight = 38, kLabelRoom = 150;

// Dots of equal value side by side: each boot gets its own height in the row.
double jitter(std::size_t k) {
  static constexpr double offsets[] = {0, -7, 7, -3.5, 3.5, -10.5, 10.5};
  return offsets[k % 7];
}

void draw_row(svg::Document& d, const Frame& f, const Strip& row, double y) {
  d.text(f.left - 10, y + 4, row.name, "font-size=\"12\" text-anchor=\"end\"");
  d.line(f.left, y, f.right, y, "stroke=\"#f0f0f0\" stroke-width=\"1\"");
  if (row.values.empty()) {
    d.text(f.left + 8, y + 4, row.empty_text, "font-size=\"12\" fill=\"#666\"");
    return;
  }
  for (std::size_t k = 0; k < row.values.size(); ++k)
    d.circle(f.px(row.values[k]), y + jitter(k), 4.5,
             "fill=\"" + row.colour + "\" fill-opacity=\"0.7\" stroke=\"" + row.colour + "\"");
  if (row.median) d.line(f.px(*row.median), y - 14, f.px(*row.median), y + 14, "stroke=\"#222\" stroke-width=\"3\"");
}

}  // namespace

std::string strip_plot(const StripPlot& p) {
  const double height = 120 + kRowHeight * static_cast<double>(std::max<std::size_t>(p.rows.size(), 1));
  svg::Document d(kWidth, height, p.title);
  const double top = draw_heading(d, p.title, {{"one boot", "#777", Swatch::Dot}, {"median", "#222", Swatch::Bar}});
  double hi = 0, lo = 0;
  for (const Strip& row : p.rows)
    for (double v : row.values)
      if (std::isfinite(v)) hi = std::max(hi, v), lo = std::min(lo, v);
  const std::vector<double> ticks = svg::nice_ticks(lo, hi > lo ? hi : lo + 1);
  Frame f{kLabelRoom, top + 8, kWidth - 24, height - 46, ticks.front(), ticks.back(), 0, 1};
  draw_x_axis(d, f, ticks, p.x_format, p.x_label);
  for (std::size_t r = 0; r < p.rows.size(); ++r)
    draw_row(d, f, p.rows[r], f.top + kRowHeight * (static_cast<double>(r) + 0.5));
  return d.str();
}

}  // namespace irqlab::plot
