#include "fixture_machine.h"

#include "irqlab/topology/discovery.h"

namespace irqlab::fuzz {

const Machine& fixture_machine() {
  static const Machine machine = discover(DiscoveryOptions{IRQLAB_FUZZ_FIXTURE_ROOT, {}});
  return machine;
}

}  // namespace irqlab::fuzz
