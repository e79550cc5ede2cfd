#include "kernel_make.h"

#include <thread>

#include "irqlab/common/process.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {
constexpr const char* kLocalVersion = "-irqlab";
}  // namespace

std::vector<KernelCommand> tinyconfig_commands(const fs::path& src, const fs::path& build,
                                               const std::vector<std::string>& make_vars,
                                               const std::vector<fs::path>& fragments) {
  auto make = [&](const std::string& target) {
    std::vector<std::string> argv = {"make", "-C", src.string(), "O=" + build.string()};
    argv.insert(argv.end(), make_vars.begin(), make_vars.end());
    argv.push_back(target);
    return KernelCommand{"make " + target, argv};
  };
  KernelCommand merge{"merge_config.sh",
                      {(src / "scripts/kconfig/merge_config.sh").string(), "-m", "-O", build.string(),
                       (build / ".config").string()}};
  for (const fs::path& f : fragments) merge.argv.push_back(f.string());
  return {make("tinyconfig"), merge, make("olddefconfig")};
}

std::vector<std::string> kernel_make_command(const fs::path& build, unsigned jobs,
                                             const std::vector<std::string>& make_vars) {
  std::vector<std::string> args = {"make", "-C", build.string(), "-j" + std::to_string(jobs),
                                   std::string("LOCALVERSION=") + kLocalVersion, "KBUILD_BUILD_USER=irqlab",
                                   "KBUILD_BUILD_HOST=irqlab"};
  if (find_executable("ccache")) args.push_back("CC=ccache gcc");
  args.insert(args.end(), make_vars.begin(), make_vars.end());
  return args;
}

unsigned make_jobs(unsigned requested) { return requested ? requested : std::thread::hardware_concurrency() + 1; }

}  // namespace irqlab
