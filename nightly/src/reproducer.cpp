// write_reproducer(): reproduce.sh and what it needs.
#include "irqlab/nightly/reproducer.h"

#include <sys/stat.h>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

std::string first_output_line(const std::vector<std::string>& argv) {
  ProcessOptions o;
  o.timeout = std::chrono::seconds(10);
  try {
    const ProcessResult r = run_process(argv, o);
    const std::string line(trim(r.output.substr(0, r.output.find('\n'))));
    return line.empty() ? "(no output, " + r.describe() + ")" : line;
  } catch (const Interrupted&) {
    throw;
  } catch (const Error&) {
    return "not installed";
  }
}

// A word of the command: a bundle file as "$here/NAME", the rest quoted.
std::string command_word(const std::string& word) {
  const std::string here = "@HERE@/";
  if (starts_with(word, here)) return "\"$here\"/" + shell_quote(word.substr(here.size()));
  return shell_quote(word);
}

std::string script(const Reproducer& r) {
  std::string cmd;
  for (const std::string& w : r.command) cmd += (cmd.empty() ? "" : " ") + command_word(w);
  std::string out = "#!/bin/sh\n# Reproduces " + r.what + ", measured by irqlab " + r.irqlab_commit +
                    ".\n# From a fresh clone of that commit:\n"
                    "#   git clone <irqlab repository> irqlab && cd irqlab && git checkout " +
                    r.irqlab_commit.substr(0, r.irqlab_commit.find('-')) +
                    "\n#   sh /path/to/this/reproduce.sh\n"
                    "# Kernel: " + r.kernel_source + ", series " + r.series_hash +
                    " (kernel.config beside this file is the .config it was built with).\n";
  for (const std::string& c : r.guest_cmdlines) out += "# Guest kernel parameters: " + c + "\n";
  out += "# Tool versions of the machine that measured: versions.txt.\nset -eu\nhere=$(cd \"$(dirname \"$0\")\" && pwd)\n" +
         cmd + "\n";
  return out;
}

}  // namespace

std::string tool_versions() {
  std::string out;
  out += "fio: " + first_output_line({"fio", "--version"}) + "\n";
  out += "perf: " + first_output_line({"perf", "--version"}) + "\n";
  out += "trace-cmd: " + first_output_line({"sh", "-c", "trace-cmd -h 2>&1 | grep -m1 version"}) + "\n";
  out += "qemu: " + first_output_line({"qemu-system-x86_64", "--version"}) + "\n";
  out += "host kernel: " + first_output_line({"uname", "-srvm"}) + "\n";
  out += "debian: " + first_output_line({"cat", "/etc/debian_version"}) + "\n";
  return out;
}

void write_reproducer(const fs::path& dir, const Reproducer& r) {
  fs::create_directories(dir);
  for (const auto& [name, content] : r.files) {
    fs::create_directories((dir / name).parent_path());
    write_file_atomic(dir / name, content);
  }
  if (!r.kernel_config.empty() && fs::exists(r.kernel_config))
    write_file_atomic(dir / "kernel.config", read_input_file(r.kernel_config, "kernel .config", kKernelConfigLimit));
  write_file_atomic(dir / "versions.txt", "irqlab: " + r.irqlab_commit + "\n" + tool_versions());
  write_file_atomic(dir / "reproduce.sh", script(r));
  ::chmod((dir / "reproduce.sh").c_str(), 0755);
}

}  // namespace irqlab
