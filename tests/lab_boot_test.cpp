// Boots the kernel under test and checks, from inside the guest, that the
// virtual machine is what the preset describes.
#include <gtest/gtest.h>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const char* kFactsScript =
    "echo nodes=$(ls -d /sys/devices/system/node/node[0-9]* | wc -l);"
    "echo cpus=$(cat /sys/devices/system/cpu/online);"
    // Controllers are named by serial: irqlab<i> is the preset's controller
    // i. nvme probes asynchronously, so the kernel's nvmeN order may differ.
    "for c in /sys/class/nvme/nvme*; do n=${c##*/}; read -r s < $c/serial;"
    "  echo $s.numa_node=$(cat $c/device/numa_node);"
    "  echo $s.io_queue_irqs=$(grep -c \" ${n}q[1-9][0-9]*\\$\" /proc/interrupts);"
    "  echo $s.admin_irqs=$(grep -c \" ${n}q0\\$\" /proc/interrupts);"
    "done";

}  // namespace

// The acceptance test of the foundation: NVMe on node 1 is seen on node 1,
// with the requested number of queue interrupts.
TEST(LabBoot, NvmeOnNode1ReportsNode1AndItsQueueInterrupts) {
  auto facts = guest_facts("nvme-node1", kFactsScript);
  EXPECT_EQ(facts["nodes"], "2");
  EXPECT_EQ(facts["cpus"], "0-3");
  EXPECT_EQ(facts["irqlab0.numa_node"], "1");
  EXPECT_EQ(facts["irqlab0.io_queue_irqs"], "4");
  EXPECT_EQ(facts["irqlab0.admin_irqs"], "1");
}

TEST(LabBoot, FourNodesTwoControllersOnDifferentNodes) {
  auto facts = guest_facts("numa4-2nvme", kFactsScript);
  EXPECT_EQ(facts["nodes"], "4");
  EXPECT_EQ(facts["cpus"], "0-7");
  EXPECT_EQ(facts["irqlab0.numa_node"], "0");
  EXPECT_EQ(facts["irqlab1.numa_node"], "2");
  EXPECT_EQ(facts["irqlab0.io_queue_irqs"], "4");
  EXPECT_EQ(facts["irqlab1.io_queue_irqs"], "4");
}

TEST(LabBoot, GuestRunsTheHostToolsAndWritesTheShare) {
  fs::path dir = make_temp_dir("share");
  CliRun run = run_irqlab({"lab", "run", "--run-dir", (dir / "run").string(), "--", "sh", "-c",
                           "fio --version && echo written > \"$IRQLAB_OUT/marker\" && uname -r"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("fio-3"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("6.12"), std::string::npos) << run.out;
  bool found = false;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename() == "marker") found = true;
  EXPECT_TRUE(found) << "the guest's file did not reach the host";
  fs::remove_all(dir);
}

TEST(LabBoot, GuestExitStatusIsPassedOn) {
  fs::path dir = make_temp_dir("status");
  CliRun run = run_irqlab({"lab", "run", "--run-dir", (dir / "run").string(), "--", "sh", "-c", "exit 7"});
  EXPECT_EQ(run.exit_code, 7) << run.err;
  fs::remove_all(dir);
}

}  // namespace irqlab::test
