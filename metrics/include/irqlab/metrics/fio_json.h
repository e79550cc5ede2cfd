#pragma once
// fio 3.33's json+ output, the parts of it that a run reports. The command
// that makes it is the scenario's (scenario/fio.h); reading it is metrics'.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct LatencySummary {
  double mean_us = 0, min_us = 0, max_us = 0;
  std::map<double, double> percentiles_us;  // keys 50, 90, 99, 99.9
};

struct FioResult {
  std::string fio_version;                  // "fio-3.33"
  double read_iops = 0, write_iops = 0;
  std::uint64_t total_ios = 0;              // read + write
  LatencySummary completion;                // clat of the dominant direction
  int error = 0;                            // fio's per-job error field (non-zero = I/O error)
};

// The percentiles parse_fio_json() reports, in order.
const std::vector<double>& reported_percentiles();

// Sums all jobs; with several jobs the percentiles come from the merged
// json+ latency bins, never from averaged percentiles.
// Throws Error naming what is missing or malformed.
FioResult parse_fio_json(std::string_view json);

}  // namespace irqlab
