#pragma once
// Reading what a lab VM left behind: its serial console and qemu's own
// output, for one-line error messages.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace irqlab {

// "Kernel panic - not syncing: <reason>" (first occurrence, without the
// printk timestamp), if the guest panicked.
std::optional<std::string> find_panic_line(std::string_view console);

// The last "irqlab-init: error: ..." line the guest init printed, if any.
std::optional<std::string> find_init_error(std::string_view console);

// The last `lines` lines of the console, carriage returns removed.
std::string console_tail(std::string_view console, std::size_t lines = 30);

// QEMU's own error line ("qemu-system-x86_64: -device foo: ...") in its
// output, else its last non-empty line.
std::string qemu_error_line(std::string_view qemu_output);

// The exit status the init script recorded ("0\n"), if it is a number.
std::optional<int> parse_exit_status(std::string_view text);

}  // namespace irqlab
