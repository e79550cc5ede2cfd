#pragma once
// The comparison of kernel modes over one scenario: the runs (one boot each),
// what the main job knows of them, and two renderings of their summary
// (summary.h): results.json (schema irqlab.results/2, results/README.md) and
// the fixed-width table (report.md and report.html: markdown_report.h,
// html_report.h). Reporters only: they read metrics and never the run
// directories (report.h builds a Comparison from those).
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/metrics/metrics.h"

namespace irqlab {

struct Summary;  // summary.h

inline constexpr const char* kResultsJsonSchema = "irqlab.results/2";

struct ModeRun {
  std::string arm;                // what is compared: the mode, or "override-b" for a second arm of one mode
  ManagedMode mode = ManagedMode::Strict;  // in force in the kernel (RunRecords::mode)
  unsigned repetition = 1;        // 1.. within the arm
  unsigned position = 0;          // 1.. in the order the boots ran; 0: unknown
  std::filesystem::path dir;      // the run directory
  std::string kernel_release, cmdline;
  RunMetrics metrics;
  nlohmann::ordered_json microbench = nullptr;  // this boot's Google Benchmark JSON
};

struct ComparisonInfo {
  std::string scenario, description;
  double duration_s = 0;
  unsigned repetitions = 1;
  std::uint64_t seed = 0;
  std::optional<std::uint64_t> order_seed;  // the seed of the interleaved block order, when the main job ran it
  double overhead_target_percent = 3;   // the scenario's overhead-target
  std::string kernel_source, series_hash, patches;  // from the kernel build; empty on a lab machine
  std::string topology;           // preset summary or the machine's
  std::string where;              // "virtual lab (QEMU TCG)" or the host name
  std::string run_dir;
};

struct Comparison {
  ComparisonInfo info;
  std::vector<ModeRun> runs;      // in the order they ran
};

// "stock (strict)", "opt 1 (spread)", "opt 3 (override)": option 1 and 3 of the design thread.
std::string mode_label(ManagedMode mode);
// The same for an arm: "opt 3 (override) b" for the second arm of an A/A.
std::string arm_label(const std::string& arm, ManagedMode mode);

// The tracing overhead of one arm, over the window pairs of all its boots,
// judged against the scenario's target. Boots are not pooled as if their
// pairs were independent: one boot gives the distribution-free interval of
// the median over its pairs; six boots or more the interval of the median of
// the boots' medians; between them each boot is judged on its own and the
// arm is "met" ("exceeded") only when every boot is. "met" needs the whole
// 95% interval at or below the target and the interval no wider than twice
// the target; "exceeded" the whole interval above it; else "unresolved",
// with the probe length that would likely resolve it. nullopt: no probe in
// this arm. An empty arm pools every run: the probe runs before the first
// event, when the modes differ in nothing tracing touches.
struct OverheadSummary {
  double median_percent = 0;
  std::optional<std::pair<double, double>> ci95;
  std::size_t pairs = 0, boots = 0;
  std::string verdict;
  std::optional<double> probe_s_to_resolve;  // unresolved: the probe length per boot that would likely resolve it
};
std::optional<OverheadSummary> tracing_overhead(const Comparison& c, const std::string& arm);
// Its interval as the table shows it: "0.74..2.50".
std::string range_text(const OverheadSummary& o);

// Each renderer summarizes the comparison, or takes the summary summarize(c)
// made, so that one summary serves every file of a report.
nlohmann::ordered_json comparison_json(const Comparison& c);
nlohmann::ordered_json comparison_json(const Comparison& c, const Summary& s);

// Plain ASCII, one column per arm and one for the comparison of option 1
// with option 3 (or of the two arms of an A/A), no line over 78 columns;
// "n/a [k]" where a metric does not apply, with the reason in footnote k.
std::string comparison_table(const Comparison& c);
std::string comparison_table(const Comparison& c, const Summary& s);

}  // namespace irqlab
