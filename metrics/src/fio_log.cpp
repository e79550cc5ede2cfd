#include "irqlab/metrics/fio_log.h"

#include <string>

#include "irqlab/common/error.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

// fio's iolog.c flush_samples() prints "%lu, %lu, %u, %llu, %llu" (time,
// value, ddir, bs, offset) and ", %u" more with the priority. With
// log_alternate_epoch the time is the job's start on the chosen clock, in ms,
// plus the ms elapsed since.

namespace irqlab {
namespace {

template <typename T>
bool field(std::string_view s, T& out) {
  return parse_number_into(trim(s), out);
}

}  // namespace

std::vector<FioLogSample> parse_fio_log(std::string_view text) {
  std::vector<FioLogSample> samples;
  TextLines lines(text);
  std::string_view raw;
  while (lines.next(raw)) {
    const std::size_t line_no = lines.number();
    const std::string_view line = trim(raw);
    if (line.empty()) continue;

    auto fail = [&](const std::string& what) -> void {
      throw Error("fio log line " + std::to_string(line_no) + ": " + what + ": '" + std::string(line) + "'");
    };
    std::string_view fields[6];
    std::size_t count = 0;
    for (std::size_t start = 0;;) {
      std::size_t comma = line.find(',', start);
      if (count == 6) fail("more than 6 fields");
      fields[count++] = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (count < 5) fail("fewer than 5 fields");

    FioLogSample s;
    std::uint64_t block_size = 0, offset = 0;
    if (!field(fields[0], s.time_ms) || s.time_ms < 0 || s.time_ms > kMaxFioLogTimeMs) fail("bad time");
    if (!field(fields[1], s.value)) fail("bad value");
    if (!field(fields[2], s.direction) || s.direction < 0 || s.direction > 2) fail("bad direction");
    if (!field(fields[3], block_size) || !field(fields[4], offset)) fail("bad block size or offset");
    unsigned prio = 0;
    if (count == 6 && !field(fields[5], prio)) fail("bad priority");
    samples.push_back(s);
  }
  return samples;
}

}  // namespace irqlab
