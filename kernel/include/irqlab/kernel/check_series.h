#pragma once
// irqlab kernel check-series: every prefix of the patch series (patch k on
// top of patches 1..k-1) must build on its own in each config, and every
// patch must pass scripts/checkpatch.pl --strict. The configs:
//   lab          what the kernel pipeline builds: x86_64 tinyconfig + the
//                lab fragments, make bzImage;
//   nohier-i386  ARCH=i386 tinyconfig + patches/check-nohier-i386.config,
//                verified to have CONFIG_IRQ_DOMAIN=y without
//                CONFIG_IRQ_DOMAIN_HIERARCHY, make vmlinux.
// The builds run in <tree>/check-src, a git worktree of the pipeline's
// pristine tree (made or reset under the pipeline's tree lock, which is
// then released: the builds never touch src), one build directory per config
// (<tree>/check-build/<config>) so prefixes build incrementally; the lock
// <tree>/check-lock keeps a second check-series out for the whole run.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/common/progress.h"
#include "irqlab/kernel/pipeline.h"

namespace irqlab {

struct CheckSeriesOptions {
  KernelBuildOptions kernel;                 // source, series, lab fragments, cache, jobs
  std::filesystem::path nohier_fragment;     // the nohier-i386 fragment
  std::vector<std::string> configs;          // names to build; empty: all
  std::filesystem::path json;                // also write the results here (atomically)
};

struct CheckSeriesOutcome {
  std::string text;     // the table, the failures and the summary line
  bool passed = false;  // every prefix built and checkpatch is clean
};

// Throws Error for what stops the run before its table (an unknown config,
// a missing source or patch, a malformed checkpatch-allow line), Interrupted
// on SIGINT/SIGTERM (the running make is killed).
CheckSeriesOutcome check_series(const CheckSeriesOptions& options, Progress& progress);

}  // namespace irqlab
