// collected_night(): run directories recorded elsewhere, matched to the
// night's scenarios.
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/nightly/night_run.h"
#include "irqlab/record/run_file.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// The scenario a run directory ran, by name and text.
std::pair<std::string, std::string> scenario_of(const fs::path& dir) {
  const fs::path file = dir / run_files::kScenario;
  if (!fs::is_directory(dir)) throw Error(dir.string() + ": not a run directory");
  if (!fs::exists(file)) throw Error(dir.string() + ": not a run directory (no '" + run_files::kScenario + "' file)");
  const Scenario s = parse_scenario(read_input_file(file, "scenario", kTextInputLimit), file.string());
  return {s.name, sha256_hex(s.text).substr(0, 12)};
}

}  // namespace

std::vector<ScenarioRuns> collected_night(const std::vector<PlannedScenario>& plan,
                                          const std::vector<fs::path>& run_dirs) {
  std::vector<ScenarioRuns> out;
  for (const PlannedScenario& p : plan) out.push_back({p, static_cast<unsigned>(p.order.size()), {}, {}});
  for (const fs::path& dir : run_dirs) {
    const auto [name, hash] = scenario_of(dir);
    ScenarioRuns* group = nullptr;
    for (ScenarioRuns& g : out)
      if (g.plan.scenario.name == name) group = &g;
    if (!group) throw Error(dir.string() + ": ran scenario '" + name + "', which is not one of the night's");
    if (group->plan.hash != hash)
      throw Error(dir.string() + ": ran another version of scenario '" + name + "' than the night's (" + hash +
                  ", the night's " + group->plan.hash + ")");
    group->plan.setup.clear();  // the machine is the setup
    group->recorded.push_back({dir, "", std::nullopt, 0});
  }
  return out;
}

}  // namespace irqlab
