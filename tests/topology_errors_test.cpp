// Bad input to the topology, layout and control commands: one clear error
// line and a non-zero exit. They read captured fixtures (--root) and never
// change the machine the tests run on.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(IRQLAB_TEST_SOURCE_DIR) + "/topology/tests/fixtures/";

void expect_one_error_line(const CliRun& run, const std::string& expected_line) {
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err, expected_line + "\n");
}

}  // namespace

TEST(TopologyErrors, TopologyOfAFixtureAsTableAndJson) {
  CliRun table = run_irqlab({"topology", "--root", kFixtures + "nvme-node1"});
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("nvme0  serial irqlab0  0000:81:00.0  node 1"), std::string::npos) << table.out;
  CliRun json = run_irqlab({"topology", "--json", "--root", kFixtures + "nvme-node1"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["schema"], "irqlab-topology");
  EXPECT_EQ(j["controllers"][0]["numa_node"], 1);
}

TEST(TopologyErrors, RootThatIsNotASystem) {
  expect_one_error_line(run_irqlab({"topology", "--root", "/nonexistent-root"}),
                        "irqlab: error: cannot read /nonexistent-root/sys/devices/system/cpu/online");
}

TEST(TopologyErrors, BrokenHwlocXml) {
  fs::path dir = make_temp_dir("broken-xml");
  std::ofstream(dir / "topo.xml") << "not xml\n";
  expect_one_error_line(
      run_irqlab({"topology", "--root", kFixtures + "default", "--hwloc-xml", (dir / "topo.xml").string()}),
      "irqlab: error: hwloc cannot load " + (dir / "topo.xml").string() + ": not a valid hwloc XML topology");
  fs::remove_all(dir);
}

TEST(TopologyErrors, UnknownLayout) {
  expect_one_error_line(run_irqlab({"layout", "sideways", "--root", kFixtures + "default"}),
                        "irqlab: error: unknown layout 'sideways' (layouts: spread, local, remote, interleaved, "
                        "single, node, or a layout file path)");
}

TEST(TopologyErrors, LayoutFileNamingACpuOrInterruptThatDoesNotExist) {
  fs::path dir = make_temp_dir("layout-file");
  std::ofstream(dir / "bad-cpu.layout") << "# plan\nnvme0q1 0-1\nnvme0q2 12\n";
  std::ofstream(dir / "bad-irq.layout") << "nvme0q9 2\n";
  expect_one_error_line(run_irqlab({"layout", (dir / "bad-cpu.layout").string(), "--root", kFixtures + "default"}),
                        "irqlab: error: " + (dir / "bad-cpu.layout").string() + ":3: CPU 12 does not exist (CPUs 0-3)");
  expect_one_error_line(run_irqlab({"layout", (dir / "bad-irq.layout").string(), "--root", kFixtures + "default"}),
                        "irqlab: error: " + (dir / "bad-irq.layout").string() +
                            ":1: no NVMe queue interrupt 'nvme0q9' (nvme0 has q0-q4)");
  fs::remove_all(dir);
}

TEST(TopologyErrors, ControllerThatIsNotThere) {
  expect_one_error_line(
      run_irqlab({"layout", "local", "--controller", "irqlab7", "--root", kFixtures + "numa4-2nvme"}),
      "irqlab: error: no NVMe controller 'irqlab7' (present: nvme0 (irqlab0, 0000:81:00.0), nvme1 (irqlab1, "
      "0000:91:00.0))");
}

TEST(TopologyErrors, CorruptJournal) {
  fs::path dir = make_temp_dir("corrupt-journal");
  std::ofstream(dir / "journal") << "irqlab-journal 1\nsession 1 pid=1 boot=b time=t root=/\nmove 1 29 to=2\n";
  expect_one_error_line(run_irqlab({"restore", "--state-dir", dir.string()}),
                        "irqlab: error: corrupt journal " + (dir / "journal").string() + ":3: unknown record 'move'");
  fs::remove_all(dir);
}

TEST(TopologyErrors, BootCpuAndMissingCpuAreRefused) {
  fs::path dir = make_temp_dir("hotplug");
  expect_one_error_line(
      run_irqlab({"cpu", "offline", "0", "--root", kFixtures + "default", "--state-dir", dir.string()}),
      "irqlab: error: CPU 0 cannot be taken offline: it has no online file (the boot CPU)");
  expect_one_error_line(
      run_irqlab({"irq", "set", "29", "8", "--root", kFixtures + "default", "--state-dir", dir.string()}),
      "irqlab: error: CPU 8 does not exist (CPUs 0-3)");
  EXPECT_FALSE(fs::exists(dir / "journal")) << "nothing was changed, so nothing was journaled";
  fs::remove_all(dir);
}

TEST(TopologyErrors, NamespaceInUse) {
  expect_one_error_line(
      run_irqlab({"device", "check", "nvme0n1", "--root", kFixtures + "default-swap"}),
      "irqlab: error: nvme0n1 is in use: swap (nvme0n1); pass --allow-in-use to read from it anyway");
  expect_one_error_line(run_irqlab({"device", "check", "nvme0n1", "--write", "--root", kFixtures + "default"}),
                        "irqlab: error: nvme0n1 is not marked scratch: write workloads only run on devices given "
                        "with --scratch (or IRQLAB_SCRATCH)");
}

}  // namespace irqlab::test

namespace irqlab::test {

TEST(TopologyErrors, FifoAsLayoutFileIsRefusedWithoutBlocking) {
  fs::path dir = make_temp_dir("layout-fifo");
  const fs::path fifo = dir / "plan.layout";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  expect_one_error_line(run_irqlab_promptly({"layout", fifo.string(), "--root", kFixtures + "default"}),
                        "irqlab: error: " + fifo.string() + ": not a regular file (a FIFO)");
  fs::remove_all(dir);
}

TEST(TopologyErrors, FifoAsJournalIsRefusedWithoutBlocking) {
  fs::path dir = make_temp_dir("journal-fifo");
  ASSERT_EQ(::mkfifo((dir / "journal").c_str(), 0600), 0);
  expect_one_error_line(run_irqlab_promptly({"restore", "--state-dir", dir.string()}),
                        "irqlab: error: " + (dir / "journal").string() + ": not a regular file (a FIFO)");
  fs::remove_all(dir);
}

}  // namespace irqlab::test

namespace irqlab::test {

// A root whose cpu/present reads 0-1048576 made discovery build a set of a
// million CPUs per read and never finish.
TEST(TopologyErrors, RootWithACpuAboveTheLimitIsRefusedPromptly) {
  fs::path dir = make_temp_dir("huge-present");
  fs::copy(kFixtures + "default", dir / "root", fs::copy_options::recursive);
  const fs::path present = dir / "root/sys/devices/system/cpu/present";
  std::ofstream(present, std::ios::trunc) << "0-1048576\n";
  expect_one_error_line(run_irqlab_promptly({"topology", "--root", (dir / "root").string()}),
                        "irqlab: error: " + present.string() + ": CPU 1048576 is above the limit of 8191");
  fs::remove_all(dir);
}

// -1 was the "not given" value of --cpu and --node: the single layout
// silently planned CPU 0.
TEST(TopologyErrors, NegativeCpuOrNodeOptionIsABadCommandLine) {
  for (const char* option : {"--cpu", "--node"}) {
    const std::string layout = option == std::string("--cpu") ? "single" : "node";
    CliRun run = run_irqlab({"layout", layout, option, "-1", "--root", kFixtures + "default"});
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_EQ(run.err, "irqlab: error: " + std::string(option) + ": Value -1 not in range 0 to " +
                           (option == std::string("--cpu") ? "8191" : "1023") + " (see irqlab --help)\n");
  }
}

}  // namespace irqlab::test
