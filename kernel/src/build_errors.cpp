#include "irqlab/kernel/build_errors.h"

#include <cctype>

#include "irqlab/common/text.h"

namespace irqlab {
namespace {

// Skips "<digits>:" at pos; false when there is none.
bool skip_number(std::string_view s, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos == start || pos >= s.size() || s[pos] != ':') return false;
  ++pos;
  return true;
}

// "<file>:<line>:[<column>:] [fatal ]error: "
bool is_located_error(std::string_view line) {
  for (std::size_t colon = line.find(':'); colon != std::string_view::npos; colon = line.find(':', colon + 1)) {
    std::size_t pos = colon + 1;
    if (colon == 0 || !skip_number(line, pos)) continue;
    std::size_t after_column = pos;
    if (skip_number(line, after_column)) pos = after_column;
    std::string_view rest = line.substr(pos);
    return starts_with(rest, " error: ") || starts_with(rest, " fatal error: ");
  }
  return false;
}

}  // namespace

bool is_compiler_error_line(std::string_view line) {
  if (line.find("error") == std::string_view::npos && line.find("undefined reference to") == std::string_view::npos &&
      !starts_with(line, "ERROR: "))
    return false;
  return is_located_error(line) || line.find("undefined reference to ") != std::string_view::npos ||
         starts_with(line, "ERROR: modpost: ");
}

BuildErrors scan_build_errors(std::string_view output) {
  BuildErrors errors;
  TextLines lines(output);
  std::string_view line;
  while (lines.next(line)) {
    if (!is_compiler_error_line(line)) continue;
    if (errors.count++ == 0) errors.first = std::string(line);
  }
  return errors;
}

}  // namespace irqlab
