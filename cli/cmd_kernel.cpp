// irqlab kernel build and check-series: the kernel pipeline on its own, and
// the per-patch build and checkpatch check of the series.
#include <cstdio>
#include <memory>

#include "irqlab/kernel/check_series.h"
#include "options.h"

namespace irqlab::cli {
namespace {

struct CheckSeriesCli {
  KernelOptions kernel;
  std::vector<std::string> configs;
  std::string json;
};

void add_check_series(CLI::App& kernel, bool& verbose) {
  auto* check = kernel.add_subcommand(
      "check-series", "build every prefix of the series in each config and run checkpatch --strict on each patch");
  auto o = std::make_shared<CheckSeriesCli>();
  check->add_option("--source,--kernel-source", o->kernel.source,
                    "kernel source: a tarball, a source directory or a git tree (default: " +
                        kDefaultKernelTarball.string() + ")");
  o->kernel.add_series_options_to(*check);
  check->add_option("--config", o->configs, "config to build, repeatable: lab nohier-i386 (default: both)");
  check->add_option("--json", o->json, "also write the results to this file (schema irqlab.check-series/1)");
  check->callback([o, &verbose] {
    Progress progress(verbose);
    CheckSeriesOptions options{o->kernel.resolve(), source_dir() / "patches" / "check-nohier-i386.config",
                               o->configs, o->json};
    CheckSeriesOutcome outcome = check_series(options, progress);
    std::fputs(outcome.text.c_str(), stdout);
    if (!outcome.passed) throw CLI::RuntimeError(1);
  });
}

}  // namespace

void add_kernel_subcommand(CLI::App& app, bool& verbose) {
  auto* kernel = app.add_subcommand("kernel", "build the kernel under test");
  kernel->require_subcommand(1);
  auto* build = kernel->add_subcommand("build", "apply the series, configure and build bzImage (cached)");
  auto opts = std::make_shared<KernelOptions>();
  opts->add_to(*build);
  build->callback([opts, &verbose] {
    Progress progress(verbose);
    KernelImage image = build_kernel(opts->resolve(), progress);
    std::printf("image:   %s\nrelease: %s\nsource:  %s\nseries:  %s (%zu patches)\n", image.bzimage.c_str(),
                image.kernel_release.c_str(), image.source_label.c_str(), image.series_hash.c_str(),
                image.patches.size());
  });
  add_check_series(*kernel, verbose);
}

}  // namespace irqlab::cli
