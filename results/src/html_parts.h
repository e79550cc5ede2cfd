#pragma once
// The parts of report.html (html_report.h): its tables and its figures,
// each an HTML fragment with every text escaped.
#include <functional>
#include <string>
#include <vector>

#include "cell_text.h"
#include "irqlab/results/html_report.h"

namespace irqlab::html {

// The arm's colour in every plot: by its place in Summary::arms.
std::string arm_colour(std::size_t index);
// The metric of this key and its place in Summary::metrics; nullptr when
// the catalog has none.
const MetricSpec* metric(const Summary& s, const std::string& key, std::size_t* index = nullptr);
// Tick labels of a metric: its numbers as its cells print them.
std::function<std::string(double)> format_of(const Summary& s, const std::string& key);

// The per-arm table (median, n and interval per cell; tracing overhead and
// correctness below) and the headline comparison (shift [interval], mark,
// adjusted p).
std::string arm_table(const Comparison& c, const Summary& s, report_text::Footnotes& notes);
std::string verdict_table(const Summary& s, report_text::Footnotes& notes);

// IOPS over the load: per arm its boots thin and their median thick, the
// events as numbered dashed lines, listed under the plot.
std::string iops_figure(const Summary& s, const Timelines& t);
// Per-boot values with the median, per arm: move latency and drain stall.
std::string strip_figures(const Summary& s, report_text::Footnotes& notes);
// Headline metrics over earlier nights and this run, or a sentence.
std::string trend_figures(const Summary& s, const std::vector<MetricTrend>& trends);

}  // namespace irqlab::html
