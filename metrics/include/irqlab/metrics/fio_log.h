#pragma once
// fio 3.33's per-interval logs (write_iops_log / write_lat_log with
// log_avg_msec, log_alternate_epoch=1, log_alternate_epoch_clock_id=1): one
// line per interval, "time, value, direction, block size, offset[, prio]",
// time in ms on CLOCK_MONOTONIC.
#include <cstdint>
#include <string_view>
#include <vector>

namespace irqlab {

// The latest time a log may give: a century of uptime. Bounded so that the
// spans and spacings computed from the times never overflow.
inline constexpr std::int64_t kMaxFioLogTimeMs = 100ll * 365 * 24 * 3600 * 1000;

struct FioLogSample {
  std::int64_t time_ms = 0;   // CLOCK_MONOTONIC, end of the interval
  std::uint64_t value = 0;    // IOPS, or latency in ns (clat), per the log
  int direction = 0;          // 0 read, 1 write, 2 trim
};

// Throws Error naming the line number of a malformed line.
std::vector<FioLogSample> parse_fio_log(std::string_view text);

}  // namespace irqlab
