#include "options.h"

#include <cstdlib>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

fs::path source_dir() {
  if (const char* dir = std::getenv("IRQLAB_SOURCE_DIR"); dir && *dir) return dir;
  return IRQLAB_SOURCE_DIR;
}

fs::path presets_dir() { return source_dir() / "topology" / "presets"; }

fs::path irqlab_binary_dir() { return fs::read_symlink("/proc/self/exe").parent_path(); }

void KernelOptions::add_to(CLI::App& app) {
  app.add_option("--kernel-source", source,
                 "kernel source: a tarball, a source directory or a git tree (default: " +
                     kDefaultKernelTarball.string() + ")");
  app.add_option("--kernel-ref", source_ref, "with a git tree as --kernel-source: the branch, tag or commit to build (default: HEAD)");
  add_series_options_to(app);
  app.add_option("--config-fragment", fragments,
                 "Kconfig fragment merged onto tinyconfig; repeatable (default: patches/lab.config)");
  app.add_flag("--rebuild", rebuild, "build even if a cached image matches");
}

void KernelOptions::add_series_options_to(CLI::App& app) {
  app.add_option("--patches", patches_dir, "directory with the series file and patches (default: patches/)");
  app.add_option("--cache-dir", cache_dir, "cache for kernel trees, images and disks (default: ~/.cache/irqlab)");
  app.add_option("-j,--jobs", jobs, "parallel make jobs (default: CPUs + 1)");
}

std::vector<std::string> KernelOptions::as_arguments() const {
  std::vector<std::string> out;
  if (!source.empty()) out.insert(out.end(), {"--kernel-source", source});
  if (!source_ref.empty()) out.insert(out.end(), {"--kernel-ref", source_ref});
  if (!patches_dir.empty()) out.insert(out.end(), {"--patches", patches_dir});
  for (const std::string& f : fragments) out.insert(out.end(), {"--config-fragment", f});
  return out;
}

void GuestBootOptions::add_to(CLI::App& app, const std::string& scope) {
  app.add_option("--append", append, scope + "extra kernel parameters for the guests");
  app.add_option("--timeout", timeout_s, scope + "hard limit per guest, seconds (default: scenario duration + 300)");
}

std::vector<std::string> GuestBootOptions::as_arguments() const {
  std::vector<std::string> out;
  if (!append.empty()) out.insert(out.end(), {"--append", append});
  if (timeout_s) out.insert(out.end(), {"--timeout", std::to_string(timeout_s)});
  return out;
}

std::vector<std::string> GuestBootOptions::guest_cmdlines(const std::vector<ManagedMode>& modes) const {
  std::vector<std::string> out;
  for (ManagedMode m : modes) out.push_back(mode_parameter(m) + (append.empty() ? "" : " " + append));
  return out;
}

std::set<int> harness_cpus_option(const std::string& text) {
  auto cpus = parse_cpu_list(text);
  if (!cpus) throw Error("--harness-cpus: " + cpu_list_problem(text, "'" + text + "' is not a CPU list"));
  return *cpus;
}

KernelBuildOptions KernelOptions::resolve() const {
  KernelBuildOptions o;
  o.source = source;
  o.source_ref = source_ref;
  o.patches_dir = patches_dir.empty() ? source_dir() / "patches" : fs::path(patches_dir);
  if (fragments.empty()) {
    o.config_fragments = {source_dir() / "patches" / "lab.config"};
  } else {
    o.config_fragments.assign(fragments.begin(), fragments.end());
  }
  o.cache_dir = cache_dir.empty() ? default_cache_dir() : fs::path(cache_dir);
  o.jobs = jobs;
  o.rebuild = rebuild;
  return o;
}

}  // namespace irqlab::cli
