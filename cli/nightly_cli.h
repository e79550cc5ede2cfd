#pragma once
// What `irqlab nightly`, `compare` and `history` share.
#include <filesystem>
#include <string>

namespace irqlab::cli {

std::filesystem::path nights_dir();  // nightly/nights of the source tree
// The source tree's commit, "-dirty" when it has changes; "unknown" outside git.
std::string irqlab_commit();

}  // namespace irqlab::cli
