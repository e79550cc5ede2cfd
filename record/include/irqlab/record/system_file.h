#pragma once
// Files of the live system the runner and its recorders read and write:
// procfs and sysfs tables, tracefs knobs.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace irqlab {

// The file's text, "" when it is missing, unreadable or refused (bounded by
// max_bytes): for a snapshot or a message, where a gap is no failure.
std::string read_or_empty(const std::filesystem::path& file, std::uint64_t max_bytes);

// Writes "value\n" to a tracefs or sysfs knob; false when the kernel refused it.
bool write_knob(const std::filesystem::path& file, std::string_view value);

// /sys/kernel/tracing, or the debugfs path of older mounts; empty when
// neither has events/.
std::filesystem::path tracefs_root();

// The directory of tracepoint "sys:name" under a tracefs root or instance
// (events/sys/name); empty when the name has no subsystem.
std::filesystem::path tracefs_event_dir(const std::filesystem::path& tracing_dir, std::string_view event);

}  // namespace irqlab
