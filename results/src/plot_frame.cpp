// Axes, title and legend of the plots (plot_frame.h).
#include "plot_frame.h"

#include <algorithm>
#include <cmath>

#include "irqlab/results/summary.h"

namespace irqlab::plot {

namespace {

constexpr const char* kGrid = "stroke=\"#e3e3e3\" stroke-width=\"1\"";
constexpr const char* kAxis = "stroke=\"#444\" stroke-width=\"1\"";
constexpr const char* kSmall = "font-size=\"11\" fill=\"#333\"";

double scale(double v, double v0, double v1, double p0, double p1) {
  if (!std::isfinite(v)) v = v0;
  const double t = v1 == v0 ? 0.5 : (v - v0) / (v1 - v0);
  return p0 + std::clamp(t, 0.0, 1.0) * (p1 - p0);
}

void draw_swatch(svg::Document& d, double x, double y, const LegendEntry& e) {
  const std::string colour = "stroke=\"" + e.colour + "\"";
  switch (e.swatch) {
    case Swatch::Line: d.line(x, y, x + 18, y, colour + " stroke-width=\"3\""); break;
    case Swatch::Dash: d.line(x + 9, y - 6, x + 9, y + 6, colour + " stroke-width=\"2\" stroke-dasharray=\"3 2\""); break;
    case Swatch::Dot: d.circle(x + 9, y, 4, "fill=\"" + e.colour + "\" fill-opacity=\"0.75\""); break;
    case Swatch::Bar: d.line(x + 9, y - 7, x + 9, y + 7, colour + " stroke-width=\"3\""); break;
  }
}

}  // namespace

double Frame::px(double x) const { return scale(x, x0, x1, left, right); }
double Frame::py(double y) const { return scale(y, y0, y1, bottom, top); }

std::string tick_text(const Format& format, double v) { return format ? format(v) : format_number(v); }

void draw_x_axis(svg::Document& d, const Frame& f, const std::vector<double>& ticks, const Format& format,
                 const std::string& label) {
  d.line(f.left, f.bottom, f.right, f.bottom, kAxis);
  for (double t : ticks) {
    const double x = f.px(t);
    d.line(x, f.top, x, f.bottom, kGrid);
    d.line(x, f.bottom, x, f.bottom + 4, kAxis);
    d.text(x, f.bottom + 16, tick_text(format, t), std::string(kSmall) + " text-anchor=\"middle\"");
  }
  d.text((f.left + f.right) / 2, f.bottom + 34, label, "font-size=\"12\" text-anchor=\"middle\"");
}

void draw_y_axis(svg::Document& d, const Frame& f, const std::vector<double>& ticks, const Format& format,
                 const std::string& label) {
  d.line(f.left, f.top, f.left, f.bottom, kAxis);
  for (double t : ticks) {
    const double y = f.py(t);
    d.line(f.left, y, f.right, y, kGrid);
    d.line(f.left - 4, y, f.left, y, kAxis);
    d.text(f.left - 7, y + 4, tick_text(format, t), std::string(kSmall) + " text-anchor=\"end\"");
  }
  const std::string mid = svg::coordinate((f.top + f.bottom) / 2);
  d.text(0, 0, label,
         "font-size=\"12\" text-anchor=\"middle\" transform=\"translate(14 " + mid + ") rotate(-90)\"");
}

double draw_heading(svg::Document& d, const std::string& title, const std::vector<LegendEntry>& legend) {
  d.text(12, 20, title, "font-size=\"14\" font-weight=\"bold\"");
  double x = 12, y = 40;
  for (const LegendEntry& e : legend) {
    const double w = 26 + kCharWidth * static_cast<double>(e.text.size()) + 16;
    if (x > 12 && x + w > d.width() - 12) x = 12, y += 18;
    draw_swatch(d, x, y - 4, e);
    d.text(x + 24, y, e.text, "font-size=\"12\"");
    x += w;
  }
  return legend.empty() ? 34 : y + 14;
}

}  // namespace irqlab::plot
