#pragma once
// What a call refuses with, as a string to compare in one EXPECT_EQ.
#include <string>
#include <string_view>
#include <utility>

#include "irqlab/common/error.h"

namespace irqlab {

// The message of the irqlab::Error that f() throws, or `none` when it returns.
// Any other exception passes through: it is not the refusal under test.
template <class F>
std::string error_of(F&& f, std::string_view none = "(no error)") {
  try {
    std::forward<F>(f)();
  } catch (const Error& e) {
    return e.what();
  }
  return std::string(none);
}

}  // namespace irqlab
