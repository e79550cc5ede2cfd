#include "cli_harness.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "irqlab/common/files.h"
#include "irqlab/common/process.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

// The CPU time of this process's children that have been waited for: unlike
// wall time, a loaded machine does not stretch it.
double children_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_CHILDREN, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

}  // namespace

CliRun run_irqlab(const std::vector<std::string>& args, const std::vector<std::string>& env, int timeout_s) {
  static int counter = 0;
  const fs::path err_file = fs::temp_directory_path() /
                            ("irqlab-cli-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".err");
  // stderr goes to a file so stdout and stderr can be told apart.
  std::string script = "exec \"$0\" \"$@\" 2>'" + err_file.string() + "'";
  std::vector<std::string> argv = {"sh", "-c", script, IRQLAB_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  ProcessOptions opt;
  opt.extra_env = env;
  opt.timeout = std::chrono::seconds(timeout_s);
  const double cpu_before = children_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = run_process(argv, opt);
  CliRun run;
  run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  run.cpu_seconds = children_cpu_seconds() - cpu_before;
  run.exit_code = r.term_signal ? 128 + r.term_signal : r.exit_code;
  run.out = r.output;
  if (fs::exists(err_file)) {
    run.err = read_file(err_file);
    fs::remove(err_file);
  }
  return run;
}

CliRun run_irqlab_promptly(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  constexpr int kHangSeconds = 10;
  CliRun run = run_irqlab(args, env, kHangSeconds);
  std::string command = "irqlab";
  for (const std::string& arg : args) command += " " + arg;
  EXPECT_LT(run.cpu_seconds, IRQLAB_CLI_CPU_SECONDS) << "CPU time (user + system) of " << command;
  EXPECT_LT(run.seconds, kHangSeconds) << "a hang: " << command;
  return run;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

std::string error_line(const std::string& err) {
  std::string found;
  std::size_t pos = 0;
  while (pos < err.size()) {
    std::size_t end = err.find('\n', pos);
    if (end == std::string::npos) end = err.size();
    std::string line = err.substr(pos, end - pos);
    if (line.starts_with("irqlab: error: ")) {
      if (!found.empty()) return "<several error lines>";
      found = line;
    }
    pos = end + 1;
  }
  return found;
}

bool no_process_mentions(const std::string& marker) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (cmdline.find(marker) != std::string::npos && pid != std::to_string(getpid())) return false;
  }
  return true;
}

fs::path make_temp_dir(const std::string& label) {
  fs::path dir = fs::temp_directory_path() / ("irqlab-test-" + label + "-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::map<std::string, std::string> guest_facts(const std::string& preset, const std::string& script,
                                               const std::string& append,
                                               const std::vector<std::string>& lab_options) {
  fs::path dir = make_temp_dir("facts-" + preset);
  std::vector<std::string> args = {"lab", "run", "--preset", preset, "--run-dir", (dir / "run").string()};
  if (!append.empty()) args.insert(args.end(), {"--append", append});
  args.insert(args.end(), lab_options.begin(), lab_options.end());
  args.insert(args.end(), {"--", "sh", "-c", script});
  CliRun run = run_irqlab(args);
  EXPECT_EQ(run.exit_code, 0) << run.err << run.out << "\nrun directory kept: " << dir / "run";
  EXPECT_TRUE(no_process_mentions((dir / "run").string())) << "qemu left running";
  std::map<std::string, std::string> facts;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);)
    if (auto eq = line.find('='); eq != std::string::npos) facts[line.substr(0, eq)] = line.substr(eq + 1);
  // A failed guest keeps its console.log; IRQLAB_KEEP_GUEST_RUNS=1 keeps every one.
  if (std::getenv("IRQLAB_KEEP_GUEST_RUNS") != nullptr)
    std::cout << "guest run kept: " << dir / "run" << "\n";
  else if (run.exit_code == 0)
    fs::remove_all(dir);
  return facts;
}

}  // namespace irqlab::test
