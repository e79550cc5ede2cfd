#include "irqlab/kernel/series.h"

#include <gtest/gtest.h>

#include "irqlab/common/error.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace fs = std::filesystem;

class SeriesTest : public ::testing::Test {
 protected:
  ScratchDir dir_{"series"};
};

TEST_F(SeriesTest, NoSeriesFileIsAnEmptySeries) {
  Series s = load_series(dir_.path());
  EXPECT_TRUE(s.patches.empty());
  EXPECT_EQ(s.hash.size(), 64u);
}

TEST_F(SeriesTest, KeepsOrderAndHashesContent) {
  dir_.write("0001-a.patch", "a\n");
  dir_.write("0002-b.patch", "b\n");
  dir_.write("series", "# the order matters\n0002-b.patch\n\n0001-a.patch\n");
  Series s = load_series(dir_.path());
  ASSERT_EQ(s.patches.size(), 2u);
  EXPECT_EQ(s.patches[0].filename(), "0002-b.patch");
  const std::string first = s.hash;
  dir_.write("0001-a.patch", "a changed\n");
  EXPECT_NE(load_series(dir_.path()).hash, first);
}

TEST_F(SeriesTest, MissingPatchNamesTheLine) {
  dir_.write("series", "0001-a.patch\n0009-missing.patch\n");
  dir_.write("0001-a.patch", "a\n");
  try {
    load_series(dir_.path());
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
