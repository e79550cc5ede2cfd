// `irqlab topology capture`: a capture of a root reads back as the same machine.
#include <gtest/gtest.h>

#include "fixture_root.h"
#include "irqlab/common/error.h"
#include "irqlab/testing/scratch_dir.h"
#include "irqlab/topology/capture.h"
#include "irqlab/topology/topology_report.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;

// Everything but where it was read from.
nlohmann::ordered_json comparable(nlohmann::ordered_json j) {
  j.erase("root");
  j.erase("hwloc");
  return j;
}

TEST(Capture, RecapturingAFixtureGivesTheSameMachine) {
  for (const char* name : {"default", "default-cpu3-offline", "default-swap", "nvme-node1", "numa4-2nvme"}) {
    const ScratchDir out("capture-test");
    const fs::path dir = out / "capture";
    DiscoveryOptions source;
    source.root = test::fixture(name);
    CaptureResult r = capture_topology(source, dir);
    EXPECT_GT(r.files, 20u) << name;
    EXPECT_TRUE(fs::exists(dir / "hwloc.xml")) << name;
    EXPECT_TRUE(fs::exists(dir / "capture-info.txt")) << name;
    DiscoveryOptions again;
    again.root = dir;
    EXPECT_EQ(comparable(topology_json(discover(again))), comparable(topology_json(r.machine))) << name;
    EXPECT_EQ(comparable(topology_json(r.machine)), comparable(topology_json(test::discover_fixture(name)))) << name;
  }
}

TEST(Capture, KeepsOnlyIrqbalanceAmongProcesses) {
  test::FixtureCopy root("default");
  root.write("/proc/4242/comm", "irqbalance");
  root.write("/proc/4243/comm", "bash");
  const fs::path dir = root.root().parent_path() / "capture";
  DiscoveryOptions source;
  source.root = root.root();
  CaptureResult r = capture_topology(source, dir);
  EXPECT_EQ(r.machine.irqbalance_pids, std::vector<int>{4242});
  EXPECT_TRUE(fs::exists(dir / "proc/4242/comm"));
  EXPECT_FALSE(fs::exists(dir / "proc/4243"));
}

TEST(Capture, RefusesADirectoryThatIsNotEmpty) {
  test::FixtureCopy root("default");
  DiscoveryOptions source;
  source.root = test::fixture("default");
  try {
    capture_topology(source, root.root());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "capture directory " + root.root().string() + " is not empty");
  }
}

}  // namespace
}  // namespace irqlab
