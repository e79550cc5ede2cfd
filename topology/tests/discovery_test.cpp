// Discovery on fixtures captured in lab guests (see fixtures/README).
#include <gtest/gtest.h>

#include "discovery_parts.h"
#include "fixture_root.h"
#include "irqlab/common/error.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/topology/topology_report.h"

namespace irqlab {
namespace {

using test::discover_fixture;
using test::fixture;
using test::FixtureCopy;

const NvmeQueue& queue(const NvmeController& c, int qid) {
  for (const NvmeQueue& q : c.queues)
    if (q.qid == qid) return q;
  throw Error("no queue " + std::to_string(qid));
}

TEST(Discovery, DefaultPresetTwoNodesNvmeOnNode0) {
  Machine m = discover_fixture("default");
  EXPECT_EQ(m.kernel.release, "6.12.117-irqlab");
  EXPECT_FALSE(m.kernel.managed_mode.has_value());
  EXPECT_EQ(m.present_cpus, (CpuSet{0, 1, 2, 3}));
  EXPECT_EQ(m.online_cpus, (CpuSet{0, 1, 2, 3}));
  EXPECT_EQ(m.hotpluggable_cpus, (CpuSet{1, 2, 3})) << "cpu0 has no online file";
  ASSERT_EQ(m.nodes.size(), 2u);
  EXPECT_EQ(m.nodes[0].cpus, (CpuSet{0, 1}));
  EXPECT_EQ(m.nodes[1].cpus, (CpuSet{2, 3}));
  EXPECT_EQ(m.nodes[0].distances, (std::vector<int>{10, 20}));
  EXPECT_EQ(m.distance(1, 0), 20);
  EXPECT_GT(m.nodes[1].memory_bytes, 900u << 20);
  EXPECT_TRUE(m.irqbalance_pids.empty());
  EXPECT_TRUE(m.warnings.empty()) << m.warnings.front();
  EXPECT_TRUE(m.hwloc_source.starts_with("xml ")) << m.hwloc_source;

  ASSERT_EQ(m.controllers.size(), 1u);
  const NvmeController& c = m.controllers[0];
  EXPECT_EQ(c.name, "nvme0");
  EXPECT_EQ(c.serial, "irqlab0");
  EXPECT_EQ(c.model, "QEMU NVMe Ctrl");
  EXPECT_EQ(c.pci_address, "0000:81:00.0");
  EXPECT_EQ(c.numa_node, 0);
  EXPECT_EQ(c.local_cpus, (CpuSet{0, 1}));
  EXPECT_EQ(c.locality_source, "hwloc");
  ASSERT_EQ(c.namespaces.size(), 1u);
  EXPECT_EQ(c.namespaces[0].name, "nvme0n1");
  EXPECT_EQ(c.namespaces[0].dev, "259:0");
  EXPECT_EQ(c.namespaces[0].size_bytes, 1ull << 30);
  EXPECT_TRUE(c.namespaces[0].in_use.empty());

  ASSERT_EQ(c.queues.size(), 5u);
  EXPECT_EQ(c.io_queues().size(), 4u);
  const NvmeQueue& admin = queue(c, 0);
  EXPECT_EQ(admin.irq, 28);
  EXPECT_EQ(admin.managed, false);
  EXPECT_FALSE(admin.hctx.has_value());
  // The spread: q1 -> CPU 2, q2 -> 3, q3 -> 0, q4 -> 1, and the hctx map matches it.
  const std::vector<int> spread = {2, 3, 0, 1};
  for (int qid = 1; qid <= 4; ++qid) {
    const NvmeQueue& q = queue(c, qid);
    EXPECT_EQ(q.irq, 28 + qid);
    EXPECT_EQ(q.name, "nvme0q" + std::to_string(qid));
    EXPECT_EQ(q.hctx, qid - 1);
    EXPECT_EQ(q.hctx_cpus, CpuSet{spread[qid - 1]});
    EXPECT_EQ(q.affinity, CpuSet{spread[qid - 1]});
    EXPECT_EQ(q.effective, CpuSet{spread[qid - 1]});
    EXPECT_EQ(q.managed, true);
    EXPECT_FALSE(q.shut_down);
  }
}

TEST(Discovery, NvmeOnNode1IsLocalToCpus2And3) {
  Machine m = discover_fixture("nvme-node1");
  ASSERT_EQ(m.controllers.size(), 1u);
  EXPECT_EQ(m.controllers[0].numa_node, 1);
  EXPECT_EQ(m.controllers[0].local_cpus, (CpuSet{2, 3}));
}

TEST(Discovery, FourNodesTwoControllersMatchedBySerial) {
  Machine m = discover_fixture("numa4-2nvme");
  ASSERT_EQ(m.nodes.size(), 4u);
  EXPECT_EQ(m.nodes[2].cpus, (CpuSet{4, 5}));
  EXPECT_EQ(m.nodes[3].distances, (std::vector<int>{20, 20, 20, 10}));
  ASSERT_EQ(m.controllers.size(), 2u);
  const NvmeController& c0 = m.controller("irqlab0");
  const NvmeController& c1 = m.controller("irqlab1");
  EXPECT_EQ(c0.numa_node, 0);
  EXPECT_EQ(c1.numa_node, 2);
  EXPECT_EQ(c1.pci_address, "0000:91:00.0");
  EXPECT_EQ(c1.io_queues().size(), 4u);
  // 8 CPUs over 4 queues: each queue serves two CPUs of one node.
  EXPECT_EQ(queue(c1, 3).hctx_cpus, (CpuSet{4, 5}));
  EXPECT_EQ(queue(c1, 3).affinity, (CpuSet{4, 5}));
  EXPECT_EQ(queue(c1, 3).effective.size(), 1u);
  // Lookups by kernel name and PCI address, short or long.
  EXPECT_EQ(&m.controller("0000:91:00.0"), &c1);
  EXPECT_EQ(&m.controller("91:00.0"), &c1);
  EXPECT_EQ(&m.controller(c1.name), &c1);
}

TEST(Discovery, UnknownControllerNamesThePresentOnes) {
  Machine m = discover_fixture("default");
  try {
    m.controller("nvme7");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "no NVMe controller 'nvme7' (present: nvme0 (irqlab0, 0000:81:00.0))");
  }
}

TEST(Discovery, OfflineCpuStaysInItsNodeAndItsManagedQueueIsShutDown) {
  Machine m = discover_fixture("default-cpu3-offline");
  EXPECT_EQ(m.online_cpus, (CpuSet{0, 1, 2}));
  EXPECT_EQ(m.present_cpus, (CpuSet{0, 1, 2, 3}));
  // hwloc's node 1 lost CPU 3; sysfs's node1/cpu3 link keeps it.
  EXPECT_EQ(m.nodes[1].cpus, (CpuSet{2, 3}));
  const NvmeController& c = m.controllers[0];
  EXPECT_TRUE(queue(c, 2).shut_down);
  EXPECT_FALSE(queue(c, 1).shut_down);
  EXPECT_EQ(queue(c, 2).affinity, CpuSet{3});
}

TEST(Discovery, SwapOnTheNamespaceIsReportedInUse) {
  Machine m = discover_fixture("default-swap");
  EXPECT_EQ(m.controllers[0].namespaces[0].in_use, (std::vector<std::string>{"swap (nvme0n1)"}));
}

TEST(Discovery, WithoutHwlocXmlNodesAndLocalityComeFromSysfs) {
  FixtureCopy copy("nvme-node1");
  std::filesystem::remove(copy.root() / "hwloc.xml");
  DiscoveryOptions o;
  o.root = copy.root();
  Machine m = discover(o);
  EXPECT_EQ(m.hwloc_source, "none");
  ASSERT_EQ(m.nodes.size(), 2u);
  EXPECT_EQ(m.nodes[1].cpus, (CpuSet{2, 3}));
  EXPECT_EQ(m.nodes[0].distances, (std::vector<int>{10, 20}));
  ASSERT_EQ(m.controllers.size(), 1u);
  EXPECT_EQ(m.controllers[0].numa_node, 1);
  EXPECT_EQ(m.controllers[0].locality_source, "sysfs");
  ASSERT_EQ(m.warnings.size(), 2u);
  EXPECT_NE(m.warnings[1].find("/sys/class/nvme/*/device/numa_node"), std::string::npos) << m.warnings[1];
}

TEST(Discovery, HwlocThatListsNoNvmeFallsBackToSysfsAndSaysSo) {
  DiscoveryOptions o;
  o.root = fixture("nvme-node1");
  o.hwloc_xml = fixture("synthetic-2node-no-io.xml");
  Machine m = discover(o);
  ASSERT_EQ(m.controllers.size(), 1u);
  EXPECT_EQ(m.controllers[0].numa_node, 1);
  EXPECT_EQ(m.controllers[0].locality_source, "sysfs");
  ASSERT_EQ(m.warnings.size(), 1u);
  EXPECT_EQ(m.warnings[0],
            "hwloc lists no NVMe controller: NUMA nodes of controllers from /sys/class/nvme/*/device/numa_node");
}

TEST(Discovery, MissingOrBrokenHwlocXmlIsOneClearError) {
  DiscoveryOptions o;
  o.root = fixture("default");
  o.hwloc_xml = "/nonexistent/topo.xml";
  EXPECT_THROW(
      {
        try {
          discover(o);
        } catch (const Error& e) {
          EXPECT_STREQ(e.what(), "hwloc XML not found: /nonexistent/topo.xml");
          throw;
        }
      },
      Error);
  FixtureCopy copy("default");
  copy.write("/broken.xml", "<topology><object type=");
  o.hwloc_xml = copy.path("/broken.xml");
  try {
    discover(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("hwloc cannot ")) << e.what();
  }
}

TEST(Discovery, ARootThatIsNotLinuxIsNamed) {
  DiscoveryOptions o;
  o.root = "/nonexistent-root";
  try {
    discover(o);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "cannot read /nonexistent-root/sys/devices/system/cpu/online");
  }
}

TEST(Discovery, NamespaceNamesOfPlainAndMultipathDevices) {
  // Native multipath (not in the lab kernel) names the controller's path
  // nvme<subsys>c<ctrl>n<ns>; people use the head, nvme<subsys>n<ns>.
  EXPECT_EQ(namespace_block_name("nvme0n1"), "nvme0n1");
  EXPECT_EQ(namespace_block_name("nvme2c5n3"), "nvme2n3");
  EXPECT_FALSE(namespace_block_name("ng0n1"));
  EXPECT_FALSE(namespace_block_name("nvme0"));
  EXPECT_FALSE(namespace_block_name("nvme0n1p1"));
  EXPECT_FALSE(namespace_block_name("nvme0cn1"));
  EXPECT_EQ(discover_fixture("default").controllers[0].namespaces[0].sysfs_dir, "/sys/class/nvme/nvme0/nvme0n1");
}

TEST(TopologyJson, SchemaVersionAndFields) {
  Machine m = discover_fixture("nvme-node1");
  auto j = topology_json(m);
  EXPECT_EQ(j["schema"], "irqlab-topology");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["kernel"]["release"], "6.12.117-irqlab");
  EXPECT_TRUE(j["kernel"]["managed_mode"].is_null());
  EXPECT_EQ(j["cpus"]["online"], nlohmann::json::parse("[0,1,2,3]"));
  EXPECT_EQ(j["cpus"]["hotpluggable"], nlohmann::json::parse("[1,2,3]"));
  EXPECT_EQ(j["nodes"][1]["cpus"], nlohmann::json::parse("[2,3]"));
  EXPECT_EQ(j["nodes"][1]["distances"], nlohmann::json::parse("[20,10]"));
  const auto& c = j["controllers"][0];
  EXPECT_EQ(c["serial"], "irqlab0");
  EXPECT_EQ(c["pci_address"], "0000:81:00.0");
  EXPECT_EQ(c["numa_node"], 1);
  EXPECT_EQ(c["namespaces"][0]["name"], "nvme0n1");
  const auto& q1 = c["queues"][1];
  EXPECT_EQ(q1["qid"], 1);
  EXPECT_EQ(q1["type"], "io");
  EXPECT_EQ(q1["irq"], 29);
  EXPECT_EQ(q1["hctx"], 0);
  EXPECT_EQ(q1["hctx_cpus"], nlohmann::json::parse("[2]"));
  EXPECT_EQ(q1["effective_cpu"], 2);
  EXPECT_EQ(q1["managed"], true);
  EXPECT_EQ(c["queues"][0]["type"], "admin");
  EXPECT_TRUE(c["queues"][0]["hctx"].is_null());
}

TEST(TopologyTable, NamesTheControllerItsNodeAndQueues) {
  std::string t = topology_table(discover_fixture("nvme-node1"));
  EXPECT_NE(t.find("nvme0  serial irqlab0  0000:81:00.0  node 1 (cpus 2-3, from hwloc)"), std::string::npos) << t;
  EXPECT_NE(t.find("  q1     29    2          2         2          yes "), std::string::npos) << t;
  EXPECT_NE(t.find("irqbalance  not running"), std::string::npos) << t;
}

}  // namespace
}  // namespace irqlab
