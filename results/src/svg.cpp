// The SVG writer (svg.h).
#include "irqlab/results/svg.h"

#include <cmath>
#include <cstdio>

namespace irqlab::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string coordinate(double v) {
  if (!std::isfinite(v)) v = 0;
  v = std::round(v * 10) / 10;
  if (v == 0) v = 0;  // no "-0"
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

Document::Document(double width, double height, std::string_view title) : width_(width), height_(height) {
  body_ = "<title>" + escape(title) + "</title>\n";
}

void Document::line(double x1, double y1, double x2, double y2, std::string_view attributes) {
  body_ += "<line x1=\"" + coordinate(x1) + "\" y1=\"" + coordinate(y1) + "\" x2=\"" + coordinate(x2) + "\" y2=\"" +
           coordinate(y2) + "\" " + std::string(attributes) + "/>\n";
}

void Document::polyline(const std::vector<std::pair<double, double>>& points, std::string_view attributes) {
  std::string p;
  for (const auto& [x, y] : points) p += (p.empty() ? "" : " ") + coordinate(x) + "," + coordinate(y);
  body_ += "<polyline points=\"" + p + "\" fill=\"none\" " + std::string(attributes) + "/>\n";
}

void Document::circle(double cx, double cy, double r, std::string_view attributes) {
  body_ += "<circle cx=\"" + coordinate(cx) + "\" cy=\"" + coordinate(cy) + "\" r=\"" + coordinate(r) + "\" " +
           std::string(attributes) + "/>\n";
}

void Document::rect(double x, double y, double w, double h, std::string_view attributes) {
  body_ += "<rect x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\" width=\"" + coordinate(w) +
           "\" height=\"" + coordinate(h) + "\" " + std::string(attributes) + "/>\n";
}

void Document::text(double x, double y, std::string_view text, std::string_view attributes) {
  body_ += "<text x=\"" + coordinate(x) + "\" y=\"" + coordinate(y) + "\"" +
           (attributes.empty() ? "" : " " + std::string(attributes)) + ">" + escape(text) + "</text>\n";
}

std::string Document::str() const {
  const std::string w = coordinate(width_), h = coordinate(height_);
  return "<svg viewBox=\"0 0 " + w + " " + h + "\" width=\"" + w + "\" height=\"" + h + "\" role=\"img\">\n" + body_ +
         "</svg>\n";
}

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi < lo) std::swap(lo, hi);
  if (hi == lo) lo -= 0.5, hi += 0.5;
  const double raw = (hi - lo) / std::max(target, 1);
  const double power = std::pow(10, std::floor(std::log10(raw)));
  double step = power;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= raw) {
      step = m * power;
      break;
    }
  std::vector<double> ticks;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (int k = 0; k < 1000; ++k) {
    const double t = first + k * step;
    ticks.push_back(std::abs(t) < 1e-9 * step ? 0 : t);
    if (t >= hi - 1e-9 * step) break;
  }
  if (ticks.size() < 2) ticks.push_back(ticks.back() + step);
  return ticks;
}

}  // namespace irqlab::svg
