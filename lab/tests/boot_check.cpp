// boot_check: boots one lab preset and runs a command in it, for checking
// the lab by hand (not a ctest test).
//   boot_check --kernel bzImage [--preset name|path] [--run-dir d] [--disk-dir d]
//              [--timeout s] [--append "params"] [--verbose] -- command...
// Run and disk dirs default to <cache>/boot-check and <cache>/boot-check-disks.
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/lab/vm.h"

int main(int argc, char** argv) {
  using namespace irqlab;
  install_signal_handlers();
  VmOptions options;
  options.run_dir = default_cache_dir() / "boot-check";
  options.disk_dir = default_cache_dir() / "boot-check-disks";
  std::string preset = "default";
  int i = 1;
  for (; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "boot_check: " << arg << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--kernel") options.kernel_image = value();
    else if (arg == "--preset") preset = value();
    else if (arg == "--run-dir") options.run_dir = value();
    else if (arg == "--disk-dir") options.disk_dir = value();
    else if (arg == "--timeout") options.timeout = std::chrono::seconds(std::atoi(value().c_str()));
    else if (arg == "--append") options.extra_append = value();
    else if (arg == "--verbose") options.verbose = true;
    else if (arg == "--") { ++i; break; }
    else break;
  }
  for (; i < argc; ++i) options.command += (options.command.empty() ? "" : " ") + std::string(argv[i]);
  if (options.kernel_image.empty()) {
    std::cerr << "usage: boot_check --kernel bzImage [--preset name|path] [options] -- command...\n";
    return 2;
  }

  try {
    options.topology = load_preset(preset, IRQLAB_PRESETS_DIR);
    std::cerr << "boot_check: " << options.topology.name << ": " << options.topology.summary() << "\n";
    VmResult result = run_vm(options);
    std::cout << result.output;
    std::cerr << "boot_check: exit status " << result.exit_status << ", " << result.elapsed_seconds
              << " s from qemu start to exit\n";
    return result.exit_status;
  } catch (const Error& e) {
    std::cerr << "boot_check: error: " << e.what() << "\n";
    if (!e.detail().empty()) std::cerr << e.detail() << "\n";
    return 1;
  }
}
