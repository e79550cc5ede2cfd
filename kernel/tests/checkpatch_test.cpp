#include "irqlab/kernel/checkpatch.h"

#include <gtest/gtest.h>

#include "irqlab/common/error.h"
#include "irqlab/testing/error_of.h"

namespace irqlab {

TEST(Checkpatch, ParsesTheStrictTotalLine) {
  auto t = parse_checkpatch_total("total: 1 errors, 2 warnings, 3 checks, 113 lines checked");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->errors, 1);
  EXPECT_EQ(t->warnings, 2);
  EXPECT_EQ(t->checks, 3);
}

TEST(Checkpatch, ParsesTheTotalLineWithoutChecks) {
  auto t = parse_checkpatch_total("total: 0 errors, 4 warnings, 57 lines checked\n");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->warnings, 4);
  EXPECT_EQ(t->checks, 0);
}

TEST(Checkpatch, CollectsIssuesWithTheirTypes) {
  auto r = parse_checkpatch_output(
      "WARNING:FILE_PATH_CHANGES: added, moved or deleted file(s), does MAINTAINERS need updating?\n"
      "#12: \n"
      "CHECK:PARENTHESIS_ALIGNMENT: Alignment should match open parenthesis\n"
      "ERROR: missing type\n"
      "total: 1 errors, 1 warnings, 1 checks, 40 lines checked\n");
  ASSERT_TRUE(r.ran);
  ASSERT_EQ(r.issues.size(), 3u);
  EXPECT_EQ(r.issues[0].level, "WARNING");
  EXPECT_EQ(r.issues[0].type, "FILE_PATH_CHANGES");
  EXPECT_EQ(r.issues[1].type, "PARENTHESIS_ALIGNMENT");
  EXPECT_EQ(r.issues[2].level, "ERROR");
  EXPECT_EQ(r.issues[2].type, "");  // printed without --show-types
}

TEST(Checkpatch, WithoutATotalLineItDidNotRun) {
  auto r = parse_checkpatch_output("Can't locate Foo.pm in @INC\nBEGIN failed\n");
  EXPECT_FALSE(r.ran);
  EXPECT_EQ(r.problem, "BEGIN failed");
}

TEST(Checkpatch, AllowLinesNameOnePatchByPrefix) {
  const std::vector<std::filesystem::path> patches = {"/p/0001-a.patch", "/p/0002-b.patch"};
  auto allows = parse_checkpatch_allows(
      "0001-a.patch\n# a comment\n#checkpatch-allow: 0002 FILE_PATH_CHANGES the file is listed by 0013\n"
      "0002-b.patch\n",
      patches, "series");
  ASSERT_EQ(allows.size(), 1u);
  EXPECT_EQ(allows[0].patch, "0002-b.patch");
  EXPECT_EQ(allows[0].type, "FILE_PATH_CHANGES");
  EXPECT_EQ(allows[0].reason, "the file is listed by 0013");
  EXPECT_EQ(allows[0].line, 3);

  CheckpatchReport report = parse_checkpatch_output(
      "WARNING:FILE_PATH_CHANGES: x\nWARNING:LONG_LINE: y\ntotal: 0 errors, 2 warnings, 0 checks, 9 lines checked\n");
  mark_allowed(report, allows, "0002-b.patch");
  EXPECT_EQ(report.allowed_warnings(), 1);
  mark_allowed(report, allows, "0001-a.patch");
  EXPECT_EQ(report.allowed_warnings(), 1);
}

TEST(Checkpatch, MalformedAllowLinesNameTheLine) {
  const std::vector<std::filesystem::path> patches = {"/p/0001-a.patch", "/p/0002-b.patch"};
  auto message = [&](const std::string& text) {
    return error_of([&] { parse_checkpatch_allows(text, patches, "series"); });
  };
  EXPECT_EQ(message("# checkpatch-allow: 0001 LONG_LINE\n"),
            "series:1: expected '# checkpatch-allow: PATCH TYPE REASON'");
  EXPECT_EQ(message("\n# checkpatch-allow: 0001 long_line why\n"),
            "series:2: expected '# checkpatch-allow: PATCH TYPE REASON'");
  EXPECT_EQ(message("# checkpatch-allow: 0009 LONG_LINE why\n"),
            "series:1: checkpatch-allow: '0009' names no patch of the series");
  EXPECT_EQ(message("# checkpatch-allow: 000 LONG_LINE why\n"), "series:1: checkpatch-allow: '000' names 2 patches");
}

TEST(Checkpatch, RefusesOtherLines) {
  for (const char* line : {"total: 0 errors", "total: x errors, 0 warnings, 1 lines checked",
                           "total: 0 errors, 0 warnings, 0 bananas, 1 lines checked",
                           "WARNING:LONG_LINE: total: 0 errors", ""})
    EXPECT_FALSE(parse_checkpatch_total(line)) << line;
}

}  // namespace irqlab
