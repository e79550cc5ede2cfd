#pragma once
// report.html: one self-contained page (no script, no external style, font,
// image or link) with the tables of report.md as HTML tables and plots that
// irqlab draws itself as inline SVG (plot.h): IOPS over the load per arm
// with the scenario's events marked, the per-boot values of move latency
// and drain stall per arm, and headline metrics over earlier nights.
#include <string>
#include <vector>

#include "irqlab/results/summary.h"
#include "irqlab/results/timeline.h"

namespace irqlab {

struct TrendPoint {
  std::string label;  // the night: "2025-06-01"
  double value = 0;   // the arm's median that night, in the metric's unit
};

// A headline metric of one arm over earlier nights, oldest first, from
// the night history (irqlab nightly: nightly/history.h); an empty list (a
// run outside a night, or a first night) leaves the trend plot out with a
// sentence saying so.
struct MetricTrend {
  std::string metric;  // results.json key: "iops.steady"
  std::string arm;     // "override"
  std::vector<TrendPoint> points;
};

// The headline metrics a trend is drawn for, in page order.
const std::vector<std::string>& trend_metrics();

std::string html_report(const Comparison& c, const Summary& s, const Timelines& t,
                        const std::vector<MetricTrend>& trends = {});

}  // namespace irqlab
