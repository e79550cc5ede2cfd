// Issue 10's deadlock by reading, run: on the lockdep kernel with the hung
// task detector, a drive throttled so that every drain is slow, moves of a
// queue interrupt (each drains its queue) race controller resets (which free
// and request the queue interrupts again) and CPU offline/online of the
// moved-to CPU. v1 could deadlock here: the proc writer took the hotplug
// lock after its sleeping prepare while irq_free_descs() held sparse_irq_lock
// waiting for that writer and hotplug waited for sparse_irq_lock.
#include <gtest/gtest.h>

#include <string>

#include "cli_harness.h"
#include "guest_scripts.h"

namespace irqlab::test {
namespace {

const std::string kSlowDrainScript = std::string(kPickQueueScript) + kOverrideHelpersScript + R"sh(
echo 10 > /proc/sys/kernel/hung_task_timeout_secs
queue=nvme0q$q
echo lockdep=$([ -e /proc/lockdep ] && echo on || echo off)
matrix > /tmp/matrix.start
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Deep queues on a 200 IOPS drive: every hctx holds requests that complete slowly.
fio --name=slow --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=16 --numjobs=4 --time_based --runtime=40 --readonly --group_reporting \
    --output-format=json --output=/tmp/slow.json > /dev/null 2>&1 &
fio_pid=$!
wait_io

# $1 rounds of moves to the other CPU and home (each drains the queue: slow),
# timed; after a reset the interrupt may have another number, so the moves
# follow the queue's name.
mover() {
  worst=0; ok=0; busy=0; in_reset=0; failures=; n=0
  for i in $(seq $1); do
    for cpu in $other $aff; do
      irq=$(awk -v name=$queue '$NF == name { sub(":", "", $1); print $1 }' /proc/interrupts)
      t0=$(now_ms)
      r=$(move $cpu)
      # EBUSY: a CPU hotplug operation did not end within the move's wait.
      # A controller reset frees the interrupt (no such irq, EINVAL, or
      # ENODEV when it ends the move) and requests it again, movable once
      # blk-mq mapped the queues again (EOPNOTSUPP before). All documented.
      # EIO in the reset phase: the reset removed /proc/irq/$irq between
      # the shell's open and its write (proc_reg_write() of a removed
      # entry). The move's own EIO, a failed restart, cannot hide there:
      # it only follows the activation WARN that kernel.warnings counts.
      case $r in
        ok) ok=$((ok + 1)) ;;
        *busy*) busy=$((busy + 1)) ;;
        *"Input/output error"*) [ $2 = reset ] && in_reset=$((in_reset + 1)) || failures="$failures$r (irq $irq); " ;;
        *"No such file"*|*"nonexistent"*|*"Invalid argument"*|*"No such device"*|*"not supported"*) in_reset=$((in_reset + 1)) ;;
        *) failures="$failures$r (irq $irq); " ;;
      esac
      t=$(( $(now_ms) - t0 )); [ $t -gt $worst ] && worst=$t
      n=$((n + 1)); echo "$2.move$n=$r ${t}ms"
      sleep 0.2
    done
  done
  echo $2.moves_ok=$ok
  echo $2.busy=$busy
  echo $2.in_reset=$in_reset
  echo $2.worst_ms=$worst
  echo $2.failures=$failures
}
# CPU offline and online of the moved-to CPU.
plugger() { for i in $(seq $1); do cpu_online $other 0; sleep 0.4; cpu_online $other 1; sleep 0.4; done; echo $2.hotplug_done=yes; }

# Slow drains while the moved-to CPU goes offline and online.
mover 4 hotplug > /tmp/moves1.out & m=$!
plugger 6 hotplug > /tmp/hotplug1.out & p=$!
wait $m; wait $p
cat /tmp/moves1.out /tmp/hotplug1.out

# The same with controller resets: the queue interrupts are freed and
# requested again while moves drain and CPUs go offline.
mover 3 reset > /tmp/moves2.out & m=$!
plugger 6 reset > /tmp/hotplug2.out & p=$!
( n=0; for i in 1 2 3; do echo 1 > /sys/class/nvme/nvme0/reset_controller && n=$((n + 1)); sleep 2; done; echo reset.resets=$n ) > /tmp/resets.out & r=$!
wait $m; wait $p; wait $r
cat /tmp/moves2.out /tmp/hotplug2.out /tmp/resets.out
wait $fio_pid
echo fio.status=$?
echo fio.errors=$(jq '[.jobs[].error] | add' /tmp/slow.json)

# Everything online, every queue home: the reservations are where they were at boot.
for c in 1 2 3; do cpu_online $c 1 2>/dev/null; done
irq=$(awk -v name=$queue '$NF == name { sub(":", "", $1); print $1 }' /proc/interrupts)
echo end.move=$(move $aff)
sleep 1
matrix > /tmp/matrix.end
cmp -s /tmp/matrix.start /tmp/matrix.end && echo matrix.end=same || { echo matrix.end=changed; diff /tmp/matrix.start /tmp/matrix.end | tr '\n' ' '; echo; }
echo kernel.deadlocks=$(dmesg | grep -c -E 'possible circular locking|possible recursive locking|inconsistent lock state|blocked for more than|INFO: task')
echo kernel.warnings=$(dmesg | grep -c -E 'WARNING:|BUG:|Unbalanced enable')
)sh";

}  // namespace

// With CONFIG_BUG (lab.config) every WARN counts. A kernel without the
// scheduler fix in patches/base/ warned "Dying CPU not properly vacated!"
// here, in the spread mode too (the fair server counted in nr_running),
// and one run hung after it; IRQLAB_KEEP_GUEST_RUNS=1 keeps the console.
TEST(LabOverride, SlowDrainsWithControllerResetsAndCpuHotplugUnderLockdep) {
  const std::string patches = std::string(IRQLAB_TEST_SOURCE_DIR) + "/patches/";
  auto facts = guest_facts("slow-drain", kSlowDrainScript, "irq_managed=override",
                           {"--config-fragment", patches + "lab.config", "--config-fragment",
                            patches + "lab-lockdep.config", "--timeout", "900"});
  ASSERT_EQ(facts["mode"], "override");
  EXPECT_EQ(facts["lockdep"], "on");
  // Slow drains during CPU hotplug: every move done, and a move did wait
  // for requests on the throttled drive. A move may give up with EBUSY
  // while a CPU hotplug operation takes long (documented); any other
  // failure is a defect.
  EXPECT_EQ(facts["hotplug.failures"], "");
  EXPECT_EQ(facts["hotplug.in_reset"], "0");
  ASSERT_FALSE(facts["hotplug.moves_ok"].empty());
  EXPECT_EQ(std::stoi(facts["hotplug.moves_ok"]) + std::stoi(facts["hotplug.busy"]), 8);
  EXPECT_GE(std::stoi(facts["hotplug.moves_ok"]), 4);
  ASSERT_FALSE(facts["hotplug.worst_ms"].empty());
  EXPECT_GE(std::stoi(facts["hotplug.worst_ms"]), 50) << "the drive was not slow enough to test a slow drain";
  EXPECT_EQ(facts["hotplug.hotplug_done"], "yes");
  // With resets too: a move fails only with the documented errors of a
  // reset or a long hotplug operation, the interrupts requested again by
  // the reset move, and everything finished (a deadlock would have ended at
  // the guest's timeout, a task blocked for 10 s would be in the kernel log).
  EXPECT_EQ(facts["reset.failures"], "");
  ASSERT_FALSE(facts["reset.moves_ok"].empty());
  EXPECT_EQ(std::stoi(facts["reset.moves_ok"]) + std::stoi(facts["reset.busy"]) + std::stoi(facts["reset.in_reset"]),
            6);
  EXPECT_GE(std::stoi(facts["reset.moves_ok"]), 1);
  EXPECT_EQ(facts["reset.hotplug_done"], "yes");
  EXPECT_EQ(facts["reset.resets"], "3");
  EXPECT_EQ(facts["end.move"], "ok");
  EXPECT_EQ(facts["fio.status"], "0");
  EXPECT_EQ(facts["fio.errors"], "0");
  EXPECT_EQ(facts["matrix.end"], "same");
  EXPECT_EQ(facts["kernel.deadlocks"], "0");
  EXPECT_EQ(facts["kernel.warnings"], "0");
}

}  // namespace irqlab::test
