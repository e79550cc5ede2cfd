// open_beneath: a write below a root never follows a symlink out of it.
#include "irqlab/common/open_beneath.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

class OpenBeneath : public ::testing::Test {
 protected:
  void SetUp() override {
    base_.write("root/proc/irq/5/smp_affinity_list", "0-3\n");
    base_.write("outside/smp_affinity_list", "outside\n");
  }
  fs::path root() const { return base_ / "root"; }
  fs::path outside() const { return base_ / "outside"; }
  int open_write(std::string_view rel) { return open_beneath(root(), rel, O_WRONLY); }
  ScratchDir base_{"open-beneath"};
};

TEST_F(OpenBeneath, OpensARegularFileBelowTheRoot) {
  const int fd = open_write("/proc/irq/5/smp_affinity_list");
  ASSERT_GE(fd, 0);
  ::close(fd);
}

TEST_F(OpenBeneath, RefusesASymlinkAtAnyLevel) {
  fs::remove(root() / "proc/irq/5/smp_affinity_list");
  fs::create_symlink(outside() / "smp_affinity_list", root() / "proc/irq/5/smp_affinity_list");
  EXPECT_EQ(open_write("proc/irq/5/smp_affinity_list"), -ELOOP) << "the file itself";
  fs::create_symlink(outside(), root() / "proc/irq/6");
  EXPECT_EQ(open_write("proc/irq/6/smp_affinity_list"), -ELOOP) << "a directory on the way";
  fs::rename(root() / "proc", base_ / "real-proc");
  fs::create_symlink(base_ / "real-proc", root() / "proc");
  EXPECT_EQ(open_write("proc/irq/5/smp_affinity_list"), -ELOOP) << "the first component";
}

TEST_F(OpenBeneath, RefusesDotDotAndWhatIsNotARegularFile) {
  EXPECT_EQ(open_write("proc/../../outside/smp_affinity_list"), -EINVAL);
  EXPECT_EQ(open_write(""), -EINVAL);
  EXPECT_EQ(open_write("proc/irq/5"), -EISDIR);
  ASSERT_EQ(::mkfifo((root() / "proc/irq/5/fifo").c_str(), 0600), 0);
  EXPECT_EQ(open_write("proc/irq/5/fifo"), -ENXIO) << "O_NONBLOCK: no reader, no wait";
  EXPECT_EQ(open_beneath(root(), "proc/irq/5/fifo", O_RDONLY), -EINVAL) << "opened, then refused by fstat";
  EXPECT_EQ(open_write("proc/irq/7/smp_affinity_list"), -ENOENT);
}

}  // namespace
}  // namespace irqlab
