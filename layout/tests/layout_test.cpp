// Every layout, planned on captured fixtures; and the errors of bad requests.
#include <gtest/gtest.h>

#include "fixture_root.h"
#include "irqlab/layout/layout.h"
#include "irqlab/testing/error_of.h"

namespace irqlab {
namespace {

using test::discover_fixture;

std::vector<CpuSet> cpus_of(const LayoutPlan& plan) {
  std::vector<CpuSet> out;
  for (const PlannedIrq& p : plan.irqs) out.push_back(p.cpus);
  return out;
}

std::string error_of(const Machine& m, const LayoutRequest& r) {
  return irqlab::error_of([&] { make_layout(m, r); });
}

TEST(Layout, SpreadIsTheHctxMap) {
  LayoutPlan p = make_layout(discover_fixture("default"), {"spread", {}, {}, {}});
  ASSERT_EQ(p.irqs.size(), 4u);
  EXPECT_EQ(cpus_of(p), (std::vector<CpuSet>{{2}, {3}, {0}, {1}}));
  EXPECT_EQ(p.irqs[0].name, "nvme0q1");
  EXPECT_EQ(p.irqs[0].irq, 29);
  EXPECT_EQ(p.irqs[0].current, CpuSet{2});
}

TEST(Layout, LocalAndRemoteFollowTheControllersNode) {
  Machine node1 = discover_fixture("nvme-node1");
  LayoutPlan local = make_layout(node1, {"local", {}, {}, {}});
  EXPECT_EQ(cpus_of(local), std::vector<CpuSet>(4, CpuSet{2, 3}));
  EXPECT_EQ(local.irqs[0].node, 1);
  LayoutPlan remote = make_layout(node1, {"remote", {}, {}, {}});
  EXPECT_EQ(cpus_of(remote), std::vector<CpuSet>(4, CpuSet{0, 1}));
  EXPECT_EQ(remote.irqs[3].node, 0);
}

TEST(Layout, RemoteTiesGoToTheLowestNodePerController) {
  Machine m = discover_fixture("numa4-2nvme");
  LayoutPlan remote = make_layout(m, {"remote", {}, {}, {}});
  ASSERT_EQ(remote.irqs.size(), 8u);
  // irqlab0 on node 0: nodes 1-3 all at 20 -> node 1; irqlab1 on node 2 -> node 0.
  for (const PlannedIrq& p : remote.irqs)
    EXPECT_EQ(p.node, p.controller == m.controller("irqlab0").name ? 1 : 0) << p.name;
}

TEST(Layout, InterleavedWalksTheNodesFromTheControllers) {
  Machine m = discover_fixture("numa4-2nvme");
  LayoutPlan p = make_layout(m, {"interleaved", {"irqlab1"}, {}, {}});
  ASSERT_EQ(p.irqs.size(), 4u);
  std::vector<std::optional<int>> nodes;
  for (const PlannedIrq& q : p.irqs) nodes.push_back(q.node);
  EXPECT_EQ(nodes, (std::vector<std::optional<int>>{2, 3, 0, 1}));
  EXPECT_EQ(p.irqs[1].cpus, (CpuSet{6, 7}));
}

TEST(Layout, SingleAndNode) {
  Machine m = discover_fixture("nvme-node1");
  EXPECT_EQ(cpus_of(make_layout(m, {"single", {}, {}, {}})), std::vector<CpuSet>(4, CpuSet{2}));
  EXPECT_EQ(cpus_of(make_layout(m, {"single", {}, {}, 0})), std::vector<CpuSet>(4, CpuSet{0}));
  EXPECT_EQ(cpus_of(make_layout(m, {"node", {}, 0, {}})), std::vector<CpuSet>(4, CpuSet{0, 1}));
}

TEST(Layout, ControllersChosenByNameSerialOrAddress) {
  Machine m = discover_fixture("numa4-2nvme");
  const std::vector<std::string> keys = {"irqlab1", "0000:91:00.0", "91:00.0", m.controller("irqlab1").name};
  for (const std::string& key : keys) {
    LayoutPlan p = make_layout(m, {"local", {key}, {}, {}});
    ASSERT_EQ(p.irqs.size(), 4u) << key;
    EXPECT_EQ(p.irqs[0].cpus, (CpuSet{4, 5})) << key;
  }
  EXPECT_EQ(make_layout(m, {"local", {}, {}, {}}).irqs.size(), 8u);
}

TEST(Layout, BadRequestsAreOneLine) {
  Machine m = discover_fixture("nvme-node1");
  EXPECT_EQ(error_of(m, {"sideways", {}, {}, {}}),
            "unknown layout 'sideways' (layouts: spread, local, remote, interleaved, single, node, or a layout file "
            "path)");
  EXPECT_EQ(error_of(m, {"node", {}, {}, {}}), "layout 'node' needs --node N");
  EXPECT_EQ(error_of(m, {"node", {}, 5, {}}), "NUMA node 5 does not exist (nodes: 0, 1)");
  EXPECT_EQ(error_of(m, {"single", {}, {}, 9}), "CPU 9 does not exist (CPUs 0-3)");
  EXPECT_EQ(error_of(m, {"local", {}, 1, {}}), "--node applies to the 'node' layout only");
  EXPECT_EQ(error_of(m, {"local", {"nvme3"}, {}, {}}),
            "no NVMe controller 'nvme3' (present: nvme0 (irqlab0, 0000:81:00.0))");
}

TEST(LayoutFile, QueuesByNameOrIrqOnCpusOrNodes) {
  Machine m = discover_fixture("nvme-node1");
  LayoutPlan p = parse_layout_text(m, "# a hand-made plan\nnvme0q1 0-1\n\n30 node:1   # q2\nnvme0q4 3\n", "my.layout");
  ASSERT_EQ(p.irqs.size(), 3u);
  EXPECT_EQ(p.irqs[0].irq, 29);
  EXPECT_EQ(p.irqs[0].cpus, (CpuSet{0, 1}));
  EXPECT_EQ(p.irqs[0].node, 0);
  EXPECT_EQ(p.irqs[1].name, "nvme0q2");
  EXPECT_EQ(p.irqs[1].cpus, (CpuSet{2, 3}));
  EXPECT_EQ(p.irqs[2].cpus, CpuSet{3});
}

std::string layout_text_error(const Machine& m, const std::string& text) {
  return irqlab::error_of([&] { parse_layout_text(m, text, "p.layout"); });
}

TEST(LayoutFile, MistakesNameTheFileAndLine) {
  Machine m = discover_fixture("nvme-node1");
  auto error = [&](const std::string& text) { return layout_text_error(m, text); };
  EXPECT_EQ(error("nvme0q1 0\nnvme0q2 9\n"), "p.layout:2: CPU 9 does not exist (CPUs 0-3)");
  EXPECT_EQ(error("nvme0q9 1\n"), "p.layout:1: no NVMe queue interrupt 'nvme0q9' (nvme0 has q0-q4)");
  EXPECT_EQ(error("nvme5q1 1\n"),
            "p.layout:1: no NVMe queue interrupt 'nvme5q1' (controllers: nvme0 (irqlab0, 0000:81:00.0))");
  EXPECT_EQ(error("4 1\n"), "p.layout:1: irq 4 is not an NVMe queue interrupt on this machine");
  EXPECT_EQ(error("nvme0q1 1\nnvme0q1 2\n"), "p.layout:2: nvme0q1 is planned twice (first at line 1)");
  EXPECT_EQ(error("nvme0q1\n"), "p.layout:1: expected '<interrupt> <cpus>', got 'nvme0q1'");
  EXPECT_EQ(error("nvme0q1 two\n"), "p.layout:1: 'two' is not a CPU list (e.g. 0-3,8) or node:N");
  EXPECT_EQ(error("nvme0q1 node:7\n"), "p.layout:1: NUMA node '7' does not exist");
  EXPECT_EQ(error("# nothing\n"), "p.layout: the layout file plans no interrupt");
}

// An id that would wrap in an int (4294967297 is 1) must not plan node 1.
TEST(LayoutFile, RefusesIdsAboveTheLimits) {
  Machine m = discover_fixture("nvme-node1");
  auto error = [&](const std::string& text) { return layout_text_error(m, text); };
  EXPECT_EQ(error("nvme0q1 node:4294967297\n"), "p.layout:1: NUMA node 4294967297 is above the limit of 1023");
  EXPECT_EQ(error("nvme0q1 0-1048576\n"), "p.layout:1: CPU 1048576 is above the limit of 8191");
}

TEST(LayoutFile, MissingFileAndControllerFilter) {
  Machine m = discover_fixture("nvme-node1");
  EXPECT_EQ(error_of(m, {"/nonexistent/x.layout", {}, {}, {}}), "layout file not found: /nonexistent/x.layout");
  EXPECT_EQ(error_of(m, {"./x.layout", {"nvme0"}, {}, {}}),
            "--controller does not apply to a layout file: the file names its queues");
}

TEST(LayoutJson, PlanSchema) {
  auto j = layout_plan_json(make_layout(discover_fixture("nvme-node1"), {"remote", {}, {}, {}}));
  EXPECT_EQ(j["schema"], "irqlab-layout");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["interrupts"].size(), 4u);
  EXPECT_EQ(j["interrupts"][0]["cpus"], nlohmann::json::parse("[0,1]"));
  EXPECT_EQ(j["interrupts"][0]["node"], 0);
  EXPECT_EQ(j["interrupts"][0]["current_affinity"], nlohmann::json::parse("[2]"));
}

}  // namespace
}  // namespace irqlab
