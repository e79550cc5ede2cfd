#pragma once
// The kernel pipeline: take a kernel source (Debian's linux-source tarball,
// a source directory or a git tree), apply the series from patches/, merge
// the lab config fragments, verify the final .config, build bzImage with
// ccache, and cache the image by (source, series, config) so that a second
// run rebuilds nothing.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/common/progress.h"

namespace irqlab {

// Debian's linux-source-6.12 package installs this tarball.
inline const std::filesystem::path kDefaultKernelTarball = "/usr/src/linux-source-6.12.tar.xz";

struct KernelBuildOptions {
  std::filesystem::path source;                         // empty: kDefaultKernelTarball
  std::string source_ref;                               // a git tree's commit to build (empty: HEAD)
  std::filesystem::path patches_dir;                    // holds "series" and the patches
  std::vector<std::filesystem::path> config_fragments;  // merged onto tinyconfig, in order
  std::filesystem::path cache_dir;
  unsigned jobs = 0;                                    // 0: CPUs + 1
  bool rebuild = false;                                 // ignore a cached image
};

struct KernelImage {
  std::filesystem::path bzimage;
  std::filesystem::path config;       // the final .config
  std::string key;                    // cache key (hex)
  std::string kernel_release;         // as uname -r will show it
  std::string source_label;           // e.g. "linux-source-6.12 6.12.117-1~deb12u1"
  std::string series_hash;            // sha256 of the series, hex
  std::vector<std::string> patches;   // applied, in order
  bool from_cache = false;
  double build_seconds = 0;           // of the build that made it
};

KernelImage build_kernel(const KernelBuildOptions& options, Progress& progress);

}  // namespace irqlab
