#pragma once
// Layouts: named plans that map each I/O queue interrupt of the chosen NVMe
// controllers to a CPU set. Planning only reads the Machine; applying a plan
// is irqlab/control/layout_apply.h.
//
//   spread       the kernel's initial spread: each queue back on the CPUs of
//                its blk-mq hardware context (blk-mq built that map from the
//                managed spread at probe time)
//   local        the CPUs of the controller's NUMA node
//   remote       the CPUs of the node farthest from the controller by hwloc
//                distance (ties: the lowest node ID)
//   interleaved  queue k on node (controller's node + k) mod nodes, in node order
//   single       every queue on one CPU (--cpu, default the first CPU of the
//                controller's node)
//   node         every queue on the CPUs of a given node (--node)
//   <file>       a plan read from a file (a name containing '/' or ending
//                in .layout); format in read_layout_file()
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/topology/machine.h"

namespace irqlab {

struct LayoutRequest {
  std::string name;                      // a layout name or a layout file path
  std::vector<std::string> controllers;  // kernel name, serial or PCI address; empty: all
  std::optional<int> node;               // for "node"
  std::optional<int> cpu;                // for "single"
};

struct PlannedIrq {
  std::string controller;  // kernel name
  int qid = 0;
  int irq = 0;
  std::string name;        // "nvme0q1"
  CpuSet cpus;             // the plan
  std::optional<int> node; // the node those CPUs belong to, when one
  CpuSet current;          // affinity when planned
};

struct LayoutPlan {
  std::string name;
  std::string description;
  std::vector<PlannedIrq> irqs;
};

inline constexpr const char* kLayoutJsonSchema = "irqlab-layout";
inline constexpr int kLayoutJsonVersion = 1;

// The built-in layout names, in the order help text lists them.
const std::vector<std::string>& layout_names();

// Throws Error with one line: "unknown layout 'x' (layouts: ...)", "layout
// 'node' needs --node N", "no NVMe controller 'nvme7' (present: ...)", ...
LayoutPlan make_layout(const Machine& m, const LayoutRequest& request);

// Layout file, one interrupt per line; '#' starts a comment:
//   nvme0q1  2-3       a queue interrupt by name, and a kernel CPU list
//   33       node:1    an NVMe queue interrupt by irq number, and a node's CPUs
// Errors name the file and line: "f:3: CPU 9 does not exist (CPUs 0-3)",
// "f:2: no NVMe queue interrupt 'nvme0q9' (nvme0 has q0-q4)".
LayoutPlan read_layout_file(const Machine& m, const std::filesystem::path& file);
LayoutPlan parse_layout_text(const Machine& m, std::string_view text, const std::string& source);

nlohmann::ordered_json layout_plan_json(const LayoutPlan& plan);
std::string layout_plan_table(const LayoutPlan& plan);

}  // namespace irqlab
