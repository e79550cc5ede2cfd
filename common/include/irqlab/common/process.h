#pragma once
// Running external tools (make, git, qemu, fio, perf). Each child runs in its
// own process group so that a timeout or a signal to irqlab kills the whole
// tree: nothing is left running.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace irqlab {

struct ProcessOptions {
  std::filesystem::path cwd;             // empty: inherit
  std::vector<std::string> extra_env;    // KEY=VALUE, added to ours
  std::chrono::milliseconds timeout{0};  // 0: no limit
  std::filesystem::path log_file;        // stdout+stderr appended here if set
  bool stream = false;                   // also copy output to our stderr
  bool capture = true;                   // keep output in ProcessResult
  std::optional<std::string> input;      // written to stdin, then closed
};

struct ProcessResult {
  int exit_code = -1;    // valid when term_signal == 0
  int term_signal = 0;   // signal that ended the child, or 0
  bool timed_out = false;
  std::string output;    // stdout and stderr interleaved (if captured)

  bool ok() const { return term_signal == 0 && !timed_out && exit_code == 0; }
  // "exit status 2", "killed by signal 9", "timed out"
  std::string describe() const;
  // Last non-empty line of the output, for one-line error messages.
  std::string last_line() const;
};

// Runs argv[0] (searched in PATH). Throws Error if it cannot be started and
// Interrupted if irqlab received a termination signal meanwhile.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const ProcessOptions& options = {});

// Like run_process, but throws Error("<what>: <last output line>") unless the
// command exits 0. Returns the captured output.
std::string run_checked(const std::vector<std::string>& argv, const std::string& what,
                        const ProcessOptions& options = {});

// A child that runs while irqlab does something else (perf record during a
// load, fio while events are injected). Output goes to options.log_file
// (/dev/null if unset), stdin is /dev/null. The destructor ends the whole
// process group if it still runs, so an exception never leaves it behind.
class BackgroundProcess {
 public:
  // Throws Error if argv[0] cannot be started.
  BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  int pid() const { return pid_; }
  bool running();                       // reaps the child if it has exited
  void signal(int sig);                 // to the whole group
  // Waits for the exit; after timeout (0: none) SIGTERM, 3 s later SIGKILL,
  // and timed_out is set. Throws Interrupted if irqlab got a signal.
  ProcessResult wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(0));

 private:
  void reap(int status);
  int pid_ = -1;
  int slot_ = -1;
  bool done_ = false;
  ProcessResult result_;
};

// Full path of an executable: name containing '/' is checked as is,
// otherwise PATH is searched.
std::optional<std::filesystem::path> find_executable(const std::string& name);

// Installs SIGINT/SIGTERM/SIGHUP handlers (and unblocks those signals) that
// kill running children and make the pending run_process() throw Interrupted.
void install_signal_handlers();

// Signal received so far, or 0. Long loops without a child poll this.
int pending_signal();
void throw_if_interrupted();

}  // namespace irqlab
