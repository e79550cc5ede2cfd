// The trend figures of report.html (html_parts.h): headline metrics over
// earlier nights, then this run.
#include <algorithm>

#include "html_parts.h"
#include "irqlab/common/text.h"
#include "irqlab/results/plot.h"
#include "irqlab/results/svg.h"

namespace irqlab::html {

namespace {

constexpr const char* kThisRun = "this run";

std::size_t name_index(std::vector<std::string>& names, const std::string& name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  names.push_back(name);
  return names.size() - 1;
}

// One line per arm that has history for the metric: its nights, then this
// run's median. No lines: no history.
plot::LinePlot trend_plot(const Summary& s, std::size_t i, const std::vector<MetricTrend>& trends) {
  const MetricSpec& spec = s.metrics[i];
  plot::LinePlot p{"Trend: " + std::string(trim(spec.label)) + " (" + spec.unit + "), per arm", "night", spec.unit,
                   {}, {}, {}, nullptr, format_of(s, spec.key), {}, std::nullopt};
  std::vector<std::pair<std::size_t, const MetricTrend*>> shown;  // (arm, its trend)
  for (const MetricTrend& t : trends)
    for (std::size_t k = 0; k < s.arms.size(); ++k)
      if (t.metric == spec.key && t.arm == s.arms[k].arm && !t.points.empty()) shown.emplace_back(k, &t);
  for (const auto& [k, t] : shown)
    for (const TrendPoint& pt : t->points) name_index(p.x_names, pt.label);
  const double this_run = static_cast<double>(name_index(p.x_names, kThisRun));
  for (const auto& [k, t] : shown) {
    plot::Line line{s.arms[k].label, arm_colour(k), {}, 2, 1};
    for (const TrendPoint& pt : t->points)
      line.points.push_back({static_cast<double>(name_index(p.x_names, pt.label)), pt.value});
    const MetricCell& tonight = s.arms[k].cells[i];
    if (!tonight.values.empty()) line.points.push_back({this_run, tonight.median});
    std::stable_sort(line.points.begin(), line.points.end(),
                     [](const plot::Point& a, const plot::Point& b) { return a.x < b.x; });
    p.lines.push_back(std::move(line));
  }
  return p;
}

}  // namespace

std::string trend_figures(const Summary& s, const std::vector<MetricTrend>& trends) {
  std::string out, without;
  for (const std::string& key : trend_metrics()) {
    std::size_t i = 0;
    if (!metric(s, key, &i)) continue;
    const plot::LinePlot p = trend_plot(s, i, trends);
    if (p.lines.empty()) without += (without.empty() ? "" : ", ") + std::string(trim(s.metrics[i].label));
    else out += "<figure>\n" + plot::line_plot(p) + "</figure>\n";
  }
  if (!without.empty())
    out += "<p>" +
           svg::escape((out.empty() ? "No earlier nights to compare with: " : "No earlier nights for ") + without +
                       (out.empty() ? " get a trend here once earlier nights are in the history (irqlab nightly)." : ".")) +
           "</p>\n";
  return out;
}

}  // namespace irqlab::html
