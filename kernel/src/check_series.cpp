#include "irqlab/kernel/check_series.h"

#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/kernel/check_series_runner.h"
#include "irqlab/kernel/checkpatch.h"
#include "irqlab/kernel/series.h"
#include "check_series_plan.h"
#include "kernel_tree.h"
#include "source.h"
#include "tree_lock.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

std::vector<CheckpatchAllow> load_allows(const Series& series) {
  const fs::path file = series.dir / "series";
  const auto text = read_optional_input_file(file, "series file", kTextInputLimit);
  if (!text) return {};
  return parse_checkpatch_allows(*text, series.patches, file.string());
}

}  // namespace

CheckSeriesOutcome check_series(const CheckSeriesOptions& options, Progress& progress) {
  progress.begin("check", "checking the kernel source and series, waiting for the tree locks");
  const std::vector<std::string> configs = select_check_configs(options.configs);
  const KernelBuildOptions& kernel = options.kernel;
  const KernelSource source =
      resolve_kernel_source(kernel.source.empty() ? kDefaultKernelTarball : kernel.source, kernel.source_ref);
  const Series series = load_series(kernel.patches_dir);
  const std::vector<CheckpatchAllow> allows = load_allows(series);

  const fs::path tree = kernel_tree_dir(kernel.cache_dir, source);
  fs::create_directories(tree);
  // One check-series at a time owns check-src and check-build. The
  // pipeline's lock is held only while src is read (made, tagged, its
  // worktree added or reset): the builds never touch src, and a kernel
  // build must not wait the hour that a whole check can take.
  TreeLock check_lock(tree / "check-lock");
  const fs::path checkout = [&] {
    TreeLock lock(tree / "lock");
    ensure_pristine_tree(source, tree / "src");
    return prepare_check_checkout(tree);
  }();
  const fs::path log_dir = kernel.cache_dir / "kernel" / "check-series" / series.hash.substr(0, 16);
  const CheckPlan plan = real_check_plan(options, configs, tree, checkout, log_dir, progress.verbose());
  progress.done(std::to_string(series.patches.size()) + " patches of series " + series.short_hash() + " on " +
                source.label + ", checkout " + checkout.string());

  CheckSeriesReport report = run_check_series(plan, series, allows, progress);
  report.source_label = source.label;
  if (!options.json.empty()) write_file_atomic(options.json, check_series_json(report));
  return {render_check_series(report), check_series_passed(report)};
}

}  // namespace irqlab
