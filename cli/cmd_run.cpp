// irqlab run: the main job. Kernel -> for each mode and repetition a lab
// guest booted with irq_managed=<mode> that runs `irqlab scenario run` ->
// metrics -> the mode table, results.json, report.md and report.html in one
// run directory.
#include <iostream>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/vm.h"
#include "irqlab/nightly/lab_boot.h"
#include "irqlab/nightly/reproducer.h"
#include "irqlab/results/boot_order.h"
#include "irqlab/results/comparison.h"
#include "irqlab/results/report.h"
#include "irqlab/results/report_files.h"
#include "irqlab/scenario/runner.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/preset.h"
#include "guest_kernel.h"
#include "nightly_cli.h"
#include "options.h"
#include "run_dir.h"
#include "scenario_cli.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct RunOptions {
  KernelOptions kernel;
  std::string scenario = "default";
  std::vector<std::string> modes;
  unsigned repetitions = 0;
  std::string preset;
  std::string results_dir;
  GuestBootOptions guest;
  std::optional<std::uint64_t> order_seed;
};

// reproduce.sh: the scenario file and the command line of this run, seeds and all.
Reproducer run_reproducer(const RunOptions& o, const Scenario& s, const std::vector<ManagedMode>& modes,
                          unsigned repetitions, std::uint64_t order_seed, const KernelImage& image, const fs::path& top) {
  Reproducer bundle;
  bundle.what = "run " + top.filename().string();
  bundle.irqlab_commit = irqlab_commit();
  bundle.files = {{"scenario.scenario", s.text}};
  bundle.command = {"./run-bench.sh", "@HERE@/scenario.scenario", "--results", "@HERE@/reproduced", "--modes",
                    mode_list(modes, ","), "--repetitions", std::to_string(repetitions), "--order-seed",
                    std::to_string(order_seed), "--preset", o.preset.empty() ? s.preset : o.preset};
  for (const std::string& a : o.kernel.as_arguments()) bundle.command.push_back(a);
  for (const std::string& a : o.guest.as_arguments()) bundle.command.push_back(a);
  bundle.guest_cmdlines = o.guest.guest_cmdlines(modes);
  bundle.kernel_config = image.config;
  bundle.kernel_source = image.source_label;
  bundle.series_hash = image.series_hash;
  return bundle;
}

void main_job(const RunOptions& o, bool verbose) {
  Progress progress(verbose);
  Scenario s = load_scenario(o.scenario, scenarios_dir());
  const std::vector<ManagedMode> modes = o.modes.empty() ? s.modes : parse_modes(o.modes, "--modes");
  if (modes.size() > 8) throw Error("--modes: at most 8 arms (" + std::to_string(modes.size()) + " given)");
  const unsigned repetitions = o.repetitions ? o.repetitions : s.repetitions;
  const LabTopology topology = load_preset(o.preset.empty() ? s.preset : o.preset, presets_dir());
  const KernelBuildOptions kopts = o.kernel.resolve();
  const KernelImage image = build_guest_kernel(kopts, progress);

  const fs::path results = o.results_dir.empty() ? source_dir() / "results" / "runs" : fs::path(o.results_dir);
  const fs::path top = new_run_dir(results, s.name);

  const std::vector<std::string> arms = arm_names(modes);
  const std::uint64_t order_seed = o.order_seed ? *o.order_seed : s.seed;
  const std::vector<PlannedBoot> order = interleaved_order(arms, repetitions, order_seed);
  std::vector<RunDirectory> record_dirs;
  for (const PlannedBoot& boot : order) {
    const ManagedMode mode = mode_of_arm(modes, boot.arm);
    const unsigned rep = boot.repetition;
    LabBoot b;
    b.kernel_image = image.bzimage;
    b.topology = topology;
    b.mode = mode;
    b.append = o.guest.append;
    b.timeout = o.guest.timeout_s ? std::chrono::seconds(o.guest.timeout_s) : default_boot_timeout(s);
    b.run_dir = top / (boot.arm + "-" + std::to_string(rep));
    b.cache_dir = kopts.cache_dir;
    b.irqlab_binary_dir = irqlab_binary_dir();
    b.verbose = verbose;
    progress.begin("lab", arm_label(boot.arm, mode) + ", repetition " + std::to_string(rep) + "/" +
                              std::to_string(repetitions) + ": " + s.name + " for " + format_duration(s.duration_ns));
    const LabBootResult r = boot_scenario(s, b);
    if (!r.ok) throw Error(boot.arm + " run " + std::to_string(rep) + ": " + r.failure, r.detail);
    record_dirs.push_back({r.records, boot.arm, mode, boot.position});
    progress.done(arm_label(boot.arm, mode) + " " + std::to_string(rep) + "/" + std::to_string(repetitions) +
                  " recorded in " + format_duration(static_cast<std::int64_t>(r.elapsed_seconds * 1e9)) +
                  " of guest time");
  }

  progress.begin("report", "perf script and metrics for " + std::to_string(record_dirs.size()) + " runs");
  Report report = build_report(record_dirs, "perf");
  Comparison& c = report.comparison;
  c.info.repetitions = repetitions;
  c.info.order_seed = order_seed;
  c.info.kernel_source = image.source_label;
  c.info.series_hash = image.series_hash;
  c.info.patches = series_summary(image);
  c.info.topology = topology.summary();
  c.info.where = "virtual lab (QEMU TCG)";
  c.info.run_dir = top.string();
  const std::string table = write_report_files(report, report_files_in(top));
  write_reproducer(top, run_reproducer(o, s, modes, repetitions, order_seed, image, top));
  progress.done("results.json, table.txt, report.md, report.html and reproduce.sh in " + top.string());
  std::cout << "\n" << table << std::flush;
}

}  // namespace

void add_run_subcommand(CLI::App& app, bool& verbose) {
  auto* run = app.add_subcommand(
      "run", "the main job: build, then run a scenario in the virtual lab once per kernel mode and compare");
  auto o = std::make_shared<RunOptions>();
  o->kernel.add_to(*run);
  run->add_option("scenario", o->scenario, "scenario name or file (default: default; irqlab scenario list)");
  run->add_option("--modes", o->modes, "modes to compare (default: the scenario's): " + kManagedModes.accepted())
      ->delimiter(',');
  run->add_option("--repetitions", o->repetitions, "repetitions per mode (default: the scenario's)")
      ->check(CLI::Range(1, 1000));
  run->add_option("--order-seed", o->order_seed, "seed of the interleaved boot order (default: the scenario's seed)");
  run->add_option("--preset", o->preset, "topology preset name or file (default: the scenario's)");
  run->add_option("--results", o->results_dir, "parent of the run directory (default: results/runs)");
  o->guest.add_to(*run);
  run->callback([o, &verbose] { main_job(*o, verbose); });
}

}  // namespace irqlab::cli
