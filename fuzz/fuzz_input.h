#pragma once
// What every fuzz target does with one input: its bytes, as text, go to a
// parser. irqlab::Error is the answer to bad input; any other exception is
// a bug (the command would print "internal: ..."), so the target aborts and
// libFuzzer keeps the input as a crash. Memory errors and undefined
// behaviour are ASan's and UBSan's to report.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

#include "irqlab/common/error.h"

namespace irqlab::fuzz {

template <typename Parse>
int parse_input(const std::uint8_t* data, std::size_t size, Parse parse) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    parse(text);
  } catch (const Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "internal: %s\n", e.what());
    std::abort();
  }
  return 0;
}

}  // namespace irqlab::fuzz
