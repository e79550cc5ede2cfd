#include "check_series_plan.h"

#include <algorithm>

#include "irqlab/common/error.h"
#include "kernel_make.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

struct ConfigRecipe {
  const char* name;
  std::vector<std::string> make_vars;
  const char* target;  // the cheapest target that still compiles the whole kernel
  bool lab_fragments;  // the pipeline's fragments, else the nohier one
};

const std::vector<ConfigRecipe>& recipes() {
  static const std::vector<ConfigRecipe> all = {
      {"lab", {}, "bzImage", true},
      {"nohier-i386", {"ARCH=i386"}, "vmlinux", false},
  };
  return all;
}

CheckBuildConfig make_config(const ConfigRecipe& recipe, const std::vector<fs::path>& fragments,
                             const fs::path& checkout, const fs::path& build, unsigned jobs) {
  CheckBuildConfig config;
  config.name = recipe.name;
  config.configure = tinyconfig_commands(checkout, build, recipe.make_vars, fragments);
  config.config_file = build / ".config";
  config.fragments = fragments;
  config.build = kernel_make_command(build, jobs, recipe.make_vars);
  config.build.push_back(recipe.target);
  return config;
}

}  // namespace

std::vector<std::string> check_config_names() {
  std::vector<std::string> names;
  for (const ConfigRecipe& r : recipes()) names.push_back(r.name);
  return names;
}

std::vector<std::string> select_check_configs(const std::vector<std::string>& requested) {
  const std::vector<std::string> known = check_config_names();
  for (const std::string& name : requested)
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw Error("unknown check-series config '" + name + "' (known: lab, nohier-i386)");
  if (requested.empty()) return known;
  std::vector<std::string> chosen;
  for (const std::string& name : known)
    if (std::find(requested.begin(), requested.end(), name) != requested.end()) chosen.push_back(name);
  return chosen;
}

CheckPlan real_check_plan(const CheckSeriesOptions& options, const std::vector<std::string>& configs,
                          const fs::path& tree, const fs::path& checkout, const fs::path& log_dir, bool stream) {
  CheckPlan plan;
  plan.checkout = checkout;
  plan.checkpatch = {(checkout / "scripts/checkpatch.pl").string(), "--strict", "--show-types", "--color=never"};
  plan.env = {"CCACHE_DIR=" + (options.kernel.cache_dir / "ccache").string()};
  plan.log_dir = log_dir;
  plan.stream = stream;
  const unsigned jobs = make_jobs(options.kernel.jobs);
  for (const ConfigRecipe& recipe : recipes()) {
    if (std::find(configs.begin(), configs.end(), recipe.name) == configs.end()) continue;
    const fs::path build = tree / "check-build" / recipe.name;
    fs::create_directories(build);
    const std::vector<fs::path> fragments =
        recipe.lab_fragments ? options.kernel.config_fragments : std::vector<fs::path>{options.nohier_fragment};
    plan.configs.push_back(make_config(recipe, fragments, checkout, build, jobs));
  }
  return plan;
}

}  // namespace irqlab
