// irqlab lab run|presets: boot the kernel under test in the virtual lab.
#include <cstdio>
#include <iostream>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/vm.h"
#include "irqlab/topology/preset.h"
#include "options.h"
#include "irqlab/lab/scratch_disks.h"
#include "run_dir.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct LabRunOptions {
  KernelOptions kernel;
  std::string preset = "default";
  std::string kernel_image;  // skip the pipeline and boot this bzImage
  std::string append;
  unsigned timeout_s = 180;
  unsigned gdb_port = 0;
  std::string run_dir;
  std::vector<std::string> command;
};

int lab_run(const LabRunOptions& o, bool verbose) {
  // Progress goes to stderr: stdout carries the guest command's output.
  Progress progress(verbose, stderr);
  const KernelBuildOptions kopts = o.kernel.resolve();
  VmOptions vm;
  vm.topology = load_preset(o.preset, presets_dir());
  find_qemu();
  if (o.kernel_image.empty()) {
    vm.kernel_image = build_kernel(kopts, progress).bzimage;
  } else {
    vm.kernel_image = o.kernel_image;
  }
  vm.command = o.command.empty() ? "true" : shell_join(o.command);
  vm.extra_append = o.append;
  vm.timeout = std::chrono::seconds(o.timeout_s);
  vm.run_dir = o.run_dir.empty() ? new_run_dir(kopts.cache_dir / "lab" / "runs", "lab-" + vm.topology.name)
                                 : fs::path(o.run_dir);
  ScratchDisks disks(kopts.cache_dir, vm.run_dir);
  vm.disk_dir = disks.dir();
  vm.verbose = verbose;
  vm.gdb_port = o.gdb_port;
  vm.host_paths = {irqlab_binary_dir()};  // so the guest can run this irqlab
  progress.begin("lab", "booting " + vm.topology.name);
  VmResult result = run_vm(vm);
  progress.done(vm.topology.name + ": " + vm.topology.summary() + "; guest exit " +
                std::to_string(result.exit_status) + " (run dir " + vm.run_dir.string() + ")");
  std::cout << result.output << std::flush;
  return result.exit_status;
}

}  // namespace

void add_lab_subcommand(CLI::App& app, bool& verbose) {
  auto* lab = app.add_subcommand("lab", "the virtual lab: QEMU guests with NUMA nodes and NVMe controllers");
  lab->require_subcommand(1);

  auto* presets = lab->add_subcommand("presets", "list the topology presets");
  presets->callback([] {
    for (const std::string& name : list_presets(presets_dir())) {
      LabTopology t = load_preset(name, presets_dir());
      std::printf("%-14s %s\n", name.c_str(), t.summary().c_str());
    }
  });

  auto* run = lab->add_subcommand("run", "boot a preset, run a command in the guest, power off");
  auto o = std::make_shared<LabRunOptions>();
  o->kernel.add_to(*run);
  run->add_option("--preset", o->preset, "topology preset name or file (default: default)");
  run->add_option("--kernel", o->kernel_image, "boot this bzImage instead of building the series");
  run->add_option("--append", o->append, "extra kernel parameters (appended last)");
  run->add_option("--timeout", o->timeout_s, "hard limit for the whole guest, seconds (default: 180)");
  run->add_option("--gdb", o->gdb_port,
                  "serve QEMU's gdbstub on 127.0.0.1:PORT (attach gdb with the build tree's vmlinux)")
      ->check(CLI::Range(1024, 65535));
  run->add_option("--run-dir", o->run_dir, "where console.log and the share go");
  run->add_option("command", o->command, "command run in the guest by /bin/sh (after --)");
  run->callback([o, &verbose] {
    int status = lab_run(*o, verbose);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace irqlab::cli
