#include <gtest/gtest.h>

#include <string>

#include "irqlab/metrics/kernel_log.h"
#include "irqlab/testing/fixture.h"

namespace irqlab {
namespace {

std::vector<std::string> kinds_of(std::string_view text) {
  std::vector<std::string> kinds;
  for (const KernelLogProblem& p : kernel_log_problems(text)) kinds.push_back(p.kind);
  return kinds;
}

TEST(KernelLog, LabGuestBootAndHotplugAreClean) {
  std::string before = read_fixture("guest-override/dmesg.before");
  std::string after = read_fixture("guest-override/dmesg.after");
  EXPECT_TRUE(kernel_log_problems(before).empty());
  EXPECT_TRUE(kernel_log_problems(after).empty());
  EXPECT_EQ(kernel_log_since(before, after),
            "[   14.593252] smpboot: CPU 3 is now offline\n"
            "[   15.221548] smpboot: Booting Node 1 Processor 3 APIC 0x3\n"
            "[   22.217342] random: crng init done\n");
}

TEST(KernelLog, Since) {
  EXPECT_EQ(kernel_log_since("a\nb\n", "a\nb\nc\n"), "c\n");
  // $(dmesg) loses the last newline; line b was whole.
  EXPECT_EQ(kernel_log_since("a\nb", "a\nb\nc\nd"), "c\nd");
  EXPECT_EQ(kernel_log_since("a\nb", "a\nb"), "");
  EXPECT_EQ(kernel_log_since("a\nb\n", "a\nb\n"), "");
  // The ring buffer wrapped, or another boot: all of after.
  EXPECT_EQ(kernel_log_since("x\ny\n", "y\nz\n"), "y\nz\n");
  EXPECT_EQ(kernel_log_since("", "a\n"), "a\n");
}

TEST(KernelLog, ProblemsInOrderWithTheirLines) {
  const std::string text =
      "[    4.100000] nvme nvme0: 4/0/0 default/read/poll queues\n"
      "[   34.123456] nvme nvme0: I/O tag 12 (100c) opcode 0x2 (Read) QID 1 timeout, aborting req_op:READ(0) "
      "size:4096\n"
      "[   34.130000] nvme nvme0: Abort status: 0x0\n"
      "[   64.123456] nvme nvme0: I/O tag 12 (100c) opcode 0x2 (Read) QID 1 timeout, reset controller\n"
      "[   64.200000] nvme nvme0: I/O 12 QID 1 timeout, reset controller\n"
      "[   64.300000] nvme nvme0: resetting controller\n"
      "[   64.310000] nvme nvme0: controller is down; will reset: CSTS=0x3, PCI_STATUS=0x10\n"
      "[   64.400000] I/O error, dev nvme0n1, sector 126480 op 0x0:(READ) flags 0x4000 phys_seg 1 prio class 2\n"
      "[   64.400001] timeout error, dev nvme0n1, sector 8 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2\n"
      "[   64.400002] Buffer I/O error on dev nvme0n1, logical block 0, async page read\n"
      "[   70.000000] ------------[ cut here ]------------\n"
      "[   70.000001] WARNING: CPU: 1 PID: 80 at kernel/irq/manage.c:1234 irq_do_set_affinity+0x1a/0x200\n"
      "[   71.000000] WARNING: possible circular locking dependency detected\n"
      "[   71.000001] WARNING: inconsistent lock state\n"
      "[   71.000002] WARNING: suspicious RCU usage\n"
      "[   71.000003] [ BUG: Invalid wait context ]\n"
      "[   72.000000] BUG: kernel NULL pointer dereference, address: 0000000000000008\n"
      "[   72.000001] Oops: general protection fault, probably for non-canonical address 0x1: 0000 [#1] SMP\n"
      "[   72.000002] kernel BUG at block/blk-mq.c:1234!\n"
      "[   72.000003] BUG: soft lockup - CPU#2 stuck for 26s! [fio:108]\n"
      "[  243.000000] INFO: task fio:123 blocked for more than 120 seconds.\n"
      "[  243.000001]       Not tainted 6.12.117-irqlab #3\n"
      "[  250.000000] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:\n"
      "[  260.000000] Kernel panic - not syncing: Fatal exception\n";
  std::vector<KernelLogProblem> p = kernel_log_problems(text);
  EXPECT_EQ(kinds_of(text), (std::vector<std::string>{
                                "nvme timeout", "nvme timeout", "nvme timeout", "nvme timeout", "nvme reset",
                                "nvme reset", "I/O error", "I/O error", "I/O error", "warning", "lockdep", "lockdep",
                                "lockdep", "lockdep", "bug", "bug", "bug", "bug", "hung task", "rcu stall", "bug"}));
  ASSERT_EQ(p.size(), 21u);
  EXPECT_EQ(p[0].line,
            "[   34.123456] nvme nvme0: I/O tag 12 (100c) opcode 0x2 (Read) QID 1 timeout, aborting req_op:READ(0) "
            "size:4096");
  EXPECT_EQ(p[18].line, "[  243.000000] INFO: task fio:123 blocked for more than 120 seconds.");
}

TEST(KernelLog, LinePrefixes) {
  // Without timestamps, raw levels (dmesg -r), caller ids (CONFIG_PRINTK_CALLER).
  EXPECT_EQ(kinds_of("BUG: unable to handle page fault for address: ffff888\n"), std::vector<std::string>{"bug"});
  EXPECT_EQ(kinds_of("<4>[    5.000000] WARNING: CPU: 0 PID: 1 at x.c:1 f+0x0/0x1\n"),
            std::vector<std::string>{"warning"});
  EXPECT_EQ(kinds_of("[    5.000000] [    T80] INFO: task kworker/u8:1:55 blocked for more than 122 seconds.\r\n"),
            std::vector<std::string>{"hung task"});
  EXPECT_EQ(kernel_log_problems("[    5.000000] [     C2] BUG: scheduling while atomic: fio/108/0x00000002\n")[0].line,
            "[    5.000000] [     C2] BUG: scheduling while atomic: fio/108/0x00000002");
}

TEST(KernelLog, ClocksourceMarkedUnstableMidRun) {
  // From a lab guest booted without tsc=reliable, 13 s into a traced fio load.
  const std::string log =
      "[    1.817433] clocksource: Switched to clocksource tsc\n"
      "[   13.643022] clocksource: timekeeping watchdog on CPU2: Marking clocksource 'tsc' as unstable because "
      "the skew is too large:\n"
      "[   13.643587] clocksource:                       'hpet' wd_nsec: 507432200 wd_now: 5109a0a2\n"
      "[   13.646418] tsc: Marking TSC unstable due to clocksource watchdog\n"
      "[   13.661805] clocksource: Switched to clocksource hpet\n";
  EXPECT_EQ(kinds_of(log), std::vector<std::string>{"clocksource unstable"});
}

TEST(KernelLog, NotProblems) {
  EXPECT_TRUE(kernel_log_problems("[    0.1] ACPI: PM-Timer IO Port: 0x608\n"
                                  "[    0.2] nvme nvme0: pci function 0000:81:00.0\n"
                                  "[    0.3] smpboot: CPU 3 is now offline\n"
                                  "[    0.4] EXT4-fs (vda): mounted; a message that says WARNING: later\n"
                                  "[    0.5] some driver: timeout, reset controller QID 1\n"
                                  "\n")
                  .empty());
}

}  // namespace
}  // namespace irqlab
