// A scenario file, then what `irqlab scenario check --plan` does with it on
// the fixture machine: the fio command and the planned events.
#include "fixture_machine.h"
#include "fuzz_input.h"
#include "irqlab/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::Scenario s = irqlab::parse_scenario(text, "fuzz.scenario");
    irqlab::format_duration(s.duration_ns);
    const irqlab::Machine& m = irqlab::fuzz::fixture_machine();
    irqlab::fio_command(irqlab::resolve_fio_load(s, m), "fio.json");
    for (const irqlab::PlannedEvent& e : irqlab::plan_events(s, m, {0})) {
      irqlab::format_duration(e.at_ns);
      e.describe();
    }
  });
}
