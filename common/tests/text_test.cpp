#include "irqlab/common/text.h"

#include <gtest/gtest.h>

namespace irqlab {

TEST(CpuList, ParsesRangesAndSingles) {
  auto cpus = parse_cpu_list("0-3,8,10-11\n");
  ASSERT_TRUE(cpus);
  EXPECT_EQ(*cpus, (std::set<int>{0, 1, 2, 3, 8, 10, 11}));
  EXPECT_EQ(format_cpu_list(*cpus), "0-3,8,10-11");
}

TEST(CpuList, EmptyIsEmptySet) {
  auto cpus = parse_cpu_list("");
  ASSERT_TRUE(cpus);
  EXPECT_TRUE(cpus->empty());
  EXPECT_EQ(format_cpu_list({}), "");
}

TEST(CpuList, RejectsGarbage) {
  EXPECT_FALSE(parse_cpu_list("3-1"));
  EXPECT_FALSE(parse_cpu_list("a"));
  EXPECT_FALSE(parse_cpu_list("1-2-3"));
  EXPECT_FALSE(parse_cpu_list("-1"));
}


// Ids above kMaxCpuId are refused before any set is built: "0-1048576" cost
// a million set nodes, and a root whose cpu/present said so never finished.
TEST(CpuList, RefusesCpusAboveTheLimit) {
  EXPECT_EQ(parse_cpu_list("8190-8191"), (std::set<int>{8190, 8191}));
  EXPECT_FALSE(parse_cpu_list("0-8192"));
  EXPECT_FALSE(parse_cpu_list("0-1048576"));
  EXPECT_FALSE(parse_cpu_list("4294967297"));
  EXPECT_EQ(cpu_list_problem("0-3,1048576", "not a list"), "CPU 1048576 is above the limit of 8191");
  EXPECT_EQ(cpu_list_problem("two", "not a list"), "not a list");
}

// A list whose ranges repeat is refused before it is expanded: 2000 copies of
// 0-8191 were sixteen million insertions for one list.
TEST(CpuList, RefusesMoreCpusThanThereCanBe) {
  std::string list = "0-8191";
  EXPECT_TRUE(valid_cpu_list(list));
  EXPECT_EQ(parse_cpu_list(list)->size(), 8192u);
  for (int i = 0; i < 2000; ++i) list += ",0-8191";
  EXPECT_FALSE(valid_cpu_list(list));
  EXPECT_FALSE(parse_cpu_list(list));
  EXPECT_EQ(cpu_list_problem(list, "not a list"), "the CPU list names more than 8192 CPUs (a CPU twice?)");
  EXPECT_TRUE(valid_cpu_list("3,1,2"));
  EXPECT_FALSE(valid_cpu_list("0-8192"));
  EXPECT_FALSE(valid_cpu_list("x"));
}

// Errors quote input: binary bytes and CR must not reach the terminal raw.
TEST(Text, PrintableEscapesWhatATerminalWouldActOn) {
  EXPECT_EQ(printable("plain text, 100%"), "plain text, 100%");
  EXPECT_EQ(printable("irqlab-journal 1\r"), "irqlab-journal 1\\r");
  EXPECT_EQ(printable(std::string("a\0b\n\t\x1b[31m\xff", 11)), "a\\x00b\\n\\t\\x1b[31m\\xff");
}

TEST(Size, ParsesSuffixes) {
  EXPECT_EQ(parse_size("512M"), 512ull << 20);
  EXPECT_EQ(parse_size("2G"), 2ull << 30);
  EXPECT_EQ(parse_size("4096"), 4096ull);
  EXPECT_FALSE(parse_size("G"));
  EXPECT_FALSE(parse_size("12X"));
  EXPECT_EQ(format_size(2ull << 30), "2G");
  EXPECT_EQ(format_size(1536ull << 20), "1536M");
}

TEST(Text, SplitAndTail) {
  EXPECT_EQ(split("a,,b", ','), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split_whitespace("  a \t b\n"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(tail_lines("1\n2\n3\n4\n", 2), "3\n4");
  EXPECT_EQ(tail_lines("1\n2", 5), "1\n2");
  EXPECT_EQ(parse_int(" 42 "), 42);
  EXPECT_FALSE(parse_int("4x"));
}

}  // namespace irqlab
