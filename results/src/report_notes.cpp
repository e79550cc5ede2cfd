// The prose around the tables (report_notes.h).
#include "report_notes.h"

#include <cstdio>

#include "irqlab/common/text.h"

namespace irqlab::report_text {

namespace {

// One line for all modes: they differ only in irq_managed=. The lab's
// init= is a path of the run directory, not a kernel setting.
std::string shown_cmdline(const ModeRun& run) {
  std::string cmdline = run.cmdline;
  const std::string asked = mode_parameter(run.mode);
  const auto at = cmdline.find(asked);
  if (at != std::string::npos) cmdline.replace(at, asked.size(), "irq_managed=<mode>");
  std::string shown;
  for (const std::string& word : split_whitespace(cmdline))
    if (!starts_with(word, "init=")) shown += (shown.empty() ? "" : " ") + word;
  return shown;
}

std::string scenario_text(const ComparisonInfo& i) {
  return i.scenario + ", " + format_number(i.duration_s) + " s, " + std::to_string(i.repetitions) +
         (i.repetitions == 1 ? " boot" : " boots") + " per arm, seed " + std::to_string(i.seed);
}

std::string marks_text(const Summary& s, const ArmComparison& h) {
  char alpha[16];
  std::snprintf(alpha, sizeof alpha, "%g", s.alpha);
  if (h.tested == 0)
    return std::string("Marks: none; at these n no metric can reach p <= ") + alpha +
           " (two-sided Mann-Whitney U; 3 vs 3 boots cannot, 4 vs 4 can).";
  return std::string("Marks: two-sided Mann-Whitney U, Benjamini-Hochberg adjusted p <= ") + alpha + " over the " +
         std::to_string(h.tested) +
         " metrics these n can resolve: better/worse (higher/lower where neither is better); ~ no significant "
         "difference; 'n small': these n cannot reach p <= " +
         alpha + ".";
}

std::string noise_text(const Summary& s) {
  std::string noise = "Noise: steady IOPS varies " + format_number(*s.steady_iops_cv * 100) +
                      "% between boots of one arm (median CV); at n=" + std::to_string(*s.n_per_arm) + " per arm ";
  if (s.detectable_shift)
    return noise + "a shift of " + format_number(*s.detectable_shift * 100) +
           "% at that noise is detected 90% of the time (simulated, one metric, before the adjustment).";
  return noise + "no shift up to 100% at that noise is detected 90% of the time: more boots are needed.";
}

}  // namespace

std::vector<Item> provenance(const Comparison& c) {
  const ComparisonInfo& i = c.info;
  std::vector<Item> items{{"scenario", scenario_text(i)}};
  std::string kernel = c.runs.empty() ? "" : c.runs.front().kernel_release;
  if (!i.series_hash.empty()) kernel += ", series " + i.series_hash.substr(0, 12) + " (" + i.patches + ")";
  if (!kernel.empty()) items.push_back({"kernel", kernel});
  if (!i.kernel_source.empty()) items.push_back({"source", i.kernel_source});
  if (!i.topology.empty()) items.push_back({"topology", i.topology});
  if (!c.runs.empty())
    if (std::string cmdline = shown_cmdline(c.runs.front()); !cmdline.empty()) items.push_back({"cmdline", cmdline});
  if (!i.where.empty()) items.push_back({"where", i.where});
  if (i.order_seed) {
    std::string order = "boots in random blocks of one per arm (seed " + std::to_string(*i.order_seed) + "):";
    for (const ModeRun& r : c.runs) order += " " + r.arm + "/" + std::to_string(r.repetition);
    items.push_back({"order", order});
  }
  if (!i.run_dir.empty()) items.push_back({"run directory", i.run_dir});
  return items;
}

std::vector<std::string> explanations(const Comparison& c, const Summary& s) {
  std::vector<std::string> out{
      "Cells: the median over boots (one value per boot); with it the distribution-free 95% interval of that "
      "median, or n where fewer than 6 boots allow none (n=k/N: only k of N boots had the figure). '!': a boot lost "
      "trace events inside that figure's window."};
  if (!s.comparisons.empty()) {
    const ArmComparison& h = s.comparisons.front();
    out.push_back(h.label + ": the shift of " + h.b + " against " + h.a +
                  " (Hodges-Lehmann; for times and rates of log values, a relative difference in %; for shares "
                  "and percentages a difference in points, pt) with its 95% Mann-Whitney interval. " +
                  marks_text(s, h));
  }
  if (s.steady_iops_cv && s.n_per_arm) out.push_back(noise_text(s));
  if (c.info.where.find("virtual lab") != std::string::npos)
    out.push_back("Virtual-lab timings are emulator (TCG) timings: compare arms within this table, never with "
                  "hardware figures.");
  return out;
}

std::vector<std::string> problems(const Comparison& c) {
  std::vector<std::string> out;
  for (const ModeRun& r : c.runs) {
    const std::string who = r.arm + "/" + std::to_string(r.repetition) + ": ";
    for (const std::string& p : r.metrics.kernel_problems) out.push_back(who + p);
    for (const std::string& p : r.metrics.vector_drift) out.push_back(who + "vector drift: " + p);
  }
  return out;
}

}  // namespace irqlab::report_text
