// A boot's merged IOPS log as points on the load's time axis, and the
// median of an arm's boots on that axis.
#include <cmath>
#include <map>

#include "irqlab/common/statistics.h"
#include "irqlab/results/timeline.h"

namespace irqlab {

std::vector<SeriesPoint> iops_series(const std::vector<FioLogSample>& iops, std::int64_t start_ns,
                                     std::int64_t interval_ns) {
  std::vector<SeriesPoint> out;
  const double gap_ms = 1.5 * static_cast<double>(interval_ns) / 1e6;
  for (std::size_t k = 0; k < iops.size(); ++k) {
    const double t_s = (static_cast<double>(iops[k].time_ms) * 1e6 - static_cast<double>(start_ns)) / 1e9;
    if (k > 0 && static_cast<double>(iops[k].time_ms - iops[k - 1].time_ms) > gap_ms)
      out.push_back({(out.back().t_s + t_s) / 2, std::nan("")});
    out.push_back({t_s, static_cast<double>(iops[k].value)});
  }
  return out;
}

std::vector<SeriesPoint> median_series(const std::vector<const BootSeries*>& boots, double interval_s) {
  if (interval_s <= 0) return {};
  std::map<long, std::vector<double>> at;
  for (const BootSeries* b : boots)
    for (const SeriesPoint& p : b->iops)
      if (std::isfinite(p.value)) at[std::lround(p.t_s / interval_s)].push_back(p.value);
  std::vector<SeriesPoint> out;
  long previous = 0;
  for (const auto& [k, values] : at) {
    if (!out.empty() && k > previous + 1)
      out.push_back({(static_cast<double>(previous + k) / 2) * interval_s, std::nan("")});
    out.push_back({static_cast<double>(k) * interval_s, stats::median(values)});
    previous = k;
  }
  return out;
}

}  // namespace irqlab
