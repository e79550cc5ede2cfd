#pragma once
// YAML scalars as irqlab's LAVA files write them.
#include <string>

namespace irqlab {

// A single-quoted YAML scalar ('' is its only escape). Throws Error for a
// line break, which a single-quoted scalar would fold.
std::string yaml_quoted(const std::string& value);

}  // namespace irqlab
