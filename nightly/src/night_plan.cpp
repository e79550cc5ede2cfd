// plan_night(): a night file's scenarios, each ready to boot.
#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/nightly/night_run.h"

namespace irqlab {

std::vector<PlannedScenario> plan_night(const Night& n, const std::filesystem::path& scenarios_dir,
                                        const std::filesystem::path& presets_dir) {
  std::vector<PlannedScenario> out;
  for (const std::string& name : n.scenarios) {
    PlannedScenario p;
    // A path in a night file is relative to the night file.
    const bool relative_path = name.find('/') != std::string::npos && name[0] != '/';
    p.scenario = load_scenario(relative_path ? (std::filesystem::path(n.source).parent_path() / name).string() : name,
                               scenarios_dir);
    for (const PlannedScenario& earlier : out)
      if (earlier.scenario.name == p.scenario.name)
        throw Error(n.source + ": two scenarios are named '" + p.scenario.name + "'");
    p.hash = sha256_hex(p.scenario.text).substr(0, 12);
    p.setup = "topology: " + p.topology.summary();
    p.topology = load_preset(n.preset.empty() ? p.scenario.preset : n.preset, presets_dir);
    p.modes = n.modes.empty() ? p.scenario.modes : n.modes;
    p.arms = arm_names(p.modes);
    p.repetitions = n.repetitions ? n.repetitions : p.scenario.repetitions;
    p.order_seed = p.scenario.seed;
    p.order = interleaved_order(p.arms, p.repetitions, p.order_seed);
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace irqlab
