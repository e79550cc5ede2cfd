// fio's per-interval IOPS and latency logs.
#include "fuzz_input.h"
#include "irqlab/metrics/fio_log.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) { irqlab::parse_fio_log(text); });
}
