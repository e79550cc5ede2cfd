#include "irqlab/lab/guest_init.h"

#include "guest_init_text.h"

namespace irqlab {

std::string_view guest_init_script() { return kGuestInitText; }

}  // namespace irqlab
