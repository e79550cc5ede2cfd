#pragma once
// Sparse raw images backing the emulated NVMe namespaces. They are reused
// between runs (their content is whatever the last run wrote).
#include <filesystem>

#include "irqlab/topology/preset.h"

namespace irqlab {

// <disk_dir>/nvme<index>-<size>.img, e.g. nvme0-1G.img.
std::filesystem::path nvme_image_path(const std::filesystem::path& disk_dir, const NvmeSpec& controller);

// Creates the image (sparse) if it is missing or has another size.
void ensure_nvme_image(const std::filesystem::path& image, std::uintmax_t size_bytes);

// Throws Error unless files in `dir` can be opened with O_DIRECT, which QEMU
// needs for cache=none (tmpfs cannot).
void check_direct_io(const std::filesystem::path& dir);

}  // namespace irqlab
