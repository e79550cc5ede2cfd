#include "irqlab/control/services.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"

extern char** environ;

namespace irqlab {
namespace {

// systemctl with output discarded and a time limit; returns its exit status
// (-1 if it could not run or was killed). Deliberately not run_process: see
// services.h.
int run_systemctl(const std::vector<std::string>& args) {
  if (!find_executable("systemctl")) return -1;
  std::vector<std::string> argv = {"systemctl"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  sigaddset(&defaults, SIGHUP);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "systemctl", &actions, &attr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return -1;

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0 && errno != EINTR) return -1;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace

bool SystemdServices::manages(const std::filesystem::path& root) {
  std::error_code ec;
  return root == "/" || std::filesystem::equivalent(root, "/", ec);
}

bool SystemdServices::is_active(const std::string& unit) { return run_systemctl({"is-active", "--quiet", unit}) == 0; }

void SystemdServices::stop(const std::string& unit) {
  int rc = run_systemctl({"stop", unit});
  if (rc != 0) throw Error("systemctl stop " + unit + " failed (status " + std::to_string(rc) + ")");
}

void SystemdServices::start(const std::string& unit) {
  int rc = run_systemctl({"start", unit});
  if (rc != 0) throw Error("systemctl start " + unit + " failed (status " + std::to_string(rc) + ")");
}

}  // namespace irqlab
