// check-series' checkout of a cached tree: a git worktree of src at the
// pristine tag, reset on every run, made again when src was made anew.
#include "../src/kernel_tree.h"

#include <gtest/gtest.h>

#include <fstream>

#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace fs = std::filesystem;

class CheckCheckoutTest : public ::testing::Test {
 protected:
  void SetUp() override { make_src("pristine\n"); }

  // A src like ensure_pristine_tree leaves it: one commit tagged kBaseTag.
  void make_src(const std::string& content) {
    const fs::path src = tree_ / "src";
    fs::remove_all(src);
    tree_.write("src/Makefile", content);
    const std::string dir = src.string();
    run_checked({"git", "-C", dir, "init", "-q"}, "git init");
    run_checked({"git", "-C", dir, "add", "-A"}, "git add");
    run_checked({"git", "-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base"},
                "git commit");
    run_checked({"git", "-C", dir, "tag", kBaseTag}, "git tag");
  }

  ScratchDir tree_{"kernel-tree"};
};

TEST_F(CheckCheckoutTest, IsAWorktreeOfThePristineTagResetOnEveryRun) {
  const fs::path checkout = prepare_check_checkout(tree_.path());
  EXPECT_EQ(checkout, tree_ / "check-src");
  EXPECT_EQ(read_file(checkout / "Makefile"), "pristine\n");

  std::ofstream(checkout / "Makefile") << "patched\n";
  std::ofstream(checkout / "new.c") << "added by a patch\n";
  prepare_check_checkout(tree_.path());
  EXPECT_EQ(read_file(checkout / "Makefile"), "pristine\n");
  EXPECT_FALSE(fs::exists(checkout / "new.c"));
  EXPECT_EQ(read_file(tree_ / "src" / "Makefile"), "pristine\n") << "src is never touched";
}

TEST_F(CheckCheckoutTest, IsMadeAgainWhenSrcWasMadeAnew) {
  prepare_check_checkout(tree_.path());
  make_src("another source\n");
  const fs::path checkout = prepare_check_checkout(tree_.path());
  EXPECT_EQ(read_file(checkout / "Makefile"), "another source\n");
}

}  // namespace irqlab
