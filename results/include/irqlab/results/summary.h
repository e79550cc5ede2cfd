#pragma once
// One summary of a Comparison, built once and rendered twice (the table and
// results.json). The boot is the unit: each run gives one value per metric
// (metric_catalog(): what a metric is, its unit, which way is better); an
// arm's cell is the median over its runs with n and, from 6 runs, the
// distribution-free 95% interval of that median. Arms are compared per
// metric by the Hodges-Lehmann shift with its Mann-Whitney interval and the
// two-sided Mann-Whitney U p-value; the Benjamini-Hochberg procedure
// controls the error over the metrics of one comparison (under an A/A
// comparison, where every null is true, that is the chance of any false
// mark).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/results/comparison.h"

namespace irqlab {

enum class Better { Lower, Higher, Neither };
// "lower", "higher", "neither": results.json's words, and back (nullopt: not one).
const char* better_text(Better b);
std::optional<Better> better_from_text(std::string_view text);
enum class MetricFormat { Number, Iops, Share, Percent };  // how a value prints: 5.27, 78.2k, 91.0%, 3.2%

struct MetricSpec {
  std::string key;                 // "move.write_returned.p50_ms": results.json's name
  std::string group;               // the table's heading
  std::string label;               // the table's row
  std::string unit;                // "ms", "IOPS", "share", "%"
  Better better = Better::Lower;
  bool rate = false;               // averaged harmonically (IOPS); times and the rest arithmetically
  // Arms compared by ratio (a shift of log values, shown as %): times and
  // rates. Shares and percentages are compared by difference (points), so
  // 1.0% against 1.3% reads +0.30pt, not +30%; so is anything that is 0 in
  // some boot.
  bool relative = true;
  // Computed from the trace: a boot that lost trace events inside its window
  // lacks the figure (metrics/metrics.h), and the cell says so.
  bool from_trace = false;
  MetricFormat format = MetricFormat::Number;
  // One value per run, or none with the reason (shown as "n/a [k]").
  std::function<std::optional<double>(const ModeRun&)> value;
  std::function<std::string(const ModeRun&)> absent;
};

// The metrics compared for these runs: the fixed ones, then one pair per
// layout of a layout sequence.
std::vector<MetricSpec> metric_catalog(const std::vector<ModeRun>& runs);

struct MetricCell {
  std::vector<double> values;      // one per run that has the metric, in run order
  std::vector<unsigned> repetitions;
  std::size_t boots = 0;           // runs in the arm; values.size() may be fewer
  double median = 0;
  std::optional<std::pair<double, double>> ci95;  // from 6 runs, when every run has a value
  double mean = 0;                 // harmonic for rates, else arithmetic
  std::string absent;              // no value in any run: why
  bool invalid = false;            // a run's trace lost events inside the window of this figure
};

struct ArmSummary {
  std::string arm, label;
  ManagedMode mode = ManagedMode::Strict;
  std::vector<const ModeRun*> runs;
  std::vector<MetricCell> cells;   // parallel to Summary::metrics
  unsigned moves = 0, accepted = 0, refused = 0, cpu_events = 0, cpu_failed = 0;
  unsigned fio_errors = 0;         // runs with an fio error
  std::size_t kernel_problems = 0, vector_drift = 0;
  std::uint64_t lost_trace_events = 0;  // over its boots
  bool vector_checked = false;
  std::optional<OverheadSummary> overhead;
};

enum class Mark { Better, Worse, Higher, Lower, Same, NTooSmall, NotTested };
std::string mark_text(Mark m);     // "better", "worse", "higher", "lower", "~", "n small", ""

struct MetricComparison {
  bool ratio = true;               // shift of log values (relative %); false: plain difference in the unit
  std::optional<double> estimate;  // percent (ratio) or unit difference, of b against a
  std::optional<std::pair<double, double>> ci95;
  std::optional<double> p_value, p_adjusted, min_p;
  Mark mark = Mark::NotTested;
  std::string why_not;             // NotTested: why
};

struct ArmComparison {
  std::string a, b;                // arm names: b is compared against a
  std::string label;               // "opt 3 vs opt 1"
  std::vector<MetricComparison> metrics;  // parallel to Summary::metrics
  std::size_t tested = 0;          // the family the adjustment is over
};

// Cells b against cells a, metric by metric (parallel vectors), adjusted by
// Benjamini-Hochberg over the metrics their n can resolve: two arms of one
// night, or one arm on two nights (irqlab compare). a, b and label are left
// to the caller.
ArmComparison compare_cells(const std::vector<MetricSpec>& metrics, const std::vector<MetricCell>& a,
                            const std::vector<MetricCell>& b, double alpha);

struct Summary {
  std::vector<MetricSpec> metrics;
  std::vector<ArmSummary> arms;    // stock, option 1, option 3, then arms of other modes
  std::vector<ArmComparison> comparisons;  // the headline first (the table's column), then the rest
  double alpha = 0.05;
  // The noise: the median within-arm coefficient of variation of steady
  // IOPS, and the smallest shift the arms' n detects at 90% power.
  std::optional<double> steady_iops_cv;
  std::optional<double> detectable_shift;
  std::optional<std::size_t> n_per_arm;
  std::optional<OverheadSummary> overhead_pooled;  // every boot of every arm
};

Summary summarize(const Comparison& c);

// The table's rendering of a value of a metric: "5.27", "78.2k", "91.0%".
std::string format_value(const MetricSpec& m, double v);
// An interval in at most 12 characters: "0.08..0.12", "78.2..81.0k", "12.0..12.1%".
std::string format_interval(const MetricSpec& m, double low, double high);
// A shift of one arm against another: "+3.2%" (relative), "+1.20pt", "+0.52".
std::string format_shift(const MetricSpec& m, bool ratio, double v);
std::string format_shift_interval(const MetricSpec& m, bool ratio, double low, double high);
// Numbers as the table shows them: three significant digits, at most.
std::string format_number(double v);

}  // namespace irqlab
