#pragma once
// The comparison of kernel modes over one scenario: results.json (schema
// irqlab.results/1, documented in results/README.md) and the fixed-width
// table printed at the end of a run. Reporters only: they read metrics and
// never the run directories.
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/bench/metrics.h"

namespace irqlab {

inline constexpr const char* kResultsJsonSchema = "irqlab.results/1";

struct ModeRun {
  std::string mode;               // strict, spread, override
  unsigned repetition = 1;
  std::filesystem::path dir;      // the run directory
  std::string kernel_release, cmdline;
  RunMetrics metrics;
};

struct ComparisonInfo {
  std::string scenario, description;
  double duration_s = 0;
  unsigned repetitions = 1;
  std::uint64_t seed = 0;
  double overhead_target_percent = 3;   // the scenario's overhead-target
  std::string kernel_source, series_hash, patches;  // from the kernel build; empty on a lab machine
  std::string topology;           // preset summary or the machine's
  std::string where;              // "virtual lab (QEMU TCG)" or the host name
  std::string run_dir;
};

struct Comparison {
  ComparisonInfo info;
  std::vector<ModeRun> runs;      // mode by mode, repetition by repetition
  nlohmann::ordered_json microbench = nullptr;  // {mode: Google Benchmark JSON}
};

// "stock (strict)", "opt 1 (spread)", "opt 3 (override)": option 1 and 3 of the design thread.
std::string mode_label(const std::string& mode);

// The tracing overhead of one mode, over the window pairs of all its
// repetitions, judged against the scenario's target by the 95% confidence
// interval of the median: "met" when the whole interval is at or below the
// target, "exceeded" when it is wholly above, else "unresolved" (the probe
// was too short, or too noisy, to tell). nullopt: no probe in this mode.
// An empty mode pools every run: the probe runs before the first event, when
// the modes differ in nothing tracing touches, so it measures one cost.
struct OverheadSummary : OverheadEstimate {
  std::string verdict;
};
std::optional<OverheadSummary> tracing_overhead(const Comparison& c, const std::string& mode);

nlohmann::ordered_json comparison_json(const Comparison& c);

// Plain ASCII, one column per mode, no line over 80 columns; "n/a [k]" where
// a metric does not apply, with the reason in footnote k.
std::string comparison_table(const Comparison& c);

}  // namespace irqlab
