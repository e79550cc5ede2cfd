// perf script's text; and the same bytes read as an ftrace or trace-cmd
// trace, turned into perf script's lines and parsed as a run's ftrace.txt is.
#include "fuzz_input.h"
#include "irqlab/record/trace_events.h"
#include "irqlab/scenario/scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  irqlab::fuzz::parse_input(data, size, [](std::string_view text) { irqlab::parse_perf_script(text); });
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    irqlab::parse_perf_script(irqlab::ftrace_as_perf_script(text, irqlab::default_trace_events()));
  });
}
