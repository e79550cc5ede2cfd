// The fixed-width comparison: two lines per metric (the median over boots,
// then its interval or n), one column per arm and one for the headline
// comparison. Everything it shows comes from summarize().
#include <algorithm>
#include <cstdio>

#include "irqlab/common/text.h"
#include "irqlab/results/comparison.h"
#include "irqlab/results/summary.h"

namespace irqlab {

namespace {

constexpr std::size_t kLabelWidth = 22;
constexpr std::size_t kArmWidth = 13;
constexpr std::size_t kLineWidth = 78;  // quoted in a mail reply, it still fits 80

// Words of text in lines of at most kLineWidth columns, continuation lines
// indented; the text's own leading blanks are kept.
std::string wrap(const std::string& text, std::size_t indent) {
  const std::size_t lead = text.find_first_not_of(' ');
  std::string out, line = lead == std::string::npos ? "" : text.substr(0, lead);
  for (const std::string& word : split_whitespace(text)) {
    if (!trim(line).empty() && line.size() + 1 + word.size() > kLineWidth) {
      out += line + "\n";
      line = std::string(indent, ' ') + word;
    } else {
      line += (trim(line).empty() ? "" : " ") + word;
    }
  }
  return out + line + "\n";
}

// Never cuts: a value that does not fit widens its line rather than lose digits.
std::string pad(std::string s, std::size_t w) {
  if (s.size() < w) s.resize(w, ' ');
  else s += ' ';
  return s;
}

class TableWriter {
 public:
  explicit TableWriter(const Summary& s) : s_(s) {}

  void metric_rows(std::size_t i) {
    const MetricSpec& spec = s_.metrics[i];
    for (bool second : {false, true}) {
      std::string line = pad(second ? "" : spec.label, kLabelWidth);
      for (const ArmSummary& a : s_.arms) line += pad(cell_line(spec, a.cells[i], second), kArmWidth);
      if (!s_.comparisons.empty()) line += comparison_line(spec, s_.comparisons.front().metrics[i], second);
      if (!second || !trim(line).empty()) emit(line);
    }
  }

  // Two lines of one text per arm: the first row of a pair, then the second.
  void pair_rows(const std::string& label, const std::function<std::string(const ArmSummary&, bool)>& f) {
    for (bool second : {false, true}) {
      std::string line = pad(second ? "" : label, kLabelWidth);
      for (const ArmSummary& a : s_.arms) line += pad(f(a, second), kArmWidth);
      if (!second || !trim(line).empty()) emit(line);
    }
  }

  void emit(std::string line) {
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out_ += line + "\n";
  }

  std::string footnote(const std::string& reason) {
    auto it = std::find(footnotes_.begin(), footnotes_.end(), reason);
    const std::size_t k = static_cast<std::size_t>(it - footnotes_.begin()) + 1;
    if (it == footnotes_.end()) footnotes_.push_back(reason);
    return "n/a [" + std::to_string(k) + "]";
  }

  std::string& out() { return out_; }
  const std::vector<std::string>& footnotes() const { return footnotes_; }

 private:
  std::string cell_line(const MetricSpec& spec, const MetricCell& c, bool second) {
    if (c.values.empty()) return second ? "" : footnote(c.absent);
    if (!second) return format_value(spec, c.median) + (c.invalid ? " !" : "");
    if (c.ci95) return format_interval(spec, c.ci95->first, c.ci95->second);
    if (c.values.size() < c.boots) return "n=" + std::to_string(c.values.size()) + "/" + std::to_string(c.boots);
    return "n=" + std::to_string(c.values.size());
  }

  static std::string comparison_line(const MetricSpec& spec, const MetricComparison& c, bool second) {
    if (!c.estimate) return "";
    if (second) return c.ci95 ? format_shift_interval(spec, c.ratio, c.ci95->first, c.ci95->second) : "";
    return format_shift(spec, c.ratio, *c.estimate) + " " + mark_text(c.mark);
  }

  const Summary& s_;
  std::string out_;
  std::vector<std::string> footnotes_;
};

std::string header(const Comparison& c) {
  const ComparisonInfo& i = c.info;
  std::string out = "irqlab: scenario " + i.scenario + ", " + format_number(i.duration_s) + " s, " +
                    std::to_string(i.repetitions) + (i.repetitions == 1 ? " boot" : " boots") + " per arm, seed " +
                    std::to_string(i.seed) + "\n";
  if (!i.description.empty()) out += wrap("  " + i.description, 4);
  std::string kernel = c.runs.empty() ? "" : c.runs.front().kernel_release;
  if (!i.series_hash.empty()) kernel += ", series " + i.series_hash.substr(0, 12) + " (" + i.patches + ")";
  if (!kernel.empty()) out += "kernel: " + kernel + "\n";
  if (!i.kernel_source.empty()) out += "source: " + i.kernel_source + "\n";
  if (!i.topology.empty()) out += wrap("topology: " + i.topology, 4);
  if (!c.runs.empty()) {
    // One line for all modes: they differ only in irq_managed=.
    std::string cmdline = c.runs.front().cmdline;
    const auto at = cmdline.find("irq_managed=" + c.runs.front().mode);
    if (at != std::string::npos) cmdline.replace(at, 12 + c.runs.front().mode.size(), "irq_managed=<mode>");
    // The lab's init= is a path of the run directory, not a kernel setting.
    std::string shown;
    for (const std::string& word : split_whitespace(cmdline))
      if (!starts_with(word, "init=")) shown += (shown.empty() ? "" : " ") + word;
    if (!shown.empty()) out += wrap("cmdline: " + shown, 4);
  }
  if (!i.where.empty()) out += "where: " + i.where + "\n";
  if (i.order_seed) {
    std::string order = "order: boots in random blocks of one per arm (seed " + std::to_string(*i.order_seed) + "):";
    for (const ModeRun& r : c.runs) order += " " + r.arm + "/" + std::to_string(r.repetition);
    out += wrap(order, 4);
  }
  return out;
}

void column_heads(TableWriter& t, const Summary& s) {
  for (bool second : {false, true}) {  // "opt 3" over "(override)"
    std::string line = pad("", kLabelWidth);
    for (const ArmSummary& a : s.arms) {
      const std::size_t paren = a.label.find(" (");
      line += pad(second ? a.label.substr(paren + 1) : a.label.substr(0, paren), kArmWidth);
    }
    if (!s.comparisons.empty()) line += second ? "(shift, mark)" : s.comparisons.front().label;
    t.emit(line);
  }
}

void overhead_rows(TableWriter& t, const Comparison& c, const Summary& s) {
  const bool probed = std::any_of(s.arms.begin(), s.arms.end(), [](const ArmSummary& a) { return a.overhead; });
  if (!probed) return;
  char target[64];
  std::snprintf(target, sizeof target, "tracing overhead: target <= %g%% of IOPS", c.info.overhead_target_percent);
  t.out() += std::string(target) + "\n";
  t.pair_rows("  all pairs: verdict", [&t](const ArmSummary& a, bool second) -> std::string {
    if (!a.overhead) return second ? "" : t.footnote("the scenario has no overhead probe");
    if (!second) return a.overhead->verdict;
    if (a.overhead->ci95) return range_text(*a.overhead);
    return std::to_string(a.overhead->pairs) + " pairs";
  });
  if (s.arms.size() > 1 && s.overhead_pooled) {
    const OverheadSummary& o = *s.overhead_pooled;
    std::string line = "  all arms pooled: " + format_number(o.median_percent) + "%";
    if (o.ci95) line += " (" + range_text(o) + "%)";
    line += ", " + std::to_string(o.pairs) + " pairs of " + std::to_string(o.boots) + " boots: " + o.verdict;
    if (o.probe_s_to_resolve)
      line += " (overhead-probe = " + std::to_string(static_cast<long long>(*o.probe_s_to_resolve)) +
              "s would likely resolve it)";
    t.out() += wrap(line, 4);
  }
}

void correctness_rows(TableWriter& t) {
  t.out() += "correctness (summed over boots)\n";
  t.pair_rows("  moves accepted", [&t](const ArmSummary& a, bool second) -> std::string {
    if (second) return "";
    if (a.moves == 0) return t.footnote("the scenario moves no interrupt");
    return std::to_string(a.accepted) + " of " + std::to_string(a.moves);
  });
  t.pair_rows("  CPU events done", [&t](const ArmSummary& a, bool second) -> std::string {
    if (second) return "";
    if (a.cpu_events == 0) return t.footnote("the scenario takes no CPU offline");
    return std::to_string(a.cpu_events - a.cpu_failed) + " of " + std::to_string(a.cpu_events);
  });
  auto count = [](std::size_t n, const char* unit) { return n ? std::to_string(n) + unit : std::string("none"); };
  t.pair_rows("  fio errors (boots)", [&count](const ArmSummary& a, bool second) {
    return second ? "" : count(a.fio_errors, "");
  });
  t.pair_rows("  kernel log problems", [&count](const ArmSummary& a, bool second) {
    return second ? "" : count(a.kernel_problems, "");
  });
  t.pair_rows("  vector matrix drift", [&t, &count](const ArmSummary& a, bool second) -> std::string {
    if (second) return "";
    if (!a.vector_checked) return t.footnote("no vector matrix (debugfs not mounted, or not x86)");
    return count(a.vector_drift, " changes");
  });
  t.pair_rows("  lost trace events", [&count](const ArmSummary& a, bool second) {
    return second ? "" : count(a.lost_trace_events, "");
  });
  t.pair_rows("  boots", [](const ArmSummary& a, bool second) {
    return second ? "" : std::to_string(a.runs.size());
  });
}

std::string explanations(const Comparison& c, const Summary& s) {
  std::string out = wrap(
      "Cells: the median over boots (one value per boot); below it the distribution-free 95% interval of that "
      "median, or n where fewer than 6 boots allow none (n=k/N: only k of N boots had the figure). '!': a boot lost "
      "trace events inside that figure's window.",
      4);
  if (!s.comparisons.empty()) {
    const ArmComparison& h = s.comparisons.front();
    char alpha[16];
    std::snprintf(alpha, sizeof alpha, "%g", s.alpha);
    const std::string marks =
        h.tested == 0 ? std::string("Marks: none; at these n no metric can reach p <= ") + alpha +
                            " (two-sided Mann-Whitney U; 3 vs 3 boots cannot, 4 vs 4 can)."
                      : std::string("Marks: two-sided Mann-Whitney U, Benjamini-Hochberg adjusted p <= ") + alpha +
                            " over the " + std::to_string(h.tested) +
                            " metrics these n can resolve: better/worse (higher/lower where neither is better); ~ no "
                            "significant difference; 'n small': these n cannot reach p <= " +
                            alpha + ".";
    out += wrap(h.label + ": the shift of " + h.b + " against " + h.a +
                    " (Hodges-Lehmann; for times and rates of log values, a relative difference in %; for shares "
                    "and percentages a difference in points, pt) with its 95% Mann-Whitney interval. " + marks,
                4);
  }
  if (s.steady_iops_cv && s.n_per_arm) {
    std::string noise = "Noise: steady IOPS varies " + format_number(*s.steady_iops_cv * 100) +
                        "% between boots of one arm (median CV); at n=" + std::to_string(*s.n_per_arm) + " per arm ";
    if (s.detectable_shift)
      noise += "a shift of " + format_number(*s.detectable_shift * 100) +
               "% at that noise is detected 90% of the time (simulated, one metric, before the adjustment).";
    else
      noise += "no shift up to 100% at that noise is detected 90% of the time: more boots are needed.";
    out += wrap(noise, 4);
  }
  if (c.info.where.find("virtual lab") != std::string::npos)
    out += wrap("Virtual-lab timings are emulator (TCG) timings: compare arms within this table, never with "
                "hardware figures.",
                4);
  return out;
}

void problem_lines(std::string& out, const Comparison& c) {
  std::vector<std::string> problems;
  for (const ModeRun& r : c.runs) {
    const std::string who = r.arm + "/" + std::to_string(r.repetition) + ": ";
    for (const std::string& p : r.metrics.kernel_problems) problems.push_back(who + p);
    for (const std::string& p : r.metrics.vector_drift) problems.push_back(who + "vector drift: " + p);
  }
  if (problems.empty()) return;
  out += "\nproblems:\n";
  for (std::size_t k = 0; k < problems.size() && k < 10; ++k) out += wrap("  " + problems[k], 4);
  if (problems.size() > 10) out += "  ... " + std::to_string(problems.size() - 10) + " more in results.json\n";
}

}  // namespace

std::string range_text(const OverheadSummary& o) {
  return format_number(o.ci95->first) + ".." + format_number(o.ci95->second);
}

std::string mode_label(const std::string& mode) {
  if (mode == "strict") return "stock (strict)";
  if (mode == "spread") return "opt 1 (spread)";
  if (mode == "override") return "opt 3 (override)";
  return mode;
}

std::string arm_label(const std::string& arm, const std::string& mode) {
  if (arm == mode || arm.rfind(mode + "-", 0) != 0) return mode_label(mode);
  return mode_label(mode) + " " + arm.substr(mode.size() + 1);
}

std::string comparison_table(const Comparison& c) {
  const Summary s = summarize(c);
  TableWriter t(s);
  t.out() += header(c) + "\n";
  column_heads(t, s);
  std::string group;
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    if (s.metrics[i].group != group) t.out() += (group = s.metrics[i].group) + "\n";
    t.metric_rows(i);
  }
  overhead_rows(t, c, s);
  correctness_rows(t);
  std::string& out = t.out();
  out += "\n" + explanations(c, s);
  for (std::size_t k = 0; k < t.footnotes().size(); ++k)
    out += wrap("[" + std::to_string(k + 1) + "] " + t.footnotes()[k], 4);
  problem_lines(out, c);
  if (!c.info.run_dir.empty()) out += "\nrun directory: " + c.info.run_dir + "\n";
  return out;
}

}  // namespace irqlab
