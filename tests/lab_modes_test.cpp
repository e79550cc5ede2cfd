// What each managed-interrupt mode does to an NVMe queue interrupt, seen
// from inside a guest: a write to its affinity, and offlining and onlining
// the CPU it is bound to. Stock behaviour is checked on any kernel; the
// series' modes (irq_managed=) once the series provides them.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "cli_harness.h"
#include "guest_scripts.h"

namespace irqlab::test {
namespace {

// Writes another CPU to the picked queue interrupt's affinity, then offlines
// and onlines CPUs around it. Prints key=value facts; debugfs shows the
// managed shutdown.
const std::string kModeScript = std::string(kPickQueueScript) + R"sh(
echo affinity.before=$aff
target=3; [ "$aff" = 3 ] && target=2
echo target=$target
shutdown() { grep -q IRQD_MANAGED_SHUTDOWN /sys/kernel/debug/irq/irqs/$irq && echo yes || echo no; }
effective() { cat /proc/irq/$irq/effective_affinity_list; }
# coreutils echo: the shell builtin reports every write error as "I/O error".
if { /bin/echo $target > /proc/irq/$irq/smp_affinity_list; } 2>/tmp/write.err; then
  echo write=ok
else
  echo "write=failed: $(cat /tmp/write.err)"
fi
# On x86 an ordinary interrupt moves at its next interrupt: submit a few
# reads from a CPU of the queue's hctx so that a new affinity takes effect.
hctx_cpu=$(cut -d, -f1 /sys/block/nvme0n1/mq/$((q - 1))/cpu_list | cut -d- -f1)
taskset -c $hctx_cpu dd if=/dev/nvme0n1 of=/dev/null bs=4k count=64 iflag=direct 2>/dev/null
echo affinity.after_write=$(cat /proc/irq/$irq/smp_affinity_list)
echo effective.after_write=$(effective)
# The CPU the interrupt is now bound to goes away and comes back.
cpu=$(effective)
echo offline_cpu=$cpu
echo 0 > /sys/devices/system/cpu/cpu$cpu/online
echo shutdown.offline=$(shutdown)
echo effective.offline=$(effective)
echo 1 > /sys/devices/system/cpu/cpu$cpu/online
echo shutdown.online=$(shutdown)
echo affinity.online=$(cat /proc/irq/$irq/smp_affinity_list)
echo effective.online=$(effective)
echo cpus.online=$(cat /sys/devices/system/cpu/online)
)sh";

}  // namespace

// Stock 6.12 (or irq_managed=strict): the write is refused with EPERM;
// offlining the interrupt's only CPU shuts it down; onlining restarts it
// on the same CPU.
TEST(LabModes, StockRefusesTheWriteAndShutsDownOnOffline) {
  auto facts = guest_facts("default", kModeScript);
  ASSERT_TRUE(facts["mode"] == "absent" || facts["mode"] == "strict") << facts["mode"];
  EXPECT_NE(facts["write"].find("Operation not permitted"), std::string::npos) << facts["write"];
  EXPECT_EQ(facts["affinity.after_write"], facts["affinity.before"]);
  EXPECT_EQ(facts["offline_cpu"], facts["affinity.before"]);
  EXPECT_EQ(facts["shutdown.offline"], "yes");
  EXPECT_EQ(facts["shutdown.online"], "no");
  EXPECT_EQ(facts["effective.online"], facts["affinity.before"]);
  EXPECT_EQ(facts["cpus.online"], "0-3");
}

// Option 1 (irq_managed=spread): the interrupts are spread at probe time and
// are ordinary afterwards: the write takes effect, and offlining the CPU
// breaks the affinity (the interrupt moves to another online CPU).
TEST(LabModes, SpreadAcceptsTheWriteAndBreaksAffinityOnOffline) {
  auto facts = guest_facts("default", kModeScript, "irq_managed=spread");
  ASSERT_EQ(facts["mode"], "spread");
  EXPECT_EQ(facts["write"], "ok");
  EXPECT_EQ(facts["affinity.after_write"], facts["target"]);
  EXPECT_EQ(facts["effective.after_write"], facts["target"]);
  EXPECT_EQ(facts["offline_cpu"], facts["target"]);
  EXPECT_EQ(facts["shutdown.offline"], "no");
  EXPECT_NE(facts["effective.offline"], facts["target"]);
  EXPECT_FALSE(facts["effective.offline"].empty());
  EXPECT_EQ(facts["cpus.online"], "0-3");
  // What onlining does is recorded, not asserted: the kernel does not
  // restore a broken affinity of an ordinary interrupt.
  ::testing::Test::RecordProperty("spread.affinity_after_online", facts["affinity.online"]);
  ::testing::Test::RecordProperty("spread.effective_after_online", facts["effective.online"]);
  std::printf("spread: after onlining cpu%s the affinity is %s, effective %s\n", facts["offline_cpu"].c_str(),
              facts["affinity.online"].c_str(), facts["effective.online"].c_str());
}

}  // namespace irqlab::test
