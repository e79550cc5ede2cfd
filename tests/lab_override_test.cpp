// Option 3 (irq_managed=override) with nvme-pci opted in: managed queue
// interrupts move on a write to their affinity, under I/O, to offline CPUs,
// and a vetoed move changes nothing.
#include <gtest/gtest.h>

#include <string>

#include "cli_harness.h"
#include "guest_scripts.h"

namespace irqlab::test {
namespace {

const std::string kOverrideScript = std::string(kPickQueueScript) + R"sh(
echo home=$aff
other=3; [ "$aff" = 3 ] && other=2
echo other=$other
effective() { cat /proc/irq/$irq/effective_affinity_list; }
shutdown() { grep -q IRQD_MANAGED_SHUTDOWN /sys/kernel/debug/irq/irqs/$irq && echo yes || echo no; }
# coreutils echo: the shell builtin reports every write error as "I/O error".
move() { { /bin/echo "$1" > /proc/irq/$irq/smp_affinity_list; } 2>/tmp/move.err && echo ok || echo "failed: $(cat /tmp/move.err)"; }
# The managed reservation: the global count and each CPU's "man" column.
matrix() { awk '/Global reserved/ { print } $1 ~ /^[0-9]+$/ && NF >= 5 { print "cpu" $1, "man=" $3 }' /sys/kernel/debug/irq/domains/VECTOR; }
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
# that submit to its queue stay online. blk-mq must drain that queue before
# the interrupt is shut down, and resume it when the CPU comes back.
trace=/sys/kernel/tracing
echo > $trace/trace
echo 1 > $trace/events/block/block_mq_hctx_drain/enable
fio --name=hotplug --filename=/dev/nvme0n1 --rw=randread --ioengine=io_uring --direct=1 --bs=4k \
    --iodepth=32 --numjobs=4 --time_based --runtime=4 --readonly --group_reporting \
    --output-format=json --output=/tmp/hotplug.json > /dev/null 2>&1 &
fio_pid=$!
sleep 1
echo 0 > /sys/devices/system/cpu/cpu$other/online
echo hotplug.shutdown=$(shutdown)
sleep 1
echo 1 > /sys/devices/system/cpu/cpu$other/online
echo hotplug.shutdown_after_online=$(shutdown)
echo hotplug.effective=$(effective)
wait $fio_pid
echo hotplug.fio_status=$?
echo hotplug.fio_errors=$(grep -c '"error" : [1-9]' /tmp/hotplug.json)
echo 0 > $trace/events/block/block_mq_hctx_drain/enable
echo hotplug.drains=$(grep -c "block_mq_hctx_drain: .* hctx=$((q - 1)) " $trace/trace)
echo hotplug.failed_drains=$(grep "block_mq_hctx_drain:" $trace/trace | grep -vc " ret=0 ")

# A move to a set whose CPUs are all offline keeps the interrupt shut down
# until one comes back; then it runs on the new mask.
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

}  // namespace

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
  // Hotplug after the move: drained (submitters still online), shut down,
  // restarted on the moved-to CPU, and no I/O error.
  EXPECT_EQ(facts["hotplug.shutdown"], "yes");
  EXPECT_EQ(facts["hotplug.shutdown_after_online"], "no");
  EXPECT_EQ(facts["hotplug.effective"], facts["other"]);
  EXPECT_EQ(facts["hotplug.fio_status"], "0");
  EXPECT_EQ(facts["hotplug.fio_errors"], "0");
  EXPECT_NE(facts["hotplug.drains"], "0");
  EXPECT_EQ(facts["hotplug.failed_drains"], "0");
  // To an all-offline set and back.
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

}  // namespace irqlab::test
