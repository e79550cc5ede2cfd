#include "irqlab/kernel/check_series_runner.h"

#include <chrono>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/kernel/build_errors.h"
#include "irqlab/kernel/config_fragment.h"
#include "kernel_tree.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

ProcessOptions command_options(const CheckPlan& plan, const fs::path& log) {
  ProcessOptions o;
  o.cwd = plan.checkout;
  o.extra_env = plan.env;
  o.log_file = log;
  o.stream = plan.stream;
  o.capture = true;
  return o;
}

// Configure, check the fragments, build; the outcome of one prefix in one config.
PrefixBuild build_prefix(const CheckPlan& plan, const CheckBuildConfig& config,
                         const std::vector<ConfigFragment>& fragments, const fs::path& log) {
  const auto start = Clock::now();
  PrefixBuild result;
  result.log = log;
  write_file_atomic(log, "");
  const ProcessOptions options = command_options(plan, log);
  auto finish = [&](PrefixBuild::State state, std::string why) {
    result.state = state;
    if (result.first_error.empty()) result.first_error = std::move(why);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return result;
  };
  for (const KernelCommand& command : config.configure) {
    ProcessResult r = run_process(command.argv, options);
    if (!r.ok())
      return finish(PrefixBuild::State::config_failed, command.what + " failed (" + r.describe() + "): " + r.last_line());
  }
  if (!fragments.empty()) {
    try {
      require_fragments_hold(fragments, read_input_file(config.config_file, "kernel .config", kKernelConfigLimit));
    } catch (const Error& e) {
      return finish(PrefixBuild::State::config_failed, e.what());
    }
  }
  ProcessResult r = run_process(config.build, options);
  if (r.ok()) return finish(PrefixBuild::State::ok, "");
  const BuildErrors errors = scan_build_errors(r.output);
  result.errors = errors.count;
  // gcc names files by their absolute path in an O= build: the tree is implied.
  const std::string tree = plan.checkout.string() + "/";
  result.first_error = starts_with(errors.first, tree) ? errors.first.substr(tree.size()) : errors.first;
  return finish(PrefixBuild::State::failed, "build failed (" + r.describe() + "): " + r.last_line());
}

CheckpatchReport run_checkpatch(const CheckPlan& plan, const fs::path& patch, const fs::path& log,
                                const std::vector<CheckpatchAllow>& allows) {
  write_file_atomic(log, "");
  ProcessOptions options = command_options(plan, log);
  options.stream = false;
  std::vector<std::string> argv = plan.checkpatch;
  argv.push_back(patch.string());
  CheckpatchReport report;
  try {
    report = parse_checkpatch_output(run_process(argv, options).output);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {  // it could not be started
    report.problem = e.what();
  }
  report.log = log;
  mark_allowed(report, allows, patch.filename().string());
  return report;
}

std::string row_summary(const CheckSeriesReport& report, const PatchCheck& row) {
  std::string s;
  if (!row.apply_error.empty()) s = "does not apply; ";
  for (std::size_t i = 0; i < row.builds.size(); ++i)
    s += report.configs[i] + " " + prefix_build_cell(row.builds[i]) + ", ";
  return s + "checkpatch " + checkpatch_cell(row.checkpatch);
}

}  // namespace

CheckSeriesReport run_check_series(const CheckPlan& plan, const Series& series,
                                   const std::vector<CheckpatchAllow>& allows, Progress& progress) {
  const auto start = Clock::now();
  CheckSeriesReport report;
  report.series_hash = series.hash;
  report.log_dir = plan.log_dir;
  std::vector<std::vector<ConfigFragment>> fragments;
  for (const CheckBuildConfig& config : plan.configs) {
    report.configs.push_back(config.name);
    fragments.push_back(load_config_fragments(config.fragments));
  }
  fs::create_directories(plan.log_dir);
  bool applied = true;  // every patch so far applied
  for (std::size_t k = 0; k < series.patches.size(); ++k) {
    throw_if_interrupted();
    const fs::path& patch = series.patches[k];
    PatchCheck row;
    row.number = static_cast<int>(k + 1);
    row.name = patch.filename().string();
    row.subject = patch_subject(read_input_file(patch, "patch", kPatchLimit));
    const std::string prefix = patch_label(row.number);
    progress.begin(prefix, row.subject);
    row.checkpatch = run_checkpatch(plan, patch, plan.log_dir / (prefix + "-checkpatch.log"), allows);
    if (applied) row.apply_error = apply_patch(plan.checkout, patch);
    const bool build = applied && row.apply_error.empty();
    for (std::size_t c = 0; c < plan.configs.size(); ++c) {
      PrefixBuild cell;
      if (build)
        cell = build_prefix(plan, plan.configs[c], fragments[c],
                            plan.log_dir / (prefix + "-" + plan.configs[c].name + ".log"));
      else
        cell.state = applied ? PrefixBuild::State::not_applied : PrefixBuild::State::skipped;
      row.builds.push_back(std::move(cell));
    }
    applied = build;
    progress.done(row_summary(report, row));
    report.patches.push_back(std::move(row));
  }
  report.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return report;
}

}  // namespace irqlab
