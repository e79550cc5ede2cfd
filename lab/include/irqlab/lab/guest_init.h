#pragma once
// The guest's PID 1: lab/src/guest-init.sh, compiled in.
#include <string_view>

namespace irqlab {

std::string_view guest_init_script();

}  // namespace irqlab
