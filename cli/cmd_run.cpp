// irqlab run: the main job. Kernel -> lab guest of a preset -> short fio
// load -> one screen: kernel and series, topology, IOPS and latency, and the
// CPUs each NVMe queue interrupt fired on.
#include <cstdio>
#include <iostream>
#include <memory>

#include "irqlab/bench/fio.h"
#include "irqlab/bench/quick_load.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/vm.h"
#include "irqlab/results/summary.h"
#include "irqlab/topology/preset.h"
#include "options.h"
#include "run_dir.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct RunOptions {
  KernelOptions kernel;
  std::string preset = "default";
  std::string results_dir;
  std::string append;
  unsigned runtime_s = 5;
  unsigned timeout_s = 300;
};

void main_job(const RunOptions& o, bool verbose) {
  Progress progress(verbose);
  const KernelBuildOptions kopts = o.kernel.resolve();
  const LabTopology topology = load_preset(o.preset, presets_dir());
  find_qemu();  // before a kernel build that may take minutes
  const KernelImage image = build_kernel(kopts, progress);

  FioLoad load;
  load.runtime_s = o.runtime_s;
  for (const NvmeSpec& c : topology.controllers)
    load.filenames.push_back("/dev/nvme" + std::to_string(c.index) + "n1");

  const fs::path results = o.results_dir.empty() ? source_dir() / "results" / "runs" : fs::path(o.results_dir);
  VmOptions vm;
  vm.kernel_image = image.bzimage;
  vm.topology = topology;
  vm.command = quick_load_guest_script(load);
  vm.extra_append = o.append;
  vm.timeout = std::chrono::seconds(o.timeout_s);
  vm.run_dir = new_run_dir(results, topology.name);
  ScratchDisks disks(kopts.cache_dir, vm.run_dir);
  vm.disk_dir = disks.dir();
  vm.verbose = verbose;
  vm.host_paths = {irqlab_binary_dir()};  // so the guest can run this irqlab

  progress.begin("lab", "booting " + topology.name + " and running fio for " + std::to_string(load.runtime_s) + " s");
  VmResult vm_result = run_vm(vm);
  if (vm_result.exit_status != 0)
    throw Error("the load in the guest failed (exit " + std::to_string(vm_result.exit_status) +
                    "): " + std::string(trim(tail_lines(vm_result.output, 1))),
                "guest output: " + (vm_result.share_dir / "output.log").string() +
                    "\nconsole: " + vm_result.console_log.string());
  progress.done(topology.name + " booted, fio ran, powered off");

  progress.begin("report", "reading the guest's records");
  QuickLoadResult result = read_quick_load(vm_result.share_dir);
  RunInfo info;
  info.kernel_version = result.guest_kernel_release.empty() ? image.kernel_release : result.guest_kernel_release;
  info.kernel_source = image.source_label;
  info.series_hash = image.series_hash;
  info.patches_applied_summary =
      image.patches.empty() ? "stock (empty series)" : std::to_string(image.patches.size()) + " patches";
  info.cmdline = result.guest_cmdline;
  info.topology_summary = topology.summary();
  info.preset = topology.name;
  info.run_dir = vm.run_dir.string();
  const std::string screen = render_summary(info, load, result);
  write_file_atomic(vm.run_dir / "summary.txt", screen);
  write_file_atomic(vm.run_dir / "results.json", summary_json(info, load, result).dump(2) + "\n");
  progress.done("results in " + vm.run_dir.string());
  std::cout << "\n" << screen << std::flush;
}

}  // namespace

void add_run_subcommand(CLI::App& app, bool& verbose) {
  auto* run = app.add_subcommand("run", "the main job: build, boot a preset, run a short fio load, report");
  auto o = std::make_shared<RunOptions>();
  o->kernel.add_to(*run);
  run->add_option("--preset", o->preset, "topology preset name or file (default: default)");
  run->add_option("--results", o->results_dir, "parent of the run directory (default: results/runs)");
  run->add_option("--append", o->append, "extra kernel parameters for the guest");
  run->add_option("--runtime", o->runtime_s, "fio runtime in seconds (default: 5)")->check(CLI::Range(1, 3600));
  run->add_option("--timeout", o->timeout_s, "hard limit for the guest, seconds (default: 300)");
  run->callback([o, &verbose] { main_job(*o, verbose); });
}

}  // namespace irqlab::cli
