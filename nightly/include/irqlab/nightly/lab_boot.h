#pragma once
// One boot of the virtual lab that runs a scenario: a guest booted with
// irq_managed=<mode> runs `irqlab scenario run` on scratch disks made for it
// alone, and its records land in <run_dir>/records. The main job and the
// night's virtual backend boot through here.
#include <chrono>
#include <filesystem>
#include <string>

#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/preset.h"

namespace irqlab {

struct LabBoot {
  std::filesystem::path kernel_image;
  LabTopology topology;
  ManagedMode mode = ManagedMode::Strict;  // irq_managed=
  std::string append;                     // more kernel parameters
  std::chrono::seconds timeout{600};
  std::filesystem::path run_dir;          // <run_dir>/records on success
  std::filesystem::path cache_dir;        // scratch disks live under it while the guest runs
  std::filesystem::path irqlab_binary_dir;  // the guest runs this build's irqlab
  bool verbose = false;
};

struct LabBootResult {
  bool ok = false;
  std::filesystem::path records;          // ok: the run directory of `irqlab scenario run`
  std::string failure;                    // !ok: one line, why
  std::string detail;                     // !ok: the console or output tail, the files to look at
  double elapsed_seconds = 0;
};

// A guest that fails, panics or times out is a result (!ok), not an
// exception; Interrupted (a signal to irqlab) and a missing qemu or kernel
// image still throw.
LabBootResult boot_scenario(const Scenario& s, const LabBoot& b);

// The default hard limit of a boot: the scenario, twice its probe, and 300 s.
std::chrono::seconds default_boot_timeout(const Scenario& s);

}  // namespace irqlab
