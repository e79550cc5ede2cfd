#pragma once
// The machine the layout and scenario targets plan on: a captured lab guest
// (topology/tests/fixtures/numa4-2nvme: 4 nodes, 2 NVMe controllers),
// discovered once per process.
#include "irqlab/topology/machine.h"

namespace irqlab::fuzz {

const Machine& fixture_machine();

}  // namespace irqlab::fuzz
