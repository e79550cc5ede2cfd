#pragma once
// The reproducer bundle of a night or a main-job run directory: reproduce.sh
// (the exact command, from a fresh clone of the same irqlab commit), the
// inputs it needs copied beside it (the night file and its scenarios, or the
// scenario), the kernel's .config, the guests' command lines and the
// versions of the tools that measured (versions.txt).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace irqlab {

struct Reproducer {
  std::string what;                  // "night 20261201-nightly", "run 20261201T030000Z-default"
  std::string irqlab_commit;
  // argv run from the checkout's top directory; "@HERE@/" starts a path to
  // a file of the bundle.
  std::vector<std::string> command;
  std::vector<std::pair<std::string, std::string>> files;  // (relative name, content)
  std::filesystem::path kernel_config;  // copied as kernel.config when it exists
  std::string kernel_source, series_hash;
  std::vector<std::string> guest_cmdlines;  // per mode: "irq_managed=override"
};

// The versions of irqlab's tools on this machine, one per line: fio, perf,
// trace-cmd, QEMU, the host kernel and Debian.
std::string tool_versions();

// Writes reproduce.sh (executable), the files, kernel.config and
// versions.txt into dir.
void write_reproducer(const std::filesystem::path& dir, const Reproducer& r);

}  // namespace irqlab
