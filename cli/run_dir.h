#pragma once
// Run directories: <parent>/<UTC timestamp>-<label>, never reused.
#include <filesystem>
#include <string>
#include <vector>

namespace irqlab::cli {

std::filesystem::path new_run_dir(const std::filesystem::path& parent, const std::string& label);

// Quotes argv words for /bin/sh so that "lab run -- sh -c 'a b'" survives.
std::string join_command(const std::vector<std::string>& words);

}  // namespace irqlab::cli
