// irqlab kernel build: the kernel pipeline on its own.
#include <cstdio>
#include <memory>

#include "options.h"

namespace irqlab::cli {

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
}

}  // namespace irqlab::cli
