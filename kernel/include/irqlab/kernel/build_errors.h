#pragma once
// The errors in a kernel build's output: what the compiler and the linker
// print, not make's "*** [...] Error 1" lines that follow them.
#include <string>
#include <string_view>

namespace irqlab {

// "kernel/irq/irqdomain.c:1036:21: error: ...", "fatal error:" likewise,
// "...: undefined reference to `x'", "ERROR: modpost: ...".
bool is_compiler_error_line(std::string_view line);

struct BuildErrors {
  int count = 0;
  std::string first;  // the first such line, "" when none
};

BuildErrors scan_build_errors(std::string_view output);

}  // namespace irqlab
