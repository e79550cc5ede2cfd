#pragma once
// The words of the per-arm tables, shared by the text table, report.md and
// report.html so that the three agree to the character: a cell's median,
// its n and interval, the headline shift, and the rows below the metrics
// (tracing overhead, correctness), with "n/a [k]" footnotes numbered in the
// order they first appear.
#include <functional>
#include <string>
#include <vector>

#include "irqlab/results/summary.h"

namespace irqlab::report_text {

class Footnotes {
 public:
  // "n/a [k]": k is the reason's number, the same reason the same number.
  std::string na(const std::string& reason);
  const std::vector<std::string>& reasons() const { return reasons_; }

 private:
  std::vector<std::string> reasons_;
};

// "5.27", "5.27 !" (a boot lost trace events in the figure's window); "" when no boot has it.
std::string median_text(const MetricSpec& spec, const MetricCell& c);
// "n=6", "n=2/5" (only 2 of 5 boots had the figure).
std::string n_text(const MetricCell& c);
// "4.90..5.60", or "" below 6 boots.
std::string interval_text(const MetricSpec& spec, const MetricCell& c);
// The table's second line: the interval where there is one, else n.
std::string spread_text(const MetricSpec& spec, const MetricCell& c);

// The headline comparison: "+3.2%" and "-1.0..+5.0%" ("" where not estimated).
std::string shift_text(const MetricSpec& spec, const MetricComparison& m);
std::string shift_interval_text(const MetricSpec& spec, const MetricComparison& m);
// A p-value in two significant digits: "0.041", "0.0079", "<0.0001".
std::string p_text(double p);
// The headline comparison's columns: metric, shift [95% interval], mark, adjusted p.
const std::vector<std::string>& verdict_columns();
// Why the headline comparison has no row to show ("fewer than 2 boots in one
// arm"), or "" when some metric was compared.
std::string nothing_compared(const ArmComparison& h);

// A row below the metrics: its label ("  moves accepted") and, per arm, two
// lines (the second often empty).
struct ArmRow {
  std::string label;
  std::vector<std::pair<std::string, std::string>> cells;  // parallel to Summary::arms
};
std::string overhead_heading(const ComparisonInfo& info);  // "tracing overhead: target <= 3% of IOPS"
// Empty when no arm ran the overhead probe.
std::vector<ArmRow> overhead_rows(const Summary& s, Footnotes& notes);
// "all arms pooled: ..." (empty with one arm or no probe).
std::string pooled_overhead_text(const Summary& s);
std::vector<ArmRow> correctness_rows(const Summary& s, Footnotes& notes);

// The rows under the metrics, as (heading, rows): the tracing overhead (when
// an arm ran the probe), then correctness. Call after the metric rows, so
// that their footnotes come first in every rendering.
std::vector<std::pair<std::string, std::vector<ArmRow>>> arm_row_groups(const Comparison& c, const Summary& s,
                                                                        Footnotes& notes);

// Each metric in catalog order, group() first where a new group starts.
void for_each_metric(const Summary& s, const std::function<void(const std::string& group)>& group,
                     const std::function<void(std::size_t metric)>& metric);

}  // namespace irqlab::report_text
