#pragma once
// The text of a fixture file. IRQLAB_FIXTURES_DIR is defined per test binary
// (irqlab_add_unit_test), so this is inline: each test sees its own.
#include <string>

#include "irqlab/common/files.h"

#ifndef IRQLAB_FIXTURES_DIR
#error "irqlab/testing/fixture.h is for unit tests: IRQLAB_FIXTURES_DIR is not defined"
#endif

namespace irqlab {

inline std::string read_fixture(const std::string& name) {
  return read_file(std::string(IRQLAB_FIXTURES_DIR) + "/" + name);
}

}  // namespace irqlab
