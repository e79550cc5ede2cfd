#pragma once
// Files a user hands irqlab (scenarios, presets, layouts, the journal). irqlab
// runs as root and changes interrupts and CPUs, so no input may hang it
// (a FIFO, a terminal), exhaust its memory (/dev/zero, a huge file) or be
// half-read: every such file is read here, whole, or refused in one line.
#include <cstdint>
#include <filesystem>
#include <string>

namespace irqlab {

inline constexpr std::uint64_t kMiB = 1ull << 20;
// Hand-written files: the largest shipped one is a few KiB.
inline constexpr std::uint64_t kTextInputLimit = 1 * kMiB;
// The journal grows by a few lines per change; torture runs write thousands.
inline constexpr std::uint64_t kJournalLimit = 16 * kMiB;

// The whole of a regular file of at most max_bytes. Refused with an Error:
// a missing file ("WHAT not found: PATH"), anything but a regular file
// ("PATH: not a regular file (a FIFO)"), a larger one ("PATH: larger than
// 1 MiB"). Never blocks: the file is opened O_NONBLOCK and checked with
// fstat before the first read.
std::string read_input_file(const std::filesystem::path& path, const std::string& what, std::uint64_t max_bytes);

}  // namespace irqlab
