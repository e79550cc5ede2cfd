// debugfs' VECTOR domain file. A matrix compared with itself has no drift.
#include "fuzz_input.h"
#include "irqlab/metrics/vector_matrix.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return irqlab::fuzz::parse_input(data, size, [](std::string_view text) {
    const irqlab::VectorMatrix matrix = irqlab::parse_vector_matrix(text);
    if (!irqlab::managed_reservation_drift(matrix, matrix).empty()) std::abort();
  });
}
