#pragma once
// A night, from its plan to its published verdict:
//   plan_night()           the scenarios, each with its modes, repetitions and
//                          interleaved boot order
//   run_virtual_night()    the virtual backend: every planned boot that has no
//                          records yet, in a lab guest; a boot that fails is
//                          recorded with its reason and the night goes on
//   collected_night()      the collected backend: run directories recorded
//                          elsewhere (a lab machine, LAVA), grouped by scenario
//   finish_night()         per scenario the report files, then the night record,
//                          the comparison with the baseline, the gate verdict and
//                          the night's own files (night.json, compare.txt,
//                          night.md, night.html)
// The night directory: plan.txt, then <scenario>/<arm>-<rep>/records for each
// recorded boot or <scenario>/<arm>-<rep>/failed.txt for a failed one (an
// earlier failed attempt moves to <arm>-<rep>.attempt-<k> when resumed).
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/common/progress.h"
#include "irqlab/kernel/pipeline.h"
#include "irqlab/nightly/history.h"
#include "irqlab/nightly/night_compare.h"
#include "irqlab/nightly/night_file.h"
#include "irqlab/results/boot_order.h"
#include "irqlab/results/report.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/preset.h"

namespace irqlab {

struct PlannedScenario {
  Scenario scenario;
  std::string hash;                 // of the scenario text, 12 hex digits
  // What else a baseline must share: the virtual lab's topology and the
  // guests' extra kernel parameters (empty for collected runs).
  std::string setup;
  LabTopology topology;
  std::vector<ManagedMode> modes;
  std::vector<std::string> arms;     // arm_names(modes)
  unsigned repetitions = 1;
  std::uint64_t order_seed = 0;
  std::vector<PlannedBoot> order;
};

// The scenarios of a night with the night's modes, repetitions and preset
// applied. Throws Error for a scenario or preset that does not load.
std::vector<PlannedScenario> plan_night(const Night& n, const std::filesystem::path& scenarios_dir,
                                        const std::filesystem::path& presets_dir);

// One scenario's boots as they ended.
struct ScenarioRuns {
  PlannedScenario plan;
  unsigned planned = 0;
  std::vector<RunDirectory> recorded;      // in the order they ran
  std::vector<std::string> failed;         // "override-2: guest did not finish within 300 s"
};

struct VirtualNight {
  KernelImage image;
  std::string append;                       // more guest kernel parameters
  unsigned timeout_s = 0;                   // per boot; 0: the scenario's default
  std::filesystem::path cache_dir, irqlab_binary_dir;
  bool verbose = false;
};

// Writes plan.txt, or checks it against an earlier attempt of the same
// night (Error when the kernel, the series or a scenario changed: that is a
// new night, not a resume), then boots what has no records yet.
std::vector<ScenarioRuns> run_virtual_night(const std::vector<PlannedScenario>& plan,
                                            const std::filesystem::path& night_dir, const VirtualNight& v,
                                            Progress& progress);

// Run directories recorded elsewhere, each matched to the night's scenario
// it ran (its `scenario` file, same text). The plan says how many runs each
// scenario should have; fewer is a night with runs missing.
std::vector<ScenarioRuns> collected_night(const std::vector<PlannedScenario>& plan,
                                          const std::vector<std::filesystem::path>& run_dirs);

struct NightInfo {
  std::string id, night_name, started, machine;
  std::string kernel_release, kernel_source, series_hash, patches, irqlab_commit, where;
  double alpha = 0.05;
  std::vector<GateThreshold> thresholds;
  std::string perf = "perf";
};

struct NightResult {
  NightRecord record;
  NightComparison comparison;
};

// Reports each scenario into <night_dir>/<scenario>/, saves the record in
// the history and writes the night's files. The gate's verdict is in
// record.gate; nothing here throws for a regression.
NightResult finish_night(const std::vector<ScenarioRuns>& runs, const NightInfo& info,
                         const std::filesystem::path& night_dir, const History& history, Progress& progress);

}  // namespace irqlab
