// A lab topology preset, and its summary.
#include "fuzz_input.h"
#include "irqlab/topology/preset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::LabTopology topology = irqlab::parse_preset(text, "fuzz.preset");
    topology.summary();
    topology.total_memory_bytes();
  });
}
