#include "irqlab/topology/preset.h"

#include <gtest/gtest.h>

#include "irqlab/testing/error_of.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {

// The shipped presets live next to tests/fixtures.
const std::filesystem::path kPresetsDir = std::filesystem::path(IRQLAB_FIXTURES_DIR) / ".." / ".." / "presets";

// The message of the Error that parsing `text` throws, or "" if none.
std::string parse_error(const std::string& text) {
  return error_of([&] { parse_preset(text, "t.preset"); }, "");
}

const char* kGood =
    "# comment\n"
    "\n"
    "description 2 NUMA nodes x 2 CPUs, one NVMe # not a comment\n"
    "node 0 cpus=2 memory=1G\n"
    "  node 1   cpus=3\tmemory=512M  \n"
    "nvme node=1 queues=4\n"
    "nvme queues=2 node=0 size=2G\n";

TEST(Preset, ParsesNodesAndControllers) {
  LabTopology t = parse_preset(kGood, "t.preset");
  EXPECT_EQ(t.description, "2 NUMA nodes x 2 CPUs, one NVMe # not a comment");
  ASSERT_EQ(t.nodes.size(), 2u);
  EXPECT_EQ(t.nodes[1].id, 1);
  EXPECT_EQ(t.nodes[1].cpus, 3);
  EXPECT_EQ(t.nodes[1].memory_bytes, 512ull << 20);
  ASSERT_EQ(t.controllers.size(), 2u);
  EXPECT_EQ(t.controllers[0].index, 0);
  EXPECT_EQ(t.controllers[0].node, 1);
  EXPECT_EQ(t.controllers[0].queues, 4);
  EXPECT_EQ(t.controllers[0].size_bytes, 1ull << 30);  // default
  EXPECT_EQ(t.controllers[1].index, 1);
  EXPECT_EQ(t.controllers[1].size_bytes, 2ull << 30);
  EXPECT_EQ(t.total_cpus(), 5);
  EXPECT_EQ(t.total_memory_bytes(), (1ull << 30) + (512ull << 20));
}

TEST(Preset, NumbersCpusConsecutivelyAcrossNodes) {
  LabTopology t = parse_preset(kGood, "t.preset");
  EXPECT_EQ(t.cpus_of_node(0), (std::set<int>{0, 1}));
  EXPECT_EQ(t.cpus_of_node(1), (std::set<int>{2, 3, 4}));
  EXPECT_TRUE(t.cpus_of_node(2).empty());
}

TEST(Preset, Summary) {
  EXPECT_EQ(parse_preset(kGood, "t").summary(),
            "2 nodes with 2+3 CPUs, memory 1G+512M; nvme0 on node 1 with 4 queues, nvme1 on node 0 with 2 queues");
  EXPECT_EQ(parse_preset("node 0 cpus=1 memory=256M\nnvme node=0 queues=1\n", "t").summary(),
            "1 node x 1 CPU, 256M per node; nvme0 on node 0 with 1 queue");
}

TEST(Preset, DescriptionIsOptional) {
  EXPECT_EQ(parse_preset("node 0 cpus=1 memory=128M\nnvme node=0 queues=1", "t").description, "");
}

TEST(Preset, ShippedPresetsParse) {
  std::vector<std::string> names = list_presets(kPresetsDir);
  EXPECT_EQ(names, (std::vector<std::string>{"default", "numa4-2nvme", "nvme-node1", "slow-drain"}));
  for (const std::string& name : names) {
    LabTopology t = load_preset(name, kPresetsDir);
    EXPECT_EQ(t.name, name);
    EXPECT_FALSE(t.description.empty()) << name;
  }
}

TEST(Preset, ShippedDefault) {
  LabTopology t = load_preset("default", kPresetsDir);
  EXPECT_EQ(t.summary(), "2 nodes x 2 CPUs, 1G per node; nvme0 on node 0 with 4 queues");
  EXPECT_EQ(t.cpus_of_node(1), (std::set<int>{2, 3}));
}

TEST(Preset, ShippedNvmeNode1) {
  LabTopology t = load_preset("nvme-node1", kPresetsDir);
  EXPECT_EQ(t.summary(), "2 nodes x 2 CPUs, 1G per node; nvme0 on node 1 with 4 queues");
}

TEST(Preset, ShippedNuma4) {
  LabTopology t = load_preset("numa4-2nvme", kPresetsDir);
  EXPECT_EQ(t.summary(),
            "4 nodes x 2 CPUs, 512M per node; nvme0 on node 0 with 4 queues, nvme1 on node 2 with 4 queues");
  EXPECT_EQ(t.cpus_of_node(3), (std::set<int>{6, 7}));
  EXPECT_EQ(t.total_memory_bytes(), 2ull << 30);
}

TEST(Preset, LoadsByPath) {
  LabTopology t = load_preset((kPresetsDir / "nvme-node1.preset").string(), "/nonexistent");
  EXPECT_EQ(t.name, "nvme-node1");
  EXPECT_EQ(t.controllers.at(0).node, 1);
}

TEST(Preset, UnknownNameListsAvailable) {
  EXPECT_EQ(error_of([] { load_preset("nope", kPresetsDir); }),
            "unknown preset 'nope' (presets in " + kPresetsDir.string() + ": default, numa4-2nvme, nvme-node1, slow-drain)");
}

TEST(Preset, MissingPathIsNamed) {
  EXPECT_EQ(error_of([] { load_preset("/nonexistent/x.preset", kPresetsDir); }),
            "preset file not found: /nonexistent/x.preset");
}

TEST(Preset, ErrorsNameTheFileOfAPath) {
  const ScratchDir dir("preset-test");
  dir.write("bad.preset", "node 0 cpus=2 memory=1G\nnvme node=0 queues=99\n");
  EXPECT_EQ(error_of([&] { load_preset("bad", dir.path()); }),
            (dir / "bad.preset").string() + ":2: nvme: queues 99 outside 1..64");
}

// Every validation error, with the line it names.
const std::string kNodes = "node 0 cpus=2 memory=1G\nnode 1 cpus=2 memory=1G\n";

TEST(PresetErrors, UnknownKeyword) {
  EXPECT_EQ(parse_error("# x\ncpu 0\n"), "t.preset:2: unknown keyword 'cpu' (expected description, node or nvme)");
}

TEST(PresetErrors, UnknownKey) {
  EXPECT_EQ(parse_error("node 0 cpus=2 memory=1G colour=red\n"),
            "t.preset:1: node: unknown key 'colour' (allowed: cpus, memory)");
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=4 msix=8\n"),
            "t.preset:3: nvme: unknown key 'msix' (allowed: node, queues, size, iops-limit)");
}

TEST(PresetErrors, NotKeyValue) {
  EXPECT_EQ(parse_error("node 0 cpus=2 memory=1G extra\n"), "t.preset:1: node: expected key=value, got 'extra'");
}

TEST(PresetErrors, DuplicateKey) {
  EXPECT_EQ(parse_error("node 0 cpus=2 cpus=3 memory=1G\n"), "t.preset:1: node: duplicate key 'cpus'");
}

TEST(PresetErrors, MissingKey) {
  EXPECT_EQ(parse_error("node 0 memory=1G\n"), "t.preset:1: node: missing cpus=");
  EXPECT_EQ(parse_error("node 0 cpus=1\n"), "t.preset:1: node: missing memory=");
  EXPECT_EQ(parse_error(kNodes + "nvme queues=4\n"), "t.preset:3: nvme: missing node=");
  EXPECT_EQ(parse_error(kNodes + "nvme node=1\n"), "t.preset:3: nvme: missing queues=");
  EXPECT_EQ(parse_error("node cpus=1 memory=1G\n"),
            "t.preset:1: node: missing node id (node <id> cpus=<n> memory=<size>)");
}

TEST(PresetErrors, BadNumberOrSize) {
  EXPECT_EQ(parse_error("node 0 cpus=two memory=1G\n"), "t.preset:1: node: bad number 'two' for cpus");
  EXPECT_EQ(parse_error("node 0 cpus=-1 memory=1G\n"), "t.preset:1: node: bad number '-1' for cpus");
  EXPECT_EQ(parse_error("node x cpus=1 memory=1G\n"), "t.preset:1: node: bad number 'x' for node id");
  EXPECT_EQ(parse_error("node 0 cpus=2 memory=1Q\n"), "t.preset:1: node: bad size '1Q' for memory (e.g. 512M, 1G)");
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=4 size=\n"),
            "t.preset:3: nvme: bad size '' for size (e.g. 512M, 1G)");
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=4 size=1000\n"),
            "t.preset:3: nvme: size must be from 1M to 16T and a multiple of 4K");
}

TEST(PresetErrors, NodeIdOutOfOrder) {
  EXPECT_EQ(parse_error("node 1 cpus=2 memory=1G\n"), "t.preset:1: node id 1 out of order (expected 0)");
  EXPECT_EQ(parse_error(kNodes + "node 1 cpus=2 memory=1G\n"), "t.preset:3: node id 1 out of order (expected 2)");
}

TEST(PresetErrors, NvmeOnUndeclaredNode) {
  EXPECT_EQ(parse_error("node 0 cpus=2 memory=1G\nnvme node=1 queues=4\nnode 1 cpus=2 memory=1G\n"),
            "t.preset:2: nvme: node 1 is not declared (declare it with a node line above)");
}

TEST(PresetErrors, CpuLimits) {
  EXPECT_EQ(parse_error("node 0 cpus=0 memory=1G\n"), "t.preset:1: node 0: cpus must be at least 1");
  EXPECT_EQ(parse_error("node 0 cpus=60 memory=1G\nnode 1 cpus=5 memory=1G\n"),
            "t.preset:2: total CPUs 65 exceed the limit of 64");
  EXPECT_EQ(parse_error("node 0 cpus=64 memory=1G\nnvme node=0 queues=64\n"), "");
}

TEST(PresetErrors, MemoryMinimum) {
  EXPECT_EQ(parse_error("node 0 cpus=1 memory=64M\n"), "t.preset:1: node 0: memory 64M is below the minimum of 128M");
  EXPECT_EQ(parse_error("node 0 cpus=1 memory=134217729\n"),
            "t.preset:1: node 0: memory must be a whole number of MiB");
}

// Two nodes of 16E-ish once summed to a small total: sizes are bounded first.
TEST(PresetErrors, MemoryMaximum) {
  EXPECT_EQ(parse_error("node 0 cpus=1 memory=18446744073709551615\n"),
            "t.preset:1: node 0: memory 18446744073709551615 is above the limit of 1T");
  EXPECT_EQ(parse_error("node 0 cpus=1 memory=16777215T\n"), "t.preset:1: node 0: memory 16777215T is above the limit of 1T");
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=4 size=17T\n"),
            "t.preset:3: nvme: size must be from 1M to 16T and a multiple of 4K");
}

TEST(PresetErrors, QueueLimits) {
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=0\n"), "t.preset:3: nvme: queues 0 outside 1..64");
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=65\n"), "t.preset:3: nvme: queues 65 outside 1..64");
}

TEST(PresetErrors, TooManyControllers) {
  std::string text = kNodes;
  for (int i = 0; i < 9; ++i) text += "nvme node=0 queues=1\n";
  EXPECT_EQ(parse_error(text), "t.preset:11: nvme: at most 8 controllers");
}

TEST(PresetErrors, Description) {
  EXPECT_EQ(parse_error("description a\ndescription b\n"), "t.preset:2: duplicate description line (first at line 1)");
  EXPECT_EQ(parse_error("description   \n"), "t.preset:1: description: missing text");
}

TEST(PresetErrors, WholeFile) {
  EXPECT_EQ(parse_error("# nothing\n"),
            "t.preset: no node lines (need at least one 'node <id> cpus=<n> memory=<size>')");
  EXPECT_EQ(parse_error(kNodes), "t.preset: no nvme lines (need at least one 'nvme node=<id> queues=<n>')");
}

TEST(Preset, ShippedSlowDrainThrottlesItsDrive) {
  LabTopology t = load_preset("slow-drain", kPresetsDir);
  EXPECT_EQ(t.controllers.at(0).iops_limit, 200);
  EXPECT_EQ(t.summary(), "2 nodes x 2 CPUs, 1G per node; nvme0 on node 0 with 4 queues limited to 200 IOPS");
  EXPECT_EQ(load_preset("default", kPresetsDir).controllers.at(0).iops_limit, 0);
  EXPECT_EQ(parse_error(kNodes + "nvme node=0 queues=4 iops-limit=0\n"),
            "t.preset:3: nvme: iops-limit must be at least 1 (leave it out for no limit)");
}

}  // namespace
}  // namespace irqlab
