#include <gtest/gtest.h>

#include <string>

#include "irqlab/metrics/fio_log.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/fixture.h"

namespace irqlab {
namespace {

std::string error_of(std::string_view text) {
  return irqlab::error_of([&] { parse_fio_log(text); });
}

TEST(FioLog, LabGuestIopsLog) {
  std::vector<FioLogSample> s = parse_fio_log(read_fixture("guest-override/fio_iops.1.log"));
  ASSERT_EQ(s.size(), 54u);
  EXPECT_EQ(s[0].time_ms, 11808);
  EXPECT_EQ(s[0].value, 306u);
  EXPECT_EQ(s[0].direction, 0);
  EXPECT_EQ(s[1].time_ms, 11914);
  EXPECT_EQ(s[1].value, 283u);
  EXPECT_EQ(s.back().time_ms, 17702);
  EXPECT_EQ(s.back().value, 300u);
  std::uint64_t sum = 0;
  for (const FioLogSample& x : s) sum += x.value;
  EXPECT_EQ(sum, 17771u);
}

TEST(FioLog, LabGuestClatLogInNanoseconds) {
  std::vector<FioLogSample> s = parse_fio_log(read_fixture("guest-override/fio_clat.1.log"));
  ASSERT_EQ(s.size(), 54u);
  EXPECT_EQ(s[0].time_ms, 11807);
  EXPECT_EQ(s[0].value, 6227643u);
  // The interval of the CPU 3 online: a 641 ms completion.
  EXPECT_EQ(s[28].time_ms, 15228);
  EXPECT_EQ(s[28].value, 641317255u);
  EXPECT_EQ(s.back().value, 191337u);
}

TEST(FioLog, PriorityColumnBlankLinesAndDirections) {
  std::vector<FioLogSample> s = parse_fio_log("100, 5, 1, 4096, 0, 1\n\n200,7,2,0,0\r\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].time_ms, 100);
  EXPECT_EQ(s[0].value, 5u);
  EXPECT_EQ(s[0].direction, 1);
  EXPECT_EQ(s[1].direction, 2);
  EXPECT_TRUE(parse_fio_log("").empty());
}

TEST(FioLog, MalformedLinesNameTheLine) {
  EXPECT_EQ(error_of("1, 2, 0, 0, 0\n12, abc, 0, 0, 0\n"), "fio log line 2: bad value: '12, abc, 0, 0, 0'");
  EXPECT_EQ(error_of("1, 2, 0, 0\n"), "fio log line 1: fewer than 5 fields: '1, 2, 0, 0'");
  EXPECT_EQ(error_of("\n\n1, 2, 3, 0, 0\n"), "fio log line 3: bad direction: '1, 2, 3, 0, 0'");
  EXPECT_EQ(error_of("-1, 2, 0, 0, 0\n"), "fio log line 1: bad time: '-1, 2, 0, 0, 0'");
  EXPECT_EQ(error_of("1.5, 2, 0, 0, 0\n"), "fio log line 1: bad time: '1.5, 2, 0, 0, 0'");
  // Past a century of uptime: the spans between such times overflowed int64.
  EXPECT_EQ(error_of("9223372036854775807, 2, 0, 0, 0\n"),
            "fio log line 1: bad time: '9223372036854775807, 2, 0, 0, 0'");
  EXPECT_EQ(error_of("1, 2, 0, 0, 0, 1, 9\n"), "fio log line 1: more than 6 fields: '1, 2, 0, 0, 0, 1, 9'");
  EXPECT_EQ(error_of("1, 2, 0, x, 0\n"), "fio log line 1: bad block size or offset: '1, 2, 0, x, 0'");
}

}  // namespace
}  // namespace irqlab
