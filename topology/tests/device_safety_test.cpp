// Device safety on captured fixtures (swap: a real capture) and on copies
// edited to show a mount, a partition in use and a holder.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "fixture_root.h"
#include "irqlab/common/error.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/topology/device_safety.h"
#include "irqlab/topology/discovery.h"

namespace irqlab {
namespace {

Machine discover_copy(const test::FixtureCopy& copy) {
  DiscoveryOptions o;
  o.root = copy.root();
  return discover(o);
}

std::string refusal(const Machine& m, const std::string& device, DeviceSafetyOptions o = {}) {
  return error_of([&] { check_workload_device(m, device, o); }, "(allowed)");
}

TEST(DeviceSafety, FreeNamespaceIsFineForReadsAndForWritesOnlyWhenScratch) {
  Machine m = test::discover_fixture("default");
  EXPECT_EQ(refusal(m, "nvme0n1"), "(allowed)");
  EXPECT_EQ(refusal(m, "/dev/nvme0n1"), "(allowed)");
  EXPECT_EQ(refusal(m, "nvme0n1", {true, false, {}}),
            "nvme0n1 is not marked scratch: write workloads only run on devices given with --scratch (or "
            "IRQLAB_SCRATCH)");
  EXPECT_EQ(refusal(m, "nvme0n1", {true, false, {"/dev/nvme0n1"}}), "(allowed)");
  EXPECT_EQ(refusal(m, "nvme0n1", {true, false, {"irqlab0"}}), "(allowed)") << "by controller serial";
  EXPECT_EQ(refusal(m, "nvme0n1", {true, false, {"irqlab1", "nvme1n1"}}).substr(0, 30),
            "nvme0n1 is not marked scratch:");
  EXPECT_EQ(refusal(m, "nvme9n1"), "no NVMe namespace 'nvme9n1' (namespaces: nvme0n1)");
}

TEST(DeviceSafety, SwapIsRefusedUnlessAllowedAndNeverWritten) {
  Machine m = test::discover_fixture("default-swap");
  EXPECT_EQ(refusal(m, "nvme0n1"), "nvme0n1 is in use: swap (nvme0n1); pass --allow-in-use to read from it anyway");
  EXPECT_EQ(refusal(m, "nvme0n1", {false, true, {}}), "(allowed)");
  EXPECT_EQ(refusal(m, "nvme0n1", {true, true, {"nvme0n1"}}),
            "nvme0n1 is in use (swap (nvme0n1)): irqlab never writes to a device in use");
}

TEST(DeviceSafety, MountedFilesystemIsRefused) {
  test::FixtureCopy copy("default");
  std::string mounts = copy.read("/proc/self/mountinfo");
  copy.write("/proc/self/mountinfo", mounts + "\n30 15 259:0 / /data rw,relatime - ext4 /dev/nvme0n1 rw\n");
  Machine m = discover_copy(copy);
  EXPECT_EQ(m.controllers[0].namespaces[0].in_use, std::vector<std::string>{"mounted on /data (nvme0n1, ext4)"});
  EXPECT_EQ(refusal(m, "nvme0n1"),
            "nvme0n1 is in use: mounted on /data (nvme0n1, ext4); pass --allow-in-use to read from it anyway");
}

TEST(DeviceSafety, PartitionInUseIsRefused) {
  test::FixtureCopy copy("default");
  copy.write("/sys/block/nvme0n1/nvme0n1p1/dev", "259:1\n");
  copy.write("/sys/block/nvme0n1/nvme0n1p2/dev", "259:2\n");
  copy.write("/sys/block/nvme0n1/nvme0n1p2/holders/md0", "");
  // btrfs reports an anonymous device number: matched by source name.
  std::string mounts = copy.read("/proc/self/mountinfo");
  copy.write("/proc/self/mountinfo", mounts + "\n31 15 0:45 / /srv rw - btrfs /dev/nvme0n1p1 rw\n");
  Machine m = discover_copy(copy);
  const NvmeNamespace& ns = m.controllers[0].namespaces[0];
  EXPECT_EQ(ns.partitions, (std::vector<std::string>{"nvme0n1p1", "nvme0n1p2"}));
  EXPECT_EQ(ns.in_use,
            (std::vector<std::string>{"mounted on /srv (nvme0n1p1, btrfs)", "partition nvme0n1p2 held by md0"}));
}

TEST(DeviceSafety, HolderIsRefused) {
  test::FixtureCopy copy("default");
  copy.write("/sys/block/nvme0n1/holders/dm-0", "");
  Machine m = discover_copy(copy);
  EXPECT_EQ(refusal(m, "nvme0n1"), "nvme0n1 is in use: held by dm-0; pass --allow-in-use to read from it anyway");
}

// Fails closed: what irqlab cannot read or make sense of is a reason to refuse.
TEST(DeviceSafety, MissingSwapsRefusesWithTheReason) {
  test::FixtureCopy copy("default");
  std::filesystem::remove(copy.path("/proc/swaps"));
  Machine m = discover_copy(copy);
  const std::string why = "cannot tell whether it is swap (" + copy.path("/proc/swaps").string() + " is missing or empty)";
  EXPECT_EQ(m.controllers[0].namespaces[0].in_use, std::vector<std::string>{why});
  EXPECT_EQ(refusal(m, "nvme0n1"), "nvme0n1 is in use: " + why + "; pass --allow-in-use to read from it anyway");
  EXPECT_EQ(refusal(m, "nvme0n1", {true, true, {"nvme0n1"}}),
            "nvme0n1 is in use (" + why + "): irqlab never writes to a device in use");
}

TEST(DeviceSafety, GarbledOrEmptyTablesRefuse) {
  test::FixtureCopy copy("default");
  copy.write("/proc/swaps", "Filename Type Size Used Priority\n/dev/nvme0n1 partition\n");
  copy.write("/proc/self/mountinfo", "");
  Machine m = discover_copy(copy);
  EXPECT_EQ(m.controllers[0].namespaces[0].in_use,
            (std::vector<std::string>{
                "cannot tell whether it is mounted (" + copy.path("/proc/self/mountinfo").string() + " is missing or empty)",
                "cannot tell whether it is swap (" + copy.path("/proc/swaps").string() + ":2 is garbled)"}));
  copy.write("/proc/swaps", "\x7f\x45\x4c\x46 binary\n");
  copy.write("/proc/self/mountinfo", "15 1 0:14 / / ro - 9p root ro\nnot a mount line\n");
  m = discover_copy(copy);
  EXPECT_EQ(m.controllers[0].namespaces[0].in_use,
            (std::vector<std::string>{
                "cannot tell whether it is mounted (" + copy.path("/proc/self/mountinfo").string() + ":2 is garbled)",
                "cannot tell whether it is swap (" + copy.path("/proc/swaps").string() + ":1 is garbled)"}));
}

TEST(DeviceSafety, AFifoAsSwapsIsRefusedAtOnce) {
  test::FixtureCopy copy("default");
  std::filesystem::remove(copy.path("/proc/swaps"));
  ASSERT_EQ(::mkfifo(copy.path("/proc/swaps").c_str(), 0600), 0);
  try {
    discover_copy(copy);
    ADD_FAILURE() << "a FIFO was read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), copy.path("/proc/swaps").string() + ": not a regular file (a FIFO)");
  }
}

}  // namespace
}  // namespace irqlab
