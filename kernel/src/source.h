#pragma once
// Where a kernel source comes from, and how to snapshot it into the cache.
#include <filesystem>
#include <string>

namespace irqlab {

struct KernelSource {
  enum class Kind { kTarball, kGitTree, kDirectory };
  Kind kind = Kind::kTarball;
  std::filesystem::path path;
  std::string identity;  // changes whenever the source content can have changed
  std::string label;     // for people: "linux-source-6.12 6.12.117-1~deb12u1"
  std::string commit;    // git trees: the commit that is built
};

// Throws Error when the path does not exist or is not a kernel source. ref:
// the commit of a git tree to build (a branch, tag or hash; empty: HEAD);
// an Error for any other kind of source, or a ref that names no commit.
KernelSource resolve_kernel_source(const std::filesystem::path& path, const std::string& ref = {});

// Copies the pristine source into dest (which must not exist).
void snapshot_kernel_source(const KernelSource& source, const std::filesystem::path& dest);

}  // namespace irqlab
