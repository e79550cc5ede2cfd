#pragma once
// The runner's one line per stage.
#include <ostream>
#include <string>

#include "irqlab/scenario/runner.h"

namespace irqlab {

inline void say(const RunnerOptions& o, const std::string& line) {
  if (o.log) *o.log << "irqlab: " << line << std::endl;
}

}  // namespace irqlab
