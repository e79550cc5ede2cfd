// run_virtual_night(): every planned boot without records, in a lab guest.
#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/nightly/lab_boot.h"
#include "irqlab/nightly/night_run.h"
#include "irqlab/results/comparison.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr const char* kPlanFile = "plan.txt";
constexpr const char* kFailedFile = "failed.txt";

// What makes two attempts the same night: the kernel, the guests' command
// line and, per scenario, its text, topology, modes, repetitions and order.
std::string plan_text(const std::vector<PlannedScenario>& plan, const VirtualNight& v) {
  std::string out = "irqlab-night-plan 1\nkernel " + v.image.key + " series " + v.image.series_hash + "\nappend " +
                    v.append + "\n";
  for (const PlannedScenario& p : plan) {
    out += "scenario " + p.scenario.name + " " + p.hash + " topology " +
           sha256_hex(p.topology.summary()).substr(0, 12) + " modes " + mode_list(p.modes, ",") + " repetitions " +
           std::to_string(p.repetitions) + " seed " + std::to_string(p.order_seed) + "\n";
  }
  return out;
}

void check_or_write_plan(const fs::path& night_dir, const std::string& text) {
  const fs::path file = night_dir / kPlanFile;
  if (fs::exists(file)) {
    if (read_input_file(file, "night plan", kTextInputLimit) != text)
      throw Error(night_dir.string() +
                  ": this night was started with another kernel, series or scenario set (plan.txt differs);"
                  " give another --night-id to run it as a new night");
    return;
  }
  fs::create_directories(night_dir);
  write_file_atomic(file, text);
}

// An earlier failed attempt is kept beside the new one, never overwritten.
void keep_failed_attempt(const fs::path& run_dir) {
  if (!fs::exists(run_dir)) return;
  for (int k = 1; k < 1000; ++k) {
    fs::path kept = run_dir;
    kept += ".attempt-" + std::to_string(k);
    if (!fs::exists(kept)) {
      fs::rename(run_dir, kept);
      return;
    }
  }
  throw Error(run_dir.string() + ": too many failed attempts kept");
}

void boot_one(ScenarioRuns& out, const PlannedBoot& boot, const fs::path& run_dir, const VirtualNight& v,
              Progress& progress) {
  const PlannedScenario& p = out.plan;
  const std::string what = p.scenario.name + "/" + run_dir.filename().string();
  keep_failed_attempt(run_dir);
  LabBoot b;
  b.kernel_image = v.image.bzimage;
  b.topology = p.topology;
  b.mode = mode_of_arm(p.modes, boot.arm);
  b.append = v.append;
  b.timeout = v.timeout_s ? std::chrono::seconds(v.timeout_s) : default_boot_timeout(p.scenario);
  b.run_dir = run_dir;
  b.cache_dir = v.cache_dir;
  b.irqlab_binary_dir = v.irqlab_binary_dir;
  b.verbose = v.verbose;
  progress.begin("lab", what + " (" + arm_label(boot.arm, b.mode) + ", boot " + std::to_string(boot.position) + " of " +
                            std::to_string(p.order.size()) + ")");
  const LabBootResult r = boot_scenario(p.scenario, b);
  if (r.ok) {
    out.recorded.push_back({r.records, boot.arm, b.mode, boot.position});
    progress.done(what + " recorded");
    return;
  }
  write_file_atomic(run_dir / kFailedFile, r.failure + "\n\n" + r.detail + (r.detail.empty() ? "" : "\n"));
  out.failed.push_back(boot.arm + "-" + std::to_string(boot.repetition) + ": " + r.failure);
  progress.done(what + " FAILED: " + r.failure);
}

}  // namespace

std::vector<ScenarioRuns> run_virtual_night(const std::vector<PlannedScenario>& plan, const fs::path& night_dir,
                                            const VirtualNight& v, Progress& progress) {
  check_or_write_plan(night_dir, plan_text(plan, v));
  std::vector<ScenarioRuns> out;
  for (const PlannedScenario& p : plan) {
    ScenarioRuns runs{p, static_cast<unsigned>(p.order.size()), {}, {}};
    for (const PlannedBoot& boot : p.order) {
      const fs::path run_dir = night_dir / p.scenario.name / (boot.arm + "-" + std::to_string(boot.repetition));
      if (fs::is_directory(run_dir / "records")) {
        runs.recorded.push_back({run_dir / "records", boot.arm, mode_of_arm(p.modes, boot.arm), boot.position});
        continue;
      }
      boot_one(runs, boot, run_dir, v, progress);
    }
    out.push_back(std::move(runs));
  }
  return out;
}

}  // namespace irqlab
