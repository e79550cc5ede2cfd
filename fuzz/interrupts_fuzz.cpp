// /proc/interrupts.
#include "fuzz_input.h"
#include "irqlab/topology/interrupts.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::InterruptTable table = irqlab::parse_proc_interrupts(text);
    table.find_by_name("nvme0q1");
    table.find_by_irq("LOC");
  });
}
