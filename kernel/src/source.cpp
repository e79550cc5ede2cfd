#include "source.h"

#include <algorithm>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

bool looks_like_tarball(const fs::path& p) {
  const std::string name = p.filename().string();
  for (const char* ext : {".tar.xz", ".tar.gz", ".tar.bz2", ".tar.zst", ".tar", ".tgz"})
    if (name.ends_with(ext)) return true;
  return false;
}

// "linux-source-6.12 6.12.117-1~deb12u1" when a Debian package owns the file.
std::string debian_package_label(const fs::path& file) {
  ProcessOptions quiet;
  auto owner = run_process({"dpkg-query", "-S", file.string()}, quiet);
  if (!owner.ok()) return {};
  std::string pkg(trim(owner.output.substr(0, owner.output.find(':'))));
  auto version = run_process({"dpkg-query", "-W", "-f=${Version}", pkg}, quiet);
  if (!version.ok()) return pkg;
  return pkg + " " + std::string(trim(version.output));
}

// A fingerprint of a plain directory: every file's path, size and mtime.
std::string directory_fingerprint(const fs::path& dir) {
  std::vector<std::string> entries;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == ".git") {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    auto mtime = it->last_write_time().time_since_epoch().count();
    entries.push_back(fs::relative(it->path(), dir).string() + " " + std::to_string(it->file_size()) + " " +
                      std::to_string(mtime));
  }
  std::sort(entries.begin(), entries.end());
  std::string all;
  for (const auto& e : entries) all += e + "\n";
  return sha256_hex(all);
}

void require_kernel_tree(const fs::path& dir) {
  if (!fs::is_regular_file(dir / "Makefile") || !fs::is_directory(dir / "kernel" / "irq"))
    throw Error("not a kernel source tree (no Makefile or kernel/irq): " + dir.string());
}

}  // namespace

KernelSource resolve_kernel_source(const fs::path& path, const std::string& ref) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    std::string hint = path == "/usr/src/linux-source-6.12.tar.xz"
                           ? " (install linux-source-6.12, or pass --kernel-source)"
                           : "";
    throw Error("kernel source not found: " + path.string() + hint);
  }
  KernelSource source;
  source.path = fs::canonical(path);
  if (!ref.empty() && (fs::is_regular_file(source.path) || !fs::exists(source.path / ".git")))
    throw Error("--kernel-ref: " + path.string() + " is not a git tree (a ref names a commit of one)");
  if (fs::is_regular_file(source.path)) {
    if (!looks_like_tarball(source.path))
      throw Error("kernel source is neither a directory nor a tarball: " + path.string());
    source.kind = KernelSource::Kind::kTarball;
    source.identity = "tarball " + sha256_file(source.path, "kernel source");
    source.label = debian_package_label(source.path);
    if (source.label.empty()) source.label = source.path.filename().string();
    return source;
  }
  require_kernel_tree(source.path);
  ProcessOptions quiet;
  const std::string wanted = ref.empty() ? "HEAD" : ref + "^{commit}";
  auto head = run_process({"git", "-C", source.path.string(), "rev-parse", "--verify", "--end-of-options", wanted}, quiet);
  if (!ref.empty() && !head.ok())
    throw Error("--kernel-ref: '" + printable(ref) + "' names no commit in " + path.string());
  if (head.ok() && fs::exists(source.path / ".git")) {
    source.kind = KernelSource::Kind::kGitTree;
    std::string commit(trim(head.output));
    source.commit = commit;
    source.identity = "git " + commit;
    source.label = "git " + source.path.string() + (ref.empty() ? "" : " " + ref) + " " + commit.substr(0, 12);
    if (!ref.empty()) return source;  // the commit is built, whatever the work tree holds
    auto dirty = run_process({"git", "-C", source.path.string(), "status", "--porcelain", "--untracked-files=no"},
                             quiet);
    if (dirty.ok() && !trim(dirty.output).empty())
      source.label += " (uncommitted changes ignored: HEAD is built)";
    return source;
  }
  source.kind = KernelSource::Kind::kDirectory;
  source.identity = "dir " + source.path.string() + " " + directory_fingerprint(source.path);
  source.label = "directory " + source.path.string();
  return source;
}

void snapshot_kernel_source(const KernelSource& source, const fs::path& dest) {
  fs::create_directories(dest);
  switch (source.kind) {
    case KernelSource::Kind::kTarball:
      run_checked({"tar", "-xf", source.path.string(), "-C", dest.string(), "--strip-components=1"},
                  "extracting " + source.path.string());
      break;
    case KernelSource::Kind::kGitTree:
      run_checked({"sh", "-c", "git -C \"$1\" archive --format=tar \"$3\" | tar -x -C \"$2\"", "sh",
                   source.path.string(), dest.string(), source.commit},
                  "exporting " + source.path.string());
      break;
    case KernelSource::Kind::kDirectory:
      run_checked({"cp", "-a", (source.path / ".").string(), dest.string()}, "copying " + source.path.string());
      break;
  }
  require_kernel_tree(dest);
}

}  // namespace irqlab
