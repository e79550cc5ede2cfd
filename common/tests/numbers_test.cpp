#include "irqlab/common/numbers.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace irqlab {

// A number that does not fit is refused, never narrowed: 4294967297 was CPU 1.
TEST(Numbers, RefusesWhatDoesNotFitTheType) {
  EXPECT_EQ(parse_number<int>("2147483647"), 2147483647);
  EXPECT_FALSE(parse_number<int>("4294967297"));
  EXPECT_FALSE(parse_number<unsigned>("-1"));
  EXPECT_FALSE(parse_number<std::int64_t>("9223372036854775808"));
  EXPECT_EQ(parse_number<std::uint64_t>("18446744073709551615"), UINT64_MAX);
  EXPECT_FALSE(parse_number<std::uint64_t>("18446744073709551616"));
}

TEST(Numbers, WantsTheWholeTextAndNothingElse) {
  EXPECT_FALSE(parse_number<int>(""));
  EXPECT_FALSE(parse_number<int>(" 1"));
  EXPECT_FALSE(parse_number<int>("1x"));
  EXPECT_FALSE(parse_number<int>("+1"));
  EXPECT_EQ(parse_number<int>("-1"), -1);
}

TEST(Numbers, DoublesAreFinite) {
  EXPECT_EQ(parse_number<double>("2.5"), 2.5);
  for (const char* bad : {"nan", "-nan", "inf", "-inf", "infinity", "1e999", "+1"})
    EXPECT_FALSE(parse_number<double>(bad)) << bad;
}

TEST(Numbers, InARange) {
  EXPECT_EQ(parse_number_in<int>("8191", 0, 8191), 8191);
  EXPECT_FALSE(parse_number_in<int>("8192", 0, 8191));
  EXPECT_FALSE(parse_number_in<int>("-1", 0, 8191));
  int field = 7;
  EXPECT_FALSE(parse_number_into("x", field));
  EXPECT_EQ(field, 7);
  EXPECT_TRUE(parse_number_into("12", field));
  EXPECT_EQ(field, 12);
}

}  // namespace irqlab
