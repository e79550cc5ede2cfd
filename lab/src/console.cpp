#include "irqlab/lab/console.h"

#include <vector>

#include "irqlab/common/text.h"

namespace irqlab {
namespace {

// Lines without their carriage returns (the serial console emits CRLF).
std::vector<std::string> console_lines(std::string_view text) {
  std::vector<std::string> lines = split(text, '\n');
  for (std::string& line : lines) {
    std::erase(line, '\r');
  }
  return lines;
}

}  // namespace

std::optional<std::string> find_panic_line(std::string_view console) {
  constexpr std::string_view kPanic = "Kernel panic - not syncing";
  for (const std::string& line : console_lines(console)) {
    std::size_t pos = line.find(kPanic);
    // Skip the "---[ end Kernel panic ..." trailer: the first line has it all.
    if (pos != std::string::npos) return std::string(trim(std::string_view(line).substr(pos)));
  }
  return std::nullopt;
}

std::optional<std::string> find_init_error(std::string_view console) {
  constexpr std::string_view kInitError = "irqlab-init: error:";
  std::optional<std::string> found;
  for (const std::string& line : console_lines(console)) {
    std::size_t pos = line.find(kInitError);
    if (pos != std::string::npos) found = std::string(trim(std::string_view(line).substr(pos)));
  }
  return found;
}

std::string console_tail(std::string_view console, std::size_t lines) {
  std::string text(console);
  std::erase(text, '\r');
  return tail_lines(text, lines);
}

std::string qemu_error_line(std::string_view qemu_output) {
  std::string last;
  std::string qemu_line;
  for (const std::string& line : console_lines(qemu_output)) {
    std::string_view t = trim(line);
    if (t.empty()) continue;
    last = std::string(t);
    // qemu prefixes its own messages with its program name; warnings are
    // less telling than errors, so a later error line wins.
    if (starts_with(t, "qemu-system-") && t.find(": warning:") == std::string_view::npos) qemu_line = last;
  }
  return qemu_line.empty() ? last : qemu_line;
}

std::optional<int> parse_exit_status(std::string_view text) {
  auto v = parse_int(trim(text));
  if (!v || *v < 0 || *v > 255) return std::nullopt;
  return static_cast<int>(*v);
}

}  // namespace irqlab
