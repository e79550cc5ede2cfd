#include "irqlab/lab/disk_image.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;

class DiskImage : public ::testing::Test {
 protected:
  ScratchDir dir_{"disk-image"};
};

TEST_F(DiskImage, PathNamesIndexAndSize) {
  NvmeSpec spec;
  spec.index = 1;
  spec.size_bytes = 1ull << 30;
  EXPECT_EQ(nvme_image_path("/d", spec), fs::path("/d/nvme1-1G.img"));
  spec.size_bytes = 512ull << 20;
  EXPECT_EQ(nvme_image_path("/d", spec), fs::path("/d/nvme1-512M.img"));
}

TEST_F(DiskImage, CreatesSparseAndKeepsContentWhenTheSizeMatches) {
  fs::path image = dir_ / "sub" / "nvme0-1G.img";
  ensure_nvme_image(image, 1ull << 30);
  EXPECT_EQ(fs::file_size(image), 1ull << 30);
  struct stat st {};
  ASSERT_EQ(stat(image.c_str(), &st), 0);
  EXPECT_LT(st.st_blocks * 512, 1 << 20);  // a hole, not a gigabyte of zeros

  { std::fstream(image, std::ios::in | std::ios::out | std::ios::binary) << "data"; }
  ensure_nvme_image(image, 1ull << 30);
  std::ifstream in(image, std::ios::binary);
  std::string head(4, '\0');
  in.read(head.data(), 4);
  EXPECT_EQ(head, "data");
}

TEST_F(DiskImage, ResizesAWrongSize) {
  fs::path image = dir_ / "nvme0-1M.img";
  std::ofstream(image) << "short";
  ensure_nvme_image(image, 1 << 20);
  EXPECT_EQ(fs::file_size(image), 1u << 20);
}

TEST_F(DiskImage, DirectIoProbeLeavesNothing) {
  // The test directory may be on tmpfs; either way the probe file is gone.
  try {
    check_direct_io(dir_.path());
  } catch (const std::exception&) {
  }
  EXPECT_TRUE(fs::is_empty(dir_.path()));
}

}  // namespace
}  // namespace irqlab
