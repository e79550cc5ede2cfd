#pragma once
// Small file helpers whose errors name the file.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

// For tests and tools reading files they know (fixtures, what irqlab wrote):
// what irqlab reads as input goes through read_input_file (input_file.h) with
// the cap of its kind. Bounded all the same (regular files, at most 1 GiB).
std::string read_file(const std::filesystem::path& path);
// Writes through a temporary file and rename(2), so readers never see half.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

std::string sha256_hex(std::string_view data);
// Streams the file (a kernel tarball is too large to hold); anything but a
// regular file is refused, as read_input_file refuses it, so that a FIFO
// cannot block. `what` names it when it is missing: "patch not found: PATH".
std::string sha256_file(const std::filesystem::path& path, const std::string& what);

// The stems of the <name><extension> files in dir, sorted (none when dir is unreadable).
std::vector<std::string> names_in(const std::filesystem::path& dir, const std::string& extension);

// A data file given on the command line as a name or a path (a scenario, a
// preset, a night): a path when it holds a '/' or ends in `extension`, else
// <dir>/<name><extension>, which must be a regular file. An unknown name is an
// Error listing the known ones: "unknown preset 'x' (presets in DIR: a, b)".
std::filesystem::path resolve_name_or_path(const std::string& name_or_path, const std::filesystem::path& dir,
                                           const std::string& extension, const std::string& kind);

// $IRQLAB_CACHE_DIR, else $XDG_CACHE_HOME/irqlab, else ~/.cache/irqlab.
std::filesystem::path default_cache_dir();

}  // namespace irqlab
