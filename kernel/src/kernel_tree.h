#pragma once
// The cached kernel tree of a source: <cache>/kernel/trees/<id>/ holds the
// lock, src (the pristine source as a git commit tagged kBaseTag, which the
// pipeline resets and patches), and check-src (a git worktree of the same
// commit that check-series patches, so it never touches src).
#include <filesystem>
#include <string>

#include "source.h"

namespace irqlab {

inline constexpr const char* kBaseTag = "irqlab-base";

// <cache_dir>/kernel/trees/<16 hex digits of the source identity>
std::filesystem::path kernel_tree_dir(const std::filesystem::path& cache_dir, const KernelSource& source);

// Extracts the pristine source into src once and records it as a git commit
// tagged kBaseTag, so a later build can return to it cheaply whatever series
// was applied before. Call it holding the tree's lock.
void ensure_pristine_tree(const KernelSource& source, const std::filesystem::path& src);

// git reset --hard kBaseTag and git clean of a checkout (src or check-src).
void reset_to_base(const std::filesystem::path& checkout);

// <tree>/check-src at kBaseTag: added as a worktree of <tree>/src the first
// time, reset to the base later. Call it holding the tree's lock.
std::filesystem::path prepare_check_checkout(const std::filesystem::path& tree);

// git apply of one patch in a checkout; "" when it applied, else git's
// reason ("patch failed: kernel/irq/manage.c:42").
std::string apply_patch(const std::filesystem::path& checkout, const std::filesystem::path& patch);

}  // namespace irqlab
