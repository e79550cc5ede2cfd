#include "irqlab/kernel/config_fragment.h"

#include <gtest/gtest.h>

#include "irqlab/common/error.h"

namespace irqlab {

TEST(ConfigFragment, ParsesOptionsAndNotSetLines) {
  auto opts = parse_config_fragment(
      "# comment\n\nCONFIG_NUMA=y\n# CONFIG_MODULES is not set\nCONFIG_NR_CPUS=64\n", "lab.config");
  ASSERT_EQ(opts.size(), 3u);
  EXPECT_EQ(opts[0].name, "CONFIG_NUMA");
  EXPECT_EQ(opts[0].value, "y");
  EXPECT_EQ(opts[0].line, 3);
  EXPECT_EQ(opts[1].name, "CONFIG_MODULES");
  EXPECT_EQ(opts[1].value, "n");
  EXPECT_EQ(opts[2].value, "64");
}

TEST(ConfigFragment, RejectsGarbageWithLine) {
  try {
    parse_config_fragment("CONFIG_A=y\nNUMA=y\n", "lab.config");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "lab.config:2: not a Kconfig option line: 'NUMA=y'");
  }
  EXPECT_THROW(parse_config_fragment("CONFIG_A=\n", "x"), Error);
}

TEST(ConfigFragment, VerifyReportsDroppedAndChangedOptions) {
  auto wanted = parse_config_fragment("CONFIG_A=y\nCONFIG_B=y\nCONFIG_C=64\n# CONFIG_D is not set\n", "f");
  auto problems = verify_config(wanted, "CONFIG_A=y\n# CONFIG_B is not set\nCONFIG_C=8\nCONFIG_D=y\n", "f");
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_EQ(problems[0], "CONFIG_B=y requested by f:2, final .config has it unset (a dependency is missing?)");
  EXPECT_EQ(problems[1], "CONFIG_C=64 requested by f:3, final .config has CONFIG_C=8");
  EXPECT_EQ(problems[2], "CONFIG_D unset requested by f:4, final .config has CONFIG_D=y");
}

TEST(ConfigFragment, AbsentFromConfigCountsAsUnset) {
  auto wanted = parse_config_fragment("# CONFIG_X is not set\nCONFIG_Y=y\n", "f");
  auto problems = verify_config(wanted, "CONFIG_Z=y\n", "f");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("CONFIG_Y=y"), std::string::npos);
}

}  // namespace irqlab
