#pragma once
// Run directories.
#include <filesystem>
#include <string>

namespace irqlab::cli {

// <parent>/<UTC timestamp>-<label>, created, never reused.
std::filesystem::path new_run_dir(const std::filesystem::path& parent, const std::string& label);

}  // namespace irqlab::cli
