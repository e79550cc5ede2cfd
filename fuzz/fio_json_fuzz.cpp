// fio's json+ output.
#include "fuzz_input.h"
#include "irqlab/metrics/fio_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) { irqlab::parse_fio_json(text); });
}
