#include "irqlab/kernel/series.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "irqlab/common/error.h"

namespace irqlab {
namespace fs = std::filesystem;

class SeriesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("irqlab-series-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  fs::path dir_;
};

TEST_F(SeriesTest, NoSeriesFileIsAnEmptySeries) {
  Series s = load_series(dir_);
  EXPECT_TRUE(s.patches.empty());
  EXPECT_EQ(s.hash.size(), 64u);
}

TEST_F(SeriesTest, KeepsOrderAndHashesContent) {
  write("0001-a.patch", "a\n");
  write("0002-b.patch", "b\n");
  write("series", "# the order matters\n0002-b.patch\n\n0001-a.patch\n");
  Series s = load_series(dir_);
  ASSERT_EQ(s.patches.size(), 2u);
  EXPECT_EQ(s.patches[0].filename(), "0002-b.patch");
  const std::string first = s.hash;
  write("0001-a.patch", "a changed\n");
  EXPECT_NE(load_series(dir_).hash, first);
}

TEST_F(SeriesTest, MissingPatchNamesTheLine) {
  write("series", "0001-a.patch\n0009-missing.patch\n");
  write("0001-a.patch", "a\n");
  try {
    load_series(dir_);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("series:2: patch not found: 0009-missing.patch"), std::string::npos)
        << e.what();
  }
}

TEST_F(SeriesTest, MissingDirectoryIsAnError) { EXPECT_THROW(load_series(dir_ / "nope"), Error); }

}  // namespace irqlab

namespace irqlab {

TEST(PatchSubject, UnfoldsAndDropsThePatchTag) {
  EXPECT_EQ(patch_subject("From aa Mon Sep 17 00:00:00 2001\n"
                          "From: irqlab developers <irqlab@lists.example.org>\n"
                          "Subject: [PATCH 03/13] genirq/irqdomain: Add callbacks to move the reservation\n"
                          " of a managed interrupt\n"
                          "\n"
                          "Subject: not this one\n"),
            "genirq/irqdomain: Add callbacks to move the reservation of a managed interrupt");
  EXPECT_EQ(patch_subject("Subject: plain\n\nbody\n"), "plain");
  EXPECT_EQ(patch_subject("diff --git a/x b/x\n"), "");
}

}  // namespace irqlab
