#pragma once
// Runs the irqlab binary as a user would and checks what it says.
#include <filesystem>
#include <string>
#include <vector>

namespace irqlab::test {

struct CliRun {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

CliRun run_irqlab(const std::vector<std::string>& args, const std::vector<std::string>& env = {},
                  int timeout_s = 900);

// The first stderr line: the one clear error line.
std::string first_line(const std::string& text);

// True if no process has `marker` in its command line (no qemu left over).
bool no_process_mentions(const std::string& marker);

// A fresh directory under the build tree's temp area, removed by the caller.
std::filesystem::path make_temp_dir(const std::string& label);

}  // namespace irqlab::test
