#pragma once
// Small file helpers whose errors name the file.
#include <filesystem>
#include <string>
#include <string_view>

namespace irqlab {

std::string read_file(const std::filesystem::path& path);
// Writes through a temporary file and rename(2), so readers never see half.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

std::string sha256_hex(std::string_view data);
std::string sha256_file(const std::filesystem::path& path);

// $IRQLAB_CACHE_DIR, else $XDG_CACHE_HOME/irqlab, else ~/.cache/irqlab.
std::filesystem::path default_cache_dir();

}  // namespace irqlab
