#pragma once
// One external command of a kernel build, with the words that name it in a
// message ("make tinyconfig failed (exit status 2): ...").
#include <string>
#include <vector>

namespace irqlab {

struct KernelCommand {
  std::string what;
  std::vector<std::string> argv;
};

}  // namespace irqlab
