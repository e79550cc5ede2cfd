#pragma once
// A tiny SVG writer for report.html's plots: a fixed viewBox in user units,
// every text escaped, coordinates rounded to 0.1. Meant for SVG inline in
// HTML5, so it names no namespace (and so no URL); no scripts, no
// references outside the element.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace irqlab::svg {

// Text for an XML or HTML element or attribute value: & < > " ' as entities.
std::string escape(std::string_view text);

// A number as an SVG coordinate: "12.3", "-4", no exponent.
std::string coordinate(double v);

class Document {
 public:
  // title: the plot's accessible name (<title>), escaped.
  Document(double width, double height, std::string_view title);

  // attributes: presentation attributes written by the caller's code
  // (stroke="#888"), never user text.
  void line(double x1, double y1, double x2, double y2, std::string_view attributes);
  void polyline(const std::vector<std::pair<double, double>>& points, std::string_view attributes);
  void circle(double cx, double cy, double r, std::string_view attributes);
  void rect(double x, double y, double w, double h, std::string_view attributes);
  // text is escaped.
  void text(double x, double y, std::string_view text, std::string_view attributes = "");

  double width() const { return width_; }
  double height() const { return height_; }
  std::string str() const;  // <svg viewBox=...>...</svg>

 private:
  double width_, height_;
  std::string body_;
};

// Round steps (1, 2, 5 times a power of ten) from at or below lo to at or
// above hi, about `target` of them; lo == hi gives a unit range around it.
std::vector<double> nice_ticks(double lo, double hi, int target = 5);

}  // namespace irqlab::svg
