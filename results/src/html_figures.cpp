// The figures of report.html (html_parts.h): inline SVG from plot.h.
#include <algorithm>
#include <cstdio>

#include "html_parts.h"
#include "irqlab/common/text.h"
#include "irqlab/results/plot.h"
#include "irqlab/results/svg.h"

namespace irqlab::html {

using svg::escape;

const MetricSpec* metric(const Summary& s, const std::string& key, std::size_t* index) {
  for (std::size_t i = 0; i < s.metrics.size(); ++i)
    if (s.metrics[i].key == key) {
      if (index) *index = i;
      return &s.metrics[i];
    }
  return nullptr;
}

plot::Format format_of(const Summary& s, const std::string& key) {
  const MetricSpec* spec = metric(s, key);
  if (!spec) return nullptr;
  return [spec](double v) { return format_value(*spec, v); };
}

namespace {

std::string seconds(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::abs(v) < 1e-9 ? 0.0 : v);
  return buf;
}

const char* marker_colour(EventKind kind) {
  if (kind == EventKind::Offline) return "#e41a1c";
  if (kind == EventKind::Online) return "#4daf4a";
  if (kind == EventKind::Layout) return "#a6761d";
  return "#7570b3";
}

std::string kind_name(EventKind kind) { return (is_cpu_event(kind) ? "CPU " : "") + to_text(kind); }

void add_arm_lines(plot::LinePlot& p, const ArmSummary& a, std::size_t index, const Timelines& t) {
  std::vector<const BootSeries*> boots;
  for (const BootSeries& b : t.boots)
    if (b.arm == a.arm) boots.push_back(&b);
  const std::string colour = arm_colour(index);
  for (const BootSeries* b : boots) {
    plot::Line thin{"", colour, {}, 1, boots.size() > 1 ? 0.3 : 1};
    for (const SeriesPoint& pt : b->iops) thin.points.push_back({pt.t_s, pt.value});
    p.lines.push_back(std::move(thin));
  }
  if (boots.size() < 2) {  // one boot: its line is the arm's
    if (!p.lines.empty() && boots.size() == 1) p.lines.back().name = a.label, p.lines.back().width = 2;
    return;
  }
  plot::Line median{a.label + " (median of " + std::to_string(boots.size()) + " boots)", colour, {}, 2.2, 1};
  for (const SeriesPoint& pt : median_series(boots, t.interval_s)) median.points.push_back({pt.t_s, pt.value});
  p.lines.push_back(std::move(median));
}

}  // namespace

std::string arm_colour(std::size_t index) {
  static const char* palette[] = {"#4d4d4d", "#1f78b4", "#d95f02", "#33a02c", "#6a3d9a", "#b15928", "#e7298a", "#a6761d"};
  return palette[index % 8];
}

std::string iops_figure(const Summary& s, const Timelines& t) {
  plot::LinePlot p;
  p.title = "IOPS over the load, per arm";
  p.x_label = "seconds from the start of the load (fio interval " + seconds(t.interval_s) + " s)";
  p.y_label = "IOPS";
  p.x_format = seconds;
  p.y_format = format_of(s, "iops.steady");
  if (t.duration_s > 0) p.x_range = std::pair{0.0, t.duration_s};
  for (std::size_t k = 0; k < s.arms.size(); ++k) add_arm_lines(p, s.arms[k], k, t);
  std::vector<EventKind> kinds;
  std::string list;
  for (std::size_t k = 0; k < t.events.size(); ++k) {
    const EventMarker& e = t.events[k];
    p.markers.push_back({e.t_s, std::to_string(k + 1), marker_colour(e.kind)});
    if (std::find(kinds.begin(), kinds.end(), e.kind) == kinds.end()) kinds.push_back(e.kind);
    list += "<li>" + escape(seconds(e.t_s) + " s: " + e.text) + "</li>";
  }
  for (EventKind kind : kinds) p.marker_legend.emplace_back(kind_name(kind), marker_colour(kind));
  std::string caption = "No boot left an IOPS log.";
  if (!t.boots.empty())
    caption = (t.boots.size() > s.arms.size() ? "Thin lines: each boot; thick: the median over an arm's boots at each "
                                                "interval."
                                              : "One line per boot.") +
              std::string(t.events.empty() ? " The scenario has no events."
                                           : " Dashed lines: the scenario's events at their planned instants:");
  std::string out = "<figure>\n" + plot::line_plot(p) + "<figcaption>" + escape(caption) + "</figcaption>\n";
  if (!t.events.empty()) out += "<ol class=\"events\">" + list + "</ol>\n";
  return out + "</figure>\n";
}

std::string strip_figures(const Summary& s, report_text::Footnotes& notes) {
  struct Shown {
    const char* key;
    const char* title;
  };
  std::string out;
  for (const Shown& shown : {Shown{"move.effective.p50_ms", "Move latency per boot: write issued to effective "
                                                            "affinity, p50 of the boot's moves"},
                             Shown{"drain.hctx.max_ms", "Drain stall per boot: the longest hctx drain at an event"}}) {
    std::size_t i = 0;
    if (!metric(s, shown.key, &i)) continue;
    plot::StripPlot p{shown.title, "ms", {}, format_of(s, shown.key)};
    for (std::size_t k = 0; k < s.arms.size(); ++k) {
      const MetricCell& c = s.arms[k].cells[i];
      std::optional<double> median;
      if (!c.values.empty()) median = c.median;
      p.rows.push_back({s.arms[k].label, arm_colour(k), c.values, median, c.values.empty() ? notes.na(c.absent) : ""});
    }
    out += "<figure>\n" + plot::strip_plot(p) + "</figure>\n";
  }
  return out;
}

}  // namespace irqlab::html
