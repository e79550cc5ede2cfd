#include "irqlab/common/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>

#include "irqlab/common/error.h"

extern char** environ;

namespace irqlab {
namespace {

// Process groups of running children, read by the signal handler.
constexpr std::size_t kMaxChildren = 16;
std::array<std::atomic<pid_t>, kMaxChildren> g_children{};
std::atomic<int> g_signal{0};

void on_signal(int sig) {
  g_signal.store(sig);
  for (auto& child : g_children) {
    pid_t pgid = child.load();
    if (pgid > 0) kill(-pgid, SIGTERM);
  }
}

class ChildSlot {
 public:
  explicit ChildSlot(pid_t pgid) {
    for (auto& child : g_children) {
      pid_t expected = 0;
      if (child.compare_exchange_strong(expected, pgid)) {
        slot_ = &child;
        return;
      }
    }
  }
  ~ChildSlot() {
    if (slot_) slot_->store(0);
  }
  ChildSlot(const ChildSlot&) = delete;
  ChildSlot& operator=(const ChildSlot&) = delete;

 private:
  std::atomic<pid_t>* slot_ = nullptr;
};

int claim_slot(pid_t pgid) {
  for (std::size_t i = 0; i < kMaxChildren; ++i) {
    pid_t expected = 0;
    if (g_children[i].compare_exchange_strong(expected, pgid)) return static_cast<int>(i);
  }
  return -1;
}

void release_slot(int slot) {
  if (slot >= 0) g_children[static_cast<std::size_t>(slot)].store(0);
}

void set_cloexec_nonblock(int fd, bool nonblock) {
  fcntl(fd, F_SETFD, FD_CLOEXEC);
  if (nonblock) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

[[noreturn]] void exec_child(const std::vector<std::string>& argv, const ProcessOptions& opt,
                             int out_fd, int in_fd, int err_report_fd) {
  setpgid(0, 0);
  // Children start with default signal dispositions.
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
  signal(SIGPIPE, SIG_DFL);
  dup2(in_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(out_fd, STDERR_FILENO);
  for (const auto& kv : opt.extra_env) putenv(const_cast<char*>(kv.c_str()));
  if (!opt.cwd.empty() && chdir(opt.cwd.c_str()) != 0) {
    int e = errno;
    [[maybe_unused]] auto n = write(err_report_fd, &e, sizeof e);
    _exit(127);
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execvp(args[0], args.data());
  int e = errno;
  [[maybe_unused]] auto n = write(err_report_fd, &e, sizeof e);
  _exit(127);
}

// Stops a child's process group once its time is up (timeout 0: never) or
// irqlab got a signal: SIGTERM, then SIGKILL 3 s later. The wait loops call
// poll() between their reads and reaps.
class GroupStopper {
 public:
  using Clock = std::chrono::steady_clock;
  GroupStopper(pid_t pgid, std::chrono::milliseconds timeout)
      : pgid_(pgid), timeout_(timeout), deadline_(Clock::now() + timeout) {}

  void poll(ProcessResult& result) {
    const auto now = Clock::now();
    const bool expired = timeout_.count() > 0 && now >= deadline_;
    if (!term_sent_ && (expired || pending_signal())) {
      result.timed_out = expired;
      kill(-pgid_, SIGTERM);
      term_sent_ = true;
      kill_at_ = now + std::chrono::seconds(3);
    }
    if (term_sent_ && now >= kill_at_) kill(-pgid_, SIGKILL);
  }

 private:
  pid_t pgid_;
  std::chrono::milliseconds timeout_;
  Clock::time_point deadline_;
  bool term_sent_ = false;
  Clock::time_point kill_at_{};
};

void write_all(int fd, const std::string& data) {
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n <= 0) break;
    off += static_cast<std::size_t>(n);
  }
}

// Copies the child's output to where opt says until every writer closed it.
void pump_output(int fd, const ProcessOptions& opt, GroupStopper& stopper, ProcessResult& result) {
  std::ofstream log;
  if (!opt.log_file.empty()) log.open(opt.log_file, std::ios::app);
  char buf[65536];
  for (;;) {
    stopper.poll(result);
    pollfd pfd{fd, POLLIN, 0};
    int rc = poll(&pfd, 1, 200);
    if (rc < 0 && errno != EINTR) break;
    if (rc <= 0) continue;
    ssize_t n = read(fd, buf, sizeof buf);
    if (n > 0) {
      std::string_view chunk(buf, static_cast<std::size_t>(n));
      if (opt.capture) result.output.append(chunk);
      if (log.is_open()) log.write(chunk.data(), static_cast<std::streamsize>(chunk.size())).flush();
      if (opt.stream) std::cerr.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      continue;
    }
    if (n == 0) break;  // every writer closed: the child tree is done with output
    if (errno != EAGAIN && errno != EINTR) break;
  }
}

}  // namespace

Interrupted::Interrupted(int sig)
    : Error(std::string("interrupted by SIG") + sigabbrev_np(sig) + ", cleaned up"),
      signal_(sig) {}

std::string ProcessResult::describe() const {
  if (timed_out) return "timed out";
  if (term_signal) return std::string("killed by SIG") + sigabbrev_np(term_signal);
  return "exit status " + std::to_string(exit_code);
}

std::string ProcessResult::last_line() const {
  std::size_t end = output.find_last_not_of(" \t\r\n");
  if (end == std::string::npos) return {};
  std::size_t start = output.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  return output.substr(start, end - start + 1);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
  // exec keeps the signal mask: one inherited with these blocked would hold
  // them pending while irqlab runs on, and a CI job's timeout could not stop
  // it. Unblocked after the handlers are in place, so one already pending is
  // handled, not fatal.
  sigset_t stop;
  sigemptyset(&stop);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stop, sig);
  sigprocmask(SIG_UNBLOCK, &stop, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

int pending_signal() { return g_signal.load(); }

void throw_if_interrupted() {
  if (int sig = pending_signal()) throw Interrupted(sig);
}

std::optional<std::filesystem::path> find_executable(const std::string& name) {
  if (name.empty()) return std::nullopt;
  if (name.find('/') != std::string::npos) {
    if (access(name.c_str(), X_OK) == 0) return std::filesystem::path(name);
    return std::nullopt;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t pos = 0;
  while (pos <= dirs.size()) {
    std::size_t next = dirs.find(':', pos);
    if (next == std::string::npos) next = dirs.size();
    std::filesystem::path candidate =
        std::filesystem::path(dirs.substr(pos, next - pos).empty() ? "." : dirs.substr(pos, next - pos)) /
        name;
    if (access(candidate.c_str(), X_OK) == 0 && !std::filesystem::is_directory(candidate))
      return candidate;
    pos = next + 1;
  }
  return std::nullopt;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& opt) {
  if (argv.empty()) throw Error("internal: empty command");
  throw_if_interrupted();

  int out_pipe[2], in_pipe[2], err_pipe[2];
  if (pipe(out_pipe) || pipe(in_pipe) || pipe(err_pipe))
    throw Error(std::string("pipe: ") + std::strerror(errno));
  set_cloexec_nonblock(out_pipe[0], true);
  set_cloexec_nonblock(in_pipe[1], false);
  set_cloexec_nonblock(err_pipe[0], false);
  set_cloexec_nonblock(err_pipe[1], false);

  pid_t pid = fork();
  if (pid < 0) throw Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(argv, opt, out_pipe[1], in_pipe[0], err_pipe[1]);

  setpgid(pid, pid);  // also done by the child; whichever runs first wins
  ChildSlot slot(pid);
  close(out_pipe[1]);
  close(in_pipe[0]);
  close(err_pipe[1]);

  int exec_errno = 0;
  if (read(err_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno) {
    close(err_pipe[0]);
    close(out_pipe[0]);
    close(in_pipe[1]);
    waitpid(pid, nullptr, 0);
    throw Error("cannot run " + argv[0] + ": " + std::strerror(exec_errno));
  }
  close(err_pipe[0]);

  if (opt.input) write_all(in_pipe[1], *opt.input);
  close(in_pipe[1]);

  ProcessResult result;
  GroupStopper stopper(pid, opt.timeout);
  pump_output(out_pipe[0], opt, stopper, result);
  close(out_pipe[0]);

  // The leader may still run (output closed early) or children may linger in
  // its group: reap the leader, then make sure nothing of the group survives.
  int status = 0;
  for (;;) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR) break;
    stopper.poll(result);
    usleep(20 * 1000);
  }
  kill(-pid, SIGKILL);  // stray grandchildren, if any; ESRCH otherwise

  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  if (!result.timed_out) throw_if_interrupted();
  return result;
}

std::string run_checked(const std::vector<std::string>& argv, const std::string& what,
                        const ProcessOptions& options) {
  ProcessResult r = run_process(argv, options);
  if (!r.ok()) {
    std::string line = r.last_line();
    throw Error(what + " failed (" + r.describe() + ")" + (line.empty() ? "" : ": " + line),
                options.log_file.empty() ? "" : "log: " + options.log_file.string());
  }
  return r.output;
}

}  // namespace irqlab

namespace irqlab {

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& argv, const ProcessOptions& opt) {
  if (argv.empty()) throw Error("internal: empty command");
  throw_if_interrupted();
  const std::string out_path = opt.log_file.empty() ? "/dev/null" : opt.log_file.string();
  int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (out_fd < 0) throw Error("cannot open " + out_path + ": " + std::strerror(errno));
  int in_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
  int err_pipe[2];
  if (in_fd < 0 || pipe(err_pipe)) {
    close(out_fd);
    if (in_fd >= 0) close(in_fd);
    throw Error(std::string("cannot start ") + argv[0] + ": " + std::strerror(errno));
  }
  set_cloexec_nonblock(err_pipe[0], false);
  set_cloexec_nonblock(err_pipe[1], false);
  pid_t pid = fork();
  if (pid < 0) throw Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(argv, opt, out_fd, in_fd, err_pipe[1]);
  setpgid(pid, pid);
  pid_ = pid;
  slot_ = claim_slot(pid);
  close(out_fd);
  close(in_fd);
  close(err_pipe[1]);
  int exec_errno = 0;
  const bool failed = read(err_pipe[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno;
  close(err_pipe[0]);
  if (failed) {
    waitpid(pid, nullptr, 0);
    release_slot(slot_);
    done_ = true;
    throw Error("cannot run " + argv[0] + ": " + std::strerror(exec_errno));
  }
}

BackgroundProcess::~BackgroundProcess() {
  if (!done_) {
    kill(-pid_, SIGTERM);
    for (int i = 0; i < 150 && running(); ++i) usleep(20 * 1000);
    if (!done_) {
      kill(-pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      reap(status);
    }
  }
  kill(-pid_, SIGKILL);  // grandchildren left in the group, if any
  release_slot(slot_);
}

void BackgroundProcess::reap(int status) {
  done_ = true;
  if (WIFEXITED(status)) result_.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result_.term_signal = WTERMSIG(status);
}

bool BackgroundProcess::running() {
  if (done_) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) reap(status);
  else if (r < 0 && errno == ECHILD) done_ = true;
  return !done_;
}

void BackgroundProcess::signal(int sig) {
  if (!done_) kill(-pid_, sig);
}

ProcessResult BackgroundProcess::wait(std::chrono::milliseconds timeout) {
  GroupStopper stopper(pid_, timeout);
  while (running()) {
    stopper.poll(result_);
    usleep(10 * 1000);
  }
  if (!result_.timed_out) throw_if_interrupted();
  return result_;
}

}  // namespace irqlab
