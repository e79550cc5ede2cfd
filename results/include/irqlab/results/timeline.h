#pragma once
// What the HTML report plots over time that the Summary does not keep: each
// boot's IOPS over the load and the instants of the scenario's events.
// build_report() (report.h) makes it from the run records, so reporters
// never read a run directory.
#include <cstdint>
#include <string>
#include <vector>

#include "irqlab/metrics/fio_log.h"
#include "irqlab/scenario/event_kind.h"

namespace irqlab {

struct SeriesPoint {
  double t_s = 0;     // seconds from the start of the load
  double value = 0;   // NaN: a gap (no sample for more than 1.5 intervals)
};

struct BootSeries {
  std::string arm;
  unsigned repetition = 1;
  std::vector<SeriesPoint> iops;  // summed over fio's jobs, one point per log interval
};

struct EventMarker {
  double t_s = 0;       // planned, from the start of the load (every boot plans the same)
  EventKind kind = EventKind::Move;
  std::string text;     // "move nvme0q3 -> 2-3"
};

struct Timelines {
  double interval_s = 0.1;          // fio's log interval
  double duration_s = 0;            // the longest load
  std::vector<BootSeries> boots;    // in run order
  std::vector<EventMarker> events;  // in time order, each once
};

// A boot's IOPS from its merged per-interval log (instants in ms on the
// load's clock), in seconds from start_ns; a step of more than 1.5
// intervals between two samples puts a gap (NaN) between them.
std::vector<SeriesPoint> iops_series(const std::vector<FioLogSample>& iops, std::int64_t start_ns,
                                     std::int64_t interval_ns);

// The median over boots at each interval of the load (a boot's points are
// put on the interval nearest their instant); an interval no boot has is a gap.
std::vector<SeriesPoint> median_series(const std::vector<const BootSeries*>& boots, double interval_s);

}  // namespace irqlab
