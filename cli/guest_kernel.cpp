#include "guest_kernel.h"

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/lab/vm.h"

namespace irqlab::cli {

KernelImage build_guest_kernel(const KernelBuildOptions& options, Progress& progress) {
  find_qemu();
  if (!find_executable("perf")) throw Error("perf not found: install linux-perf (the guest runs the host's perf)");
  return build_kernel(options, progress);
}

std::string series_summary(const KernelImage& image) {
  return image.patches.empty() ? "stock, empty series" : std::to_string(image.patches.size()) + " patches";
}

}  // namespace irqlab::cli
