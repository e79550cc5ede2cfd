// The renderings of a NightComparison: a fixed-width text table and Markdown.
#include <cstdio>
#include <map>

#include "irqlab/nightly/night_compare.h"
#include "irqlab/results/markdown_report.h"

namespace irqlab {

namespace {

struct Row {
  std::string metric, n, baseline, night, change, interval, p, mark, gate;
};

Row row_of(const MetricChange& c) {
  const MetricComparison& m = c.comparison;
  Row r{c.metric, std::to_string(c.baseline_n) + "/" + std::to_string(c.night_n),
        format_value(c.spec, c.baseline_median), format_value(c.spec, c.night_median), "", "", "", mark_text(m.mark), ""};
  if (m.estimate) r.change = format_shift(c.spec, m.ratio, *m.estimate);
  if (m.ci95) r.interval = format_shift_interval(c.spec, m.ratio, m.ci95->first, m.ci95->second);
  if (m.p_adjusted) r.p = format_number(*m.p_adjusted);
  else if (m.p_value) r.p = format_number(*m.p_value);
  if (m.mark == Mark::NotTested) r.mark = "-";
  if (c.threshold) r.gate = (c.regression ? "FAIL >" : "<=") + format_number(c.threshold->percent) + "%";
  return r;
}

// Blocks of rows per "scenario / arm", in the order the changes came.
std::vector<std::pair<std::string, std::vector<Row>>> blocks(const NightComparison& c) {
  std::vector<std::pair<std::string, std::vector<Row>>> out;
  for (const MetricChange& ch : c.changes) {
    const std::string title = ch.scenario + " / " + ch.arm;
    if (out.empty() || out.back().first != title) out.push_back({title, {}});
    out.back().second.push_back(row_of(ch));
  }
  return out;
}

std::string level(const NightComparison& c) {
  char text[32];
  std::snprintf(text, sizeof text, "%g%%", (1 - c.alpha) * 100);
  return text;
}

std::string header(const NightComparison& c) {
  return c.baseline.empty() ? "night " + c.night + ": no baseline to compare with\n"
                            : "night " + c.night + " against baseline " + c.baseline +
                                  " (per arm: median of the boots, Hodges-Lehmann shift with its " + level(c) +
                                  " interval,\nMann-Whitney p adjusted by Benjamini-Hochberg over the gated metrics and apart\n"
                                  "over the others, mark at p <= " + format_number(c.alpha) +
                                  "; a gated metric fails when it is marked worse and\nthe estimate and the whole interval are past its threshold)\n";
}

std::string footer(const NightComparison& c, const std::string& bullet) {
  std::string out;
  if (c.noise)
    out += bullet + "noise: with each gated metric's between-boot variation in the baseline and nothing changed, this gate\n" +
           (bullet.empty() ? "" : "  ") + "fails " + format_number(c.noise->false_alarm * 100) + "% of nights (" +
           std::to_string(c.noise->nights) + " simulated nights, " + std::to_string(c.noise->metrics) +
           " gated metrics drawn independently)\n";
  for (const std::string& n : c.notes) out += bullet + "note: " + n + "\n";
  for (const std::string& b : c.broken) out += bullet + "broken: " + b + "\n";
  for (const std::string& r : c.regressions) out += bullet + "regression: " + r + "\n";
  return out;
}

}  // namespace

std::string night_comparison_text(const NightComparison& c) {
  std::string out = header(c);
  char line[256];
  for (const auto& [title, rows] : blocks(c)) {
    out += "\n" + title + "\n";
    std::snprintf(line, sizeof line, "%-34s %5s %9s %9s %9s %-22s %6s %-7s %s\n", "metric", "n", "baseline", "night",
                  "change", (level(c) + " interval").c_str(), "p", "mark", "gate");
    out += line;
    for (const Row& r : rows) {
      std::snprintf(line, sizeof line, "%-34s %5s %9s %9s %9s %-22s %6s %-7s %s\n", r.metric.c_str(), r.n.c_str(),
                    r.baseline.c_str(), r.night.c_str(), r.change.c_str(), r.interval.c_str(), r.p.c_str(),
                    r.mark.c_str(), r.gate.c_str());
      out += line;
    }
  }
  const std::string notes = footer(c, "");
  if (!notes.empty()) out += "\n" + notes;
  out += "\ngate: " + c.verdict() + "\n";
  return out;
}

std::string night_comparison_markdown(const NightComparison& c) {
  std::string out = header(c);
  for (const auto& [title, rows] : blocks(c)) {
    out += "\n### " + markdown_escape(title) + "\n\n| metric | n | baseline | night | change | " + level(c) + " interval | p | mark | gate |\n"
           "|---|---|---|---|---|---|---|---|---|\n";
    for (const Row& r : rows)
      out += "| " + markdown_escape(r.metric) + " | " + r.n + " | " + markdown_escape(r.baseline) + " | " +
             markdown_escape(r.night) + " | " + markdown_escape(r.change) + " | " + markdown_escape(r.interval) +
             " | " + r.p + " | " + markdown_escape(r.mark) + " | " + markdown_escape(r.gate) + " |\n";
  }
  const std::string notes = footer(c, "- ");
  if (!notes.empty()) out += "\n" + notes;
  out += "\n**gate: " + markdown_escape(c.verdict()) + "**\n";
  return out;
}

}  // namespace irqlab
