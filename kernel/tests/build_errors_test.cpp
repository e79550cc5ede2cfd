#include "irqlab/kernel/build_errors.h"

#include <gtest/gtest.h>

namespace irqlab {

TEST(BuildErrors, RecognisesCompilerAndLinkerErrors) {
  EXPECT_TRUE(is_compiler_error_line(
      "kernel/irq/irqdomain.c:1036:21: error: 'struct irq_data' has no member named 'parent_data'"));
  EXPECT_TRUE(is_compiler_error_line("../kernel/irq/internals.h:12: error: expected ';'"));
  EXPECT_TRUE(is_compiler_error_line("include/linux/x.h:3:10: fatal error: y.h: No such file or directory"));
  EXPECT_TRUE(is_compiler_error_line("irqdomain.c:(.text+0x1a2): undefined reference to `irq_domain_free'"));
  EXPECT_TRUE(is_compiler_error_line("ERROR: modpost: \"foo\" [drivers/x.ko] undefined!"));
}

TEST(BuildErrors, IgnoresWhatFollowsOrSurroundsThem) {
  for (const char* line : {"make[3]: *** [scripts/Makefile.build:229: kernel/irq/irqdomain.o] Error 1",
                           "kernel/irq/irqdomain.c: In function 'irq_domain_reserve_managed':",
                           "kernel/irq/manage.c:10:3: warning: unused variable 'error' [-Wunused]",
                           "  CC      kernel/irq/error.o", "cc1: all warnings being treated as errors", ""})
    EXPECT_FALSE(is_compiler_error_line(line)) << line;
}

TEST(BuildErrors, CountsAndKeepsTheFirst) {
  auto e = scan_build_errors(
      "  CC      kernel/irq/irqdomain.o\n"
      "kernel/irq/irqdomain.c: In function 'f':\n"
      "kernel/irq/irqdomain.c:10:5: error: first\n"
      "kernel/irq/irqdomain.c:20:5: error: second\n"
      "make[3]: *** [scripts/Makefile.build:229: kernel/irq/irqdomain.o] Error 1\n");
  EXPECT_EQ(e.count, 2);
  EXPECT_EQ(e.first, "kernel/irq/irqdomain.c:10:5: error: first");
  EXPECT_EQ(scan_build_errors("all fine\n").count, 0);
}

}  // namespace irqlab
