#pragma once
// The kernel `irqlab run` and `irqlab nightly` boot their lab guests with.
#include <string>

#include "irqlab/common/progress.h"
#include "irqlab/kernel/pipeline.h"

namespace irqlab::cli {

// Checks QEMU and perf first (a kernel build may take minutes), then builds
// or takes from the cache the kernel the guests boot.
KernelImage build_guest_kernel(const KernelBuildOptions& options, Progress& progress);

// The series as a report states it: "N patches", or "stock, empty series".
std::string series_summary(const KernelImage& image);

}  // namespace irqlab::cli
