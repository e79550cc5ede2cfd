#include "irqlab/lab/console.h"

#include <gtest/gtest.h>

namespace irqlab {
namespace {

const char* kPanicConsole =
    "[    0.912345] Run /tmp/run/init.sh as init process\r\n"
    "[    0.913000] Kernel panic - not syncing: Requested init /nonexistent failed (error -2).\r\n"
    "[    0.913100] CPU: 0 UID: 0 PID: 1 Comm: swapper/0 Not tainted 6.12.117 #1\r\n"
    "[    0.913200] ---[ end Kernel panic - not syncing: Requested init /nonexistent failed (error -2). ]---\r\n";

TEST(Console, FindsThePanicLineWithoutTimestamp) {
  EXPECT_EQ(find_panic_line(kPanicConsole), "Kernel panic - not syncing: Requested init /nonexistent failed (error -2).");
}

TEST(Console, NoPanic) {
  EXPECT_EQ(find_panic_line("[    1.0] reboot: Power down\r\n"), std::nullopt);
  EXPECT_EQ(find_panic_line(""), std::nullopt);
}

TEST(Console, PanicWithoutTimestamp) {
  EXPECT_EQ(find_panic_line("Kernel panic - not syncing: Fatal exception"), "Kernel panic - not syncing: Fatal exception");
}

TEST(Console, FindsTheLastInitError) {
  EXPECT_EQ(find_init_error("irqlab-init: error: first\r\nx\r\nirqlab-init: error: cannot mount the result share\r\n"),
            "irqlab-init: error: cannot mount the result share");
  EXPECT_EQ(find_init_error("irqlab-init: warning: cannot mount tracefs\n"), std::nullopt);
}

TEST(Console, TailDropsCarriageReturns) {
  EXPECT_EQ(console_tail("a\r\nb\r\nc\r\n", 2), "b\nc");
  EXPECT_EQ(console_tail("", 30), "");
  std::string many;
  for (int i = 0; i < 100; ++i) many += "line " + std::to_string(i) + "\r\n";
  std::string tail = console_tail(many);
  EXPECT_EQ(tail.substr(0, 8), "line 70\n");
  EXPECT_EQ(tail.substr(tail.size() - 7), "line 99");
}

TEST(QemuOutput, PrefersQemusErrorLine) {
  EXPECT_EQ(qemu_error_line("qemu-system-x86_64: warning: host doesn't support requested feature\n"
                            "qemu-system-x86_64: -device nvme,bus=rp9: Bus 'rp9' not found\n"
                            "\n"),
            "qemu-system-x86_64: -device nvme,bus=rp9: Bus 'rp9' not found");
}

TEST(QemuOutput, FallsBackToTheLastLine) {
  EXPECT_EQ(qemu_error_line("something odd\nreally odd\n\n"), "really odd");
  EXPECT_EQ(qemu_error_line("qemu-system-x86_64: warning: only a warning\n"), "qemu-system-x86_64: warning: only a warning");
  EXPECT_EQ(qemu_error_line(""), "");
}

TEST(ExitStatus, Parses) {
  EXPECT_EQ(parse_exit_status("0\n"), 0);
  EXPECT_EQ(parse_exit_status(" 137\n"), 137);
  EXPECT_EQ(parse_exit_status(""), std::nullopt);
  EXPECT_EQ(parse_exit_status("abc"), std::nullopt);
  EXPECT_EQ(parse_exit_status("256"), std::nullopt);
}

}  // namespace
}  // namespace irqlab
