// A layout file planned on the fixture machine, printed as `irqlab layout`
// prints it (table and JSON).
#include "fixture_machine.h"
#include "fuzz_input.h"
#include "irqlab/layout/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::LayoutPlan plan = irqlab::parse_layout_text(irqlab::fuzz::fixture_machine(), text, "fuzz.layout");
    irqlab::layout_plan_table(plan);
    irqlab::layout_plan_json(plan).dump();
  });
}
