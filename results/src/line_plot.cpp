// line_plot(): lines over x with gaps where y is NaN, vertical markers, and
// for named x (nights) one tick per name.
#include <algorithm>
#include <cmath>

#include "irqlab/results/plot.h"
#include "plot_frame.h"

namespace irqlab::plot {

namespace {

constexpr double kWidth = 800, kHeight = 340;

// The data's span: [lo, hi] over the finite values, or nullopt.
std::optional<std::pair<double, double>> span(const std::vector<double>& v) {
  std::optional<std::pair<double, double>> s;
  for (double x : v)
    if (std::isfinite(x)) s = s ? std::pair{std::min(s->first, x), std::max(s->second, x)} : std::pair{x, x};
  return s;
}

// From zero where every value is positive, so a dip reads at its true depth.
std::vector<double> y_ticks(const LinePlot& p) {
  std::vector<double> ys;
  for (const Line& l : p.lines)
    for (const Point& pt : l.points) ys.push_back(pt.y);
  const auto sy = span(ys);
  return svg::nice_ticks(sy ? std::min(sy->first, 0.0) : 0, sy ? sy->second : 1);
}

Frame frame_for(const LinePlot& p, double top, const std::vector<double>& y_ticks) {
  std::vector<double> xs;
  for (const Line& l : p.lines)
    for (const Point& pt : l.points) xs.push_back(pt.x);
  for (const Marker& m : p.markers) xs.push_back(m.x);
  Frame f{72, top + 12, kWidth - 20, kHeight - 46};
  const auto sx = p.x_range ? p.x_range : span(xs);
  if (!p.x_names.empty()) f.x0 = -0.5, f.x1 = static_cast<double>(p.x_names.size()) - 0.5;
  else if (sx) f.x0 = sx->first, f.x1 = sx->second > sx->first ? sx->second : sx->first + 1;
  f.y0 = y_ticks.front();
  f.y1 = y_ticks.back();
  return f;
}

std::vector<double> x_ticks(const LinePlot& p, const Frame& f) {
  if (p.x_names.empty()) {
    std::vector<double> t = svg::nice_ticks(f.x0, f.x1, 8);
    std::erase_if(t, [&f](double v) { return v < f.x0 - 1e-9 || v > f.x1 + 1e-9; });
    return t;
  }
  // One tick per name, every k-th where the names would overlap.
  const double widest = static_cast<double>(
      std::max_element(p.x_names.begin(), p.x_names.end(), [](auto& a, auto& b) { return a.size() < b.size(); })->size());
  const double room = (f.right - f.left) / static_cast<double>(p.x_names.size());
  const std::size_t every = static_cast<std::size_t>(std::ceil((widest * kCharWidth + 8) / room));
  std::vector<double> t;
  for (std::size_t k = 0; k < p.x_names.size(); k += std::max<std::size_t>(every, 1)) t.push_back(static_cast<double>(k));
  return t;
}

void draw_line(svg::Document& d, const Frame& f, const Line& l, bool dots) {
  const std::string stroke = "stroke=\"" + l.colour + "\" stroke-width=\"" + svg::coordinate(l.width) +
                             "\" stroke-opacity=\"" + svg::coordinate(l.opacity) + "\" stroke-linejoin=\"round\"";
  std::vector<std::pair<double, double>> run;
  auto flush = [&] {
    if (run.size() == 1) d.circle(run[0].first, run[0].second, l.width + 1, "fill=\"" + l.colour + "\"");
    else if (run.size() > 1) d.polyline(run, stroke);
    run.clear();
  };
  for (const Point& pt : l.points) {
    if (!std::isfinite(pt.y)) {
      flush();
      continue;
    }
    run.emplace_back(f.px(pt.x), f.py(pt.y));
    if (dots) d.circle(run.back().first, run.back().second, 3, "fill=\"" + l.colour + "\"");
  }
  flush();
}

}  // namespace

std::string line_plot(const LinePlot& p) {
  svg::Document d(kWidth, kHeight, p.title);
  std::vector<LegendEntry> legend;
  for (const Line& l : p.lines)
    if (!l.name.empty()) legend.push_back({l.name, l.colour, Swatch::Line});
  for (const auto& [what, colour] : p.marker_legend) legend.push_back({what, colour, Swatch::Dash});
  const std::vector<double> yt = y_ticks(p);
  const Frame f = frame_for(p, draw_heading(d, p.title, legend), yt);
  Format x_format = p.x_format;
  if (!p.x_names.empty())
    x_format = [&p](double v) { return p.x_names.at(static_cast<std::size_t>(std::lround(v))); };
  draw_x_axis(d, f, x_ticks(p, f), x_format, p.x_label);
  draw_y_axis(d, f, yt, p.y_format, p.y_label);
  for (const Marker& m : p.markers) {
    const double x = f.px(m.x);
    d.line(x, f.top, x, f.bottom, "stroke=\"" + m.colour + "\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"");
    d.text(x + 2, f.top - 2, m.label, "font-size=\"10\" fill=\"" + m.colour + "\"");
  }
  for (const Line& l : p.lines) draw_line(d, f, l, !p.x_names.empty());
  return d.str();
}

}  // namespace irqlab::plot
