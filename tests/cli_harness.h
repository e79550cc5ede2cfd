#pragma once
// Runs the irqlab binary as a user would and checks what it says.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace irqlab::test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system time of irqlab and the children it waited for
};

CliRun run_irqlab(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                  int timeout_s = 900);

// An input irqlab must refuse at once: fails the test unless irqlab used under
// a second of CPU time (user + system), which load and the sanitizer build do
// not stretch as they stretch wall time. One that blocks on a read takes no
// CPU: it is killed at a 10 s timeout, and fails as a hang.
CliRun run_irqlab_promptly(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// The first line of text.
std::string first_line(const std::string& text);

// The one "irqlab: error: ..." line of stderr (progress lines may precede
// it); empty if there is none, "<several error lines>" if more than one.
std::string error_line(const std::string& err);

// True if no process has `marker` in its command line (no qemu left over).
bool no_process_mentions(const std::string& marker);

// Boots preset (kernel parameters append) and runs script in the guest;
// returns the key=value lines it printed. Fails the test if the guest
// command fails or qemu is left running; a failed guest keeps its run
// directory, every guest does with IRQLAB_KEEP_GUEST_RUNS=1. lab_options go to `irqlab lab run`
// (--config-fragment for another kernel, --timeout).
std::map<std::string, std::string> guest_facts(const std::string& preset, const std::string& script,
                                               const std::string& append = {},
                                               const std::vector<std::string>& lab_options = {});

// A fresh directory under the build tree's temp area, removed by the caller.
std::filesystem::path make_temp_dir(const std::string& label);

}  // namespace irqlab::test
