// Kernel sources: a git tree at a ref builds that commit, whatever HEAD and
// the work tree hold; a ref anywhere else is refused.
#include "../src/source.h"

#include <gtest/gtest.h>

#include <fstream>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace fs = std::filesystem;

class KernelSourceRef : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(repo_ / "kernel" / "irq");
    write_file_atomic(repo_ / "kernel" / "irq" / "manage.c", "/* v1 */\n");
    write_file_atomic(repo_ / "Makefile", "VERSION = 6\n");
    git({"init", "-q"});
    git({"add", "."});
    git({"commit", "-q", "-m", "v1"});
    git({"tag", "v1"});
    write_file_atomic(repo_ / "kernel" / "irq" / "manage.c", "/* v2 */\n");
    git({"commit", "-q", "-am", "v2"});
  }

  void git(std::vector<std::string> args) {
    args.insert(args.begin(), {"git", "-C", repo_.string(), "-c", "user.name=t", "-c", "user.email=t@t"});
    run_checked(args, "git");
  }
  static std::string error_of(const fs::path& path, const std::string& ref) {
    return irqlab::error_of([&] { resolve_kernel_source(path, ref); });
  }

  ScratchDir scratch_{"kernel-source"};
  fs::path repo_ = scratch_ / "repo";
};

TEST_F(KernelSourceRef, ATagBuildsItsCommitNotHead) {
  const KernelSource head = resolve_kernel_source(repo_);
  const KernelSource v1 = resolve_kernel_source(repo_, "v1");
  EXPECT_EQ(v1.kind, KernelSource::Kind::kGitTree);
  EXPECT_NE(v1.identity, head.identity);  // another cache key
  EXPECT_NE(v1.label.find(" v1 "), std::string::npos) << v1.label;
  const fs::path out = repo_.string() + "-out";
  fs::remove_all(out);
  snapshot_kernel_source(v1, out);
  std::ifstream in(out / "kernel" / "irq" / "manage.c");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "/* v1 */\n");
  fs::remove_all(out);
}

TEST_F(KernelSourceRef, ARefThatNamesNoCommitOrANonGitSourceIsRefused) {
  EXPECT_EQ(error_of(repo_, "v9"), "--kernel-ref: 'v9' names no commit in " + repo_.string());
  EXPECT_EQ(error_of(repo_, "--output=/tmp/x"), "--kernel-ref: '--output=/tmp/x' names no commit in " + repo_.string());
  fs::remove_all(repo_ / ".git");
  EXPECT_EQ(error_of(repo_, "v1"), "--kernel-ref: " + repo_.string() + " is not a git tree (a ref names a commit of one)");
}

}  // namespace irqlab
