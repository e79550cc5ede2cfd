#include "kernel_tree.h"

#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

fs::path kernel_tree_dir(const fs::path& cache_dir, const KernelSource& source) {
  return cache_dir / "kernel" / "trees" / sha256_hex(source.identity).substr(0, 16);
}

void ensure_pristine_tree(const KernelSource& source, const fs::path& src) {
  if (fs::exists(src / ".irqlab-ready")) return;
  fs::path tmp = src;
  tmp += ".partial";
  fs::remove_all(tmp);
  snapshot_kernel_source(source, tmp);
  const std::string dir = tmp.string();
  run_checked({"git", "-C", dir, "init", "-q"}, "git init of the kernel tree");
  // Debian's tarball ships a .gitignore that ignores its whole top level.
  run_checked({"git", "-C", dir, "add", "-f", "-A"}, "git add of the kernel tree");
  run_checked({"git", "-C", dir, "-c", "user.name=irqlab", "-c", "user.email=irqlab@localhost", "commit", "-q",
               "--no-verify", "-m", "pristine " + source.label},
              "git commit of the kernel tree");
  run_checked({"git", "-C", dir, "tag", kBaseTag}, "git tag of the kernel tree");
  write_file_atomic(tmp / ".git" / "irqlab-source", source.identity + "\n");
  fs::rename(tmp, src);
  write_file_atomic(src / ".irqlab-ready", source.label + "\n");
}

void reset_to_base(const fs::path& checkout) {
  const std::string dir = checkout.string();
  run_checked({"git", "-C", dir, "reset", "-q", "--hard", kBaseTag}, "resetting the kernel tree " + dir);
  run_checked({"git", "-C", dir, "clean", "-q", "-f", "-d", "-x", "-e", ".irqlab-ready"},
              "cleaning the kernel tree " + dir);
}

fs::path prepare_check_checkout(const fs::path& tree) {
  const fs::path checkout = tree / "check-src";
  // A worktree whose repository is gone (src extracted anew) is made again.
  const bool usable = fs::exists(checkout / ".git") &&
                      run_process({"git", "-C", checkout.string(), "rev-parse", "-q", "--verify", kBaseTag}).ok();
  if (usable) {
    reset_to_base(checkout);
    return checkout;
  }
  const std::string src = (tree / "src").string();
  fs::remove_all(checkout);
  run_checked({"git", "-C", src, "worktree", "prune"}, "git worktree prune in " + src);
  run_checked({"git", "-C", src, "worktree", "add", "-q", "--detach", checkout.string(), kBaseTag},
              "git worktree add of " + checkout.string());
  return checkout;
}

std::string apply_patch(const fs::path& checkout, const fs::path& patch) {
  auto r = run_process({"git", "-C", checkout.string(), "apply", "--whitespace=nowarn", patch.string()});
  if (r.ok()) return {};
  for (const std::string& line : split(r.output, '\n'))
    if (starts_with(line, "error: ")) return line.substr(7);
  std::string all(trim(r.output));
  return all.empty() ? "git apply " + r.describe() : all;
}

}  // namespace irqlab
