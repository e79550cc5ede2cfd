#pragma once
// The patch series: patches/series lists the patch files in order (quilt
// style: one name per line, '#' comments). No series file means no patches.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct Series {
  std::filesystem::path dir;
  std::vector<std::filesystem::path> patches;  // absolute, in order
  std::string hash;                            // sha256 over names and contents

  std::string short_hash() const { return hash.substr(0, 12); }
};

// Throws Error naming the series file and line of a missing patch.
Series load_series(const std::filesystem::path& patches_dir);

// The Subject of a patch in mail form, unfolded and without its "[PATCH
// nn/mm]" tag; "" when it has none.
std::string patch_subject(std::string_view patch_text);

}  // namespace irqlab
