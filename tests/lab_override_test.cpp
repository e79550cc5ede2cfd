// Option 3 (irq_managed=override) with nvme-pci opted in: managed queue
// interrupts move on a write to their affinity, under I/O, to offline CPUs,
// and a vetoed move changes nothing.
#include <gtest/gtest.h>

#include <string>

#include "cli_harness.h"
#include "guest_scripts.h"

namespace irqlab::test {
namespace {

const std::string kOverrideScript = std::string(kPickQueueScript) + kOverrideHelpersScript + R"sh(
matrix > /tmp/matrix.start

# Moves back and forth under a read load on every CPU.
fio --name=moves --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=32 --numjobs=4 --time_based --runtime=8 --readonly --group_reporting \
    --output-format=json --output=/tmp/fio.json > /tmp/fio.out 2>&1 &
fio_pid=$!
sleep 2
moves_ok=0; moves=0
for i in 1 2 3 4 5 6; do
  for cpu in $other $aff; do
    moves=$((moves + 1))
    [ "$(move $cpu)" = ok ] && moves_ok=$((moves_ok + 1))
    sleep 0.2
  done
done
wait $fio_pid
echo fio.status=$?
echo fio.errors=$(grep -c '"error" : [1-9]' /tmp/fio.json)
echo fio.ios=$(grep -m1 -o '"total_ios" : [0-9]*' /tmp/fio.json | grep -o '[0-9]*$')
echo moves=$moves
echo moves_ok=$moves_ok
echo move.to_other=$(move $other)
echo effective.other=$(effective)

# Hotplug after a move: the interrupt's only CPU goes offline while the CPUs
# that submit to its queue stay online. The interrupt falls back to its
# spread CPU without a drain or a shutdown, and returns when the CPU is back.
trace=/sys/kernel/tracing
echo > $trace/trace
echo 1 > $trace/events/block/block_mq_hctx_drain/enable
fio --name=hotplug --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=32 --numjobs=4 --time_based --runtime=6 --readonly --group_reporting \
    --output-format=json --output=/tmp/hotplug.json > /dev/null 2>&1 &
fio_pid=$!
wait_io
echo 0 > /sys/devices/system/cpu/cpu$other/online
echo hotplug.shutdown=$(shutdown)
echo hotplug.effective_offline=$(effective)
sleep 1
echo 1 > /sys/devices/system/cpu/cpu$other/online
echo hotplug.shutdown_after_online=$(shutdown)
echo hotplug.effective=$(settle $other)
wait $fio_pid
echo hotplug.fio_status=$?
echo hotplug.fio_errors=$(grep -c '"error" : [1-9]' /tmp/hotplug.json)
echo 0 > $trace/events/block/block_mq_hctx_drain/enable
echo hotplug.drains=$(grep -c "block_mq_hctx_drain: .* hctx=$((q - 1)) " $trace/trace)
echo hotplug.failed_drains=$(grep "block_mq_hctx_drain:" $trace/trace | grep -vc " ret=0 ")

# A move home while the home CPU is offline ends the override: the queue is
# drained and its interrupt shut down, as for any queue whose CPUs are gone,
# until the CPU comes back.
echo 0 > /sys/devices/system/cpu/cpu$aff/online
echo move.to_offline=$(move $aff)
echo offline.shutdown=$(shutdown)
echo offline.affinity=$(cat /proc/irq/$irq/smp_affinity_list)
echo 1 > /sys/devices/system/cpu/cpu$aff/online
echo online.shutdown=$(shutdown)
echo online.effective=$(effective)
echo online.affinity=$(cat /proc/irq/$irq/smp_affinity_list)

# A vetoed move leaves affinity, I/O and the vector matrix as they were.
matrix > /tmp/matrix.before_veto
echo 1 > /sys/kernel/debug/block/fail_irq_move
echo veto.move=$(move $other)
echo veto.affinity=$(cat /proc/irq/$irq/smp_affinity_list)
echo veto.effective=$(effective)
matrix > /tmp/matrix.after_veto
cmp -s /tmp/matrix.before_veto /tmp/matrix.after_veto && echo veto.matrix=same || echo veto.matrix=changed
fio --name=after --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=8 --runtime=1 --time_based --readonly --output-format=json --output=/tmp/after.json > /dev/null 2>&1
echo after_veto.fio_status=$?
echo after_veto.errors=$(grep -c '"error" : [1-9]' /tmp/after.json)

# Back home: the reservation must be where it started.
echo move.home=$(move $aff)
matrix > /tmp/matrix.end
cmp -s /tmp/matrix.start /tmp/matrix.end && echo matrix.end=same || { echo matrix.end=changed; diff /tmp/matrix.start /tmp/matrix.end; }
echo kernel.timeouts=$(dmesg | grep -c -i -E 'nvme.*(timeout|reset)')
echo kernel.warnings=$(dmesg | grep -c -E 'WARNING:|BUG:|lockdep')
)sh";

// Issue 10's stall: the interrupt's CPUs go offline while the queue's
// submitter (fio pinned to the queue's home CPU) stays online, in both
// orders; then move/offline/online/move-back cycles must leave the vector
// matrix exactly as it was at boot; and batched io_uring allocations keep
// going through moves.
const std::string kHotplugScript = std::string(kPickQueueScript) + kOverrideHelpersScript + R"sh(
matrix > /tmp/matrix.start
worst_ms() { jq '[.jobs[].read.clat_ns.max] | max / 1000000 | floor' $1; }
errors() { jq '[.jobs[].error] | add' $1; }
pinned_fio() {
  fio --name=$1 --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
      --iodepth=16 --numjobs=1 --cpus_allowed=$aff --time_based --runtime=9 --readonly \
      --output-format=json --output=/tmp/$1.json > /dev/null 2>&1
}
# While $other is offline for 3 s under the load of $1, and when it is back.
offline_window() {
  echo $1.shutdown=$(shutdown)
  echo $1.effective_offline=$(effective)
  sleep 3
  cpu_online $other 1
  echo $1.effective_online=$(settle $other)
}
# What fio saw, then the move home.
fio_facts() {
  wait $pid
  echo $1.fio_status=$?
  echo $1.worst_ms=$(worst_ms /tmp/$1.json)
  echo $1.errors=$(errors /tmp/$1.json)
  echo $1.home=$(move $aff)
}

# Moved first, then its CPU goes offline for 3 s.
echo moved.move=$(move $other)
pinned_fio moved & pid=$!
wait_io
cpu_online $other 0
offline_window moved
fio_facts moved

# Its CPU offline first, then moved there: remembered, applied on online.
pinned_fio offline_first & pid=$!
wait_io
cpu_online $other 0
echo offline_first.move=$(move $other)
offline_window offline_first
fio_facts offline_first

# Cycles that used to make the matrix drift: to an offline CPU, online,
# back home; then a plain CPU cycle.
for i in 1 2 3; do
  cpu_online $other 0; move $other > /dev/null; cpu_online $other 1; move $aff > /dev/null
done
cpu_online $other 0; cpu_online $other 1
matrix > /tmp/matrix.cycles
cmp -s /tmp/matrix.start /tmp/matrix.cycles && echo matrix.cycles=same || { echo matrix.cycles=changed; diff /tmp/matrix.start /tmp/matrix.cycles | tr '\n' ' '; echo; }

# Batched allocations (io_uring with large submit batches) through moves.
fio --name=batched --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=64 --iodepth_batch_submit=32 --iodepth_batch_complete_min=16 --numjobs=2 \
    --cpus_allowed=$aff --time_based --runtime=8 --readonly --output-format=json \
    --output=/tmp/batched.json > /dev/null 2>&1 & pid=$!
wait_io
batched_ok=0
for i in 1 2 3 4 5 6 7 8; do
  [ "$(move $other)" = ok ] && batched_ok=$((batched_ok + 1)); sleep 0.15
  [ "$(move $aff)" = ok ] && batched_ok=$((batched_ok + 1)); sleep 0.15
done
wait $pid
echo batched.fio_status=$?
echo batched.moves_ok=$batched_ok
echo batched.worst_ms=$(worst_ms /tmp/batched.json)
echo batched.errors=$(errors /tmp/batched.json)
matrix > /tmp/matrix.end
cmp -s /tmp/matrix.start /tmp/matrix.end && echo matrix.end=same || echo matrix.end=changed
echo kernel.timeouts=$(dmesg | grep -c -i -E 'nvme.*(timeout|reset)')
echo kernel.warnings=$(dmesg | grep -c -E 'WARNING:|BUG:|lockdep|hung_task|blocked for more')
)sh";

// A controller reset frees the queue interrupts and allocates them again:
// the override ends (documented), and the new interrupts must be movable as
// the old ones were. Until the series registered the move callbacks again on
// a reset that keeps the number of queues, every later move failed with
// EOPNOTSUPP.
const std::string kResetScript = std::string(kPickQueueScript) + kOverrideHelpersScript + R"sh(
matrix > /tmp/matrix.start
echo before.move=$(move $other)
echo 1 > /sys/class/nvme/nvme0/reset_controller
i=0; while [ "$(cat /sys/class/nvme/nvme0/state)" != live ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo reset.state=$(cat /sys/class/nvme/nvme0/state)
irq=$(awk -v name=nvme0q$q '$NF == name { sub(":", "", $1); print $1 }' /proc/interrupts)
echo reset.affinity=$(cat /proc/irq/$irq/smp_affinity_list)
matrix > /tmp/matrix.reset
cmp -s /tmp/matrix.start /tmp/matrix.reset && echo matrix.reset=same || { echo matrix.reset=changed; diff /tmp/matrix.start /tmp/matrix.reset | tr '\n' ' '; echo; }
fio --name=after --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=16 --numjobs=2 --time_based --runtime=4 --readonly --output-format=json \
    --output=/tmp/after.json > /dev/null 2>&1 & pid=$!
wait_io
echo after.move=$(move $other)
echo after.effective=$(settle $other)
echo after.home=$(move $aff)
wait $pid
echo after.fio_status=$?
echo after.errors=$(jq '[.jobs[].error] | add' /tmp/after.json)
matrix > /tmp/matrix.end
cmp -s /tmp/matrix.start /tmp/matrix.end && echo matrix.end=same || { echo matrix.end=changed; diff /tmp/matrix.start /tmp/matrix.end | tr '\n' ' '; echo; }
echo kernel.warnings=$(dmesg | grep -c -E 'WARNING:|BUG:|cannot register move callbacks')
)sh";

// A driver may hold its interrupt disabled while it is moved (nvme polls
// its queue between disable_irq() and enable_irq() on a timeout). The
// series' test knob disables the interrupt after the drain of the next
// move, and commit warns unless the move kept it disabled, then enables it
// as the driver would: with the depth lost, that enable is unbalanced.
// Both reports are WARNs (lab.config turns CONFIG_BUG on): a variant of the
// series that loses the depth, as v1 did, printed five warning lines here.
const std::string kDisabledScript = std::string(kPickQueueScript) + kOverrideHelpersScript + R"sh(
matrix > /tmp/matrix.start
fio --name=disabled --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=16 --numjobs=2 --time_based --runtime=5 --readonly --output-format=json \
    --output=/tmp/disabled.json > /dev/null 2>&1 & pid=$!
wait_io
knob=/sys/kernel/debug/block/disable_irq_move
echo 1 > $knob
echo disabled.move=$(move $other)
echo disabled.effective=$(settle $other)
echo 1 > $knob
echo disabled.home=$(move $aff)
echo disabled.effective_home=$(settle $aff)
echo knob.left=$(cat $knob)
wait $pid
echo fio.status=$?
echo fio.errors=$(jq '[.jobs[].error] | add' /tmp/disabled.json)
matrix > /tmp/matrix.end
cmp -s /tmp/matrix.start /tmp/matrix.end && echo matrix.end=same || { echo matrix.end=changed; diff /tmp/matrix.start /tmp/matrix.end | tr '\n' ' '; echo; }
echo kernel.warnings=$(dmesg | grep -c -E 'WARNING:|BUG:|Unbalanced enable')
)sh";

}  // namespace

TEST(LabOverride, ADisabledInterruptStaysDisabledAcrossAMove) {
  auto facts = guest_facts("default", kDisabledScript, "irq_managed=override");
  ASSERT_EQ(facts["mode"], "override");
  EXPECT_EQ(facts["disabled.move"], "ok");
  EXPECT_EQ(facts["disabled.home"], "ok");
  EXPECT_EQ(facts["knob.left"], "0") << "a move did not reach the prepare callback";
  // Enabled again by the "driver", it runs on the mask in force.
  EXPECT_EQ(facts["disabled.effective"], facts["other"]);
  EXPECT_EQ(facts["disabled.effective_home"], facts["home"]);
  EXPECT_EQ(facts["fio.status"], "0");
  EXPECT_EQ(facts["fio.errors"], "0");
  EXPECT_EQ(facts["matrix.end"], "same");
  // Neither the knob's check nor an unbalanced enable_irq() warned.
  EXPECT_EQ(facts["kernel.warnings"], "0");
}

TEST(LabOverride, QueueInterruptsStayMovableAfterAControllerReset) {
  auto facts = guest_facts("default", kResetScript, "irq_managed=override");
  ASSERT_EQ(facts["mode"], "override");
  EXPECT_EQ(facts["before.move"], "ok");
  EXPECT_EQ(facts["reset.state"], "live");
  // The reset ended the override and returned its reservation.
  EXPECT_EQ(facts["reset.affinity"], facts["home"]);
  EXPECT_EQ(facts["matrix.reset"], "same");
  // The reallocated interrupt moves under I/O and back.
  EXPECT_EQ(facts["after.move"], "ok");
  EXPECT_EQ(facts["after.effective"], facts["other"]);
  EXPECT_EQ(facts["after.home"], "ok");
  EXPECT_EQ(facts["after.fio_status"], "0");
  EXPECT_EQ(facts["after.errors"], "0");
  EXPECT_EQ(facts["matrix.end"], "same");
  EXPECT_EQ(facts["kernel.warnings"], "0");
}

TEST(LabOverride, ManagedQueueInterruptsMoveSafely) {
  auto facts = guest_facts("default", kOverrideScript, "irq_managed=override");
  ASSERT_EQ(facts["mode"], "override");
  // Under load: every move succeeds and fio sees no error.
  EXPECT_EQ(facts["moves_ok"], facts["moves"]);
  EXPECT_EQ(facts["fio.status"], "0");
  EXPECT_EQ(facts["fio.errors"], "0");
  EXPECT_NE(facts["fio.ios"], "");
  EXPECT_EQ(facts["move.to_other"], "ok");
  EXPECT_EQ(facts["effective.other"], facts["other"]);
  // Hotplug after the move: the interrupt falls back to its spread CPU (no
  // drain, no shutdown: the submitters are online), returns to the moved-to
  // CPU when it is back, and no I/O error.
  EXPECT_EQ(facts["hotplug.shutdown"], "no");
  EXPECT_EQ(facts["hotplug.effective_offline"], facts["home"]);
  EXPECT_EQ(facts["hotplug.shutdown_after_online"], "no");
  EXPECT_EQ(facts["hotplug.effective"], facts["other"]);
  EXPECT_EQ(facts["hotplug.fio_status"], "0");
  EXPECT_EQ(facts["hotplug.fio_errors"], "0");
  EXPECT_EQ(facts["hotplug.drains"], "0");
  EXPECT_EQ(facts["hotplug.failed_drains"], "0");
  // Home while the home CPU is offline, and back.
  EXPECT_EQ(facts["move.to_offline"], "ok");
  EXPECT_EQ(facts["offline.shutdown"], "yes");
  EXPECT_EQ(facts["offline.affinity"], facts["home"]);
  EXPECT_EQ(facts["online.shutdown"], "no");
  EXPECT_EQ(facts["online.effective"], facts["home"]);
  EXPECT_EQ(facts["online.affinity"], facts["home"]);
  // The veto.
  EXPECT_TRUE(facts["veto.move"].starts_with("failed: ")) << facts["veto.move"];
  EXPECT_EQ(facts["veto.affinity"], facts["home"]);
  EXPECT_EQ(facts["veto.effective"], facts["home"]);
  EXPECT_EQ(facts["veto.matrix"], "same");
  EXPECT_EQ(facts["after_veto.fio_status"], "0");
  EXPECT_EQ(facts["after_veto.errors"], "0");
  // Nothing leaked, nothing timed out.
  EXPECT_EQ(facts["move.home"], "ok");
  EXPECT_EQ(facts["matrix.end"], "same");
  EXPECT_EQ(facts["kernel.timeouts"], "0");
  EXPECT_EQ(facts["kernel.warnings"], "0");
}

TEST(LabOverride, IoFlowsWhileTheMovedToCpuIsOffline) {
  auto facts = guest_facts("default", kHotplugScript, "irq_managed=override");
  ASSERT_EQ(facts["mode"], "override");
  // Before the fix the pinned submitter's worst completion was the offline
  // time (3.1 s); the spread mode's is about 15 ms here.
  for (const std::string order : {"moved", "offline_first"}) {
    SCOPED_TRACE(order);
    EXPECT_EQ(facts[order + ".shutdown"], "no");
    EXPECT_EQ(facts[order + ".effective_offline"], facts["home"]);
    EXPECT_EQ(facts[order + ".effective_online"], facts["other"]);
    EXPECT_EQ(facts[order + ".fio_status"], "0");
    EXPECT_EQ(facts[order + ".errors"], "0");
    ASSERT_FALSE(facts[order + ".worst_ms"].empty());
    EXPECT_LT(std::stoi(facts[order + ".worst_ms"]), 500) << "fio's worst completion, ms";
    EXPECT_EQ(facts[order + ".home"], "ok");
  }
  EXPECT_EQ(facts["moved.move"], "ok");
  EXPECT_EQ(facts["offline_first.move"], "ok");
  EXPECT_EQ(facts["matrix.cycles"], "same");
  EXPECT_EQ(facts["batched.fio_status"], "0");
  EXPECT_EQ(facts["batched.moves_ok"], "16");
  EXPECT_EQ(facts["batched.errors"], "0");
  ASSERT_FALSE(facts["batched.worst_ms"].empty());
  EXPECT_LT(std::stoi(facts["batched.worst_ms"]), 500);
  EXPECT_EQ(facts["matrix.end"], "same");
  EXPECT_EQ(facts["kernel.timeouts"], "0");
  EXPECT_EQ(facts["kernel.warnings"], "0");
}

}  // namespace irqlab::test
