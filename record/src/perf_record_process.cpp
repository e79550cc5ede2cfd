#include "perf_record_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/record/run_file.h"

namespace irqlab {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void make_fifo(const fs::path& path) {
  fs::remove(path);
  if (mkfifo(path.c_str(), 0600) != 0) throw Error("cannot create fifo " + path.string() + ": " + std::strerror(errno));
}


}  // namespace

PerfRecordProcess::PerfRecordProcess(const std::string& perf, const std::vector<Tracepoint>& events, const fs::path& data,
                                     const fs::path& log, const fs::path& fifo_dir, const std::string& cpu_list)
    : log_(log),
      ctl_(fifo_dir / (data.stem().string() + "-ctl.fifo")),
      ack_(fifo_dir / (data.stem().string() + "-ack.fifo")) {
  make_fifo(ctl_);
  make_fifo(ack_);
  // -k mono: the same clock as fio's logs and the injector's stamps.
  // -m 1024: 4 MiB per CPU, so bursts of block events are not lost.
  argv_ = {perf, "record", "-k", "mono", "-m", "1024", "-D", "-1", "--control",
           "fifo:" + ctl_.string() + "," + ack_.string(), "-o", data.string()};
  if (cpu_list.empty()) {
    argv_.push_back("-a");
  } else {
    argv_.push_back("-C");
    argv_.push_back(cpu_list);
  }
  append_event_args(argv_, events, "--filter");
  ProcessOptions po;
  po.log_file = log;
  process_ = std::make_unique<BackgroundProcess>(argv_, po);

  const auto deadline = std::chrono::steady_clock::now() + 60s;
  int ctl = -1;
  while (ctl < 0) {
    ctl = open(ctl_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);  // ENXIO until perf opened it
    if (ctl >= 0) break;
    if (!process_->running())
      throw Error("perf record failed to start: " + last_log_line(log_), "command: " + shell_join(argv_) + "\nlog: " + log_.string());
    if (std::chrono::steady_clock::now() > deadline) throw Error("perf record did not open its control fifo within 60 s");
    throw_if_interrupted();
    std::this_thread::sleep_for(20ms);
  }
  close(ctl);
  try {
    control("enable");
  } catch (const Error&) {
    process_.reset();
    throw;
  }
}

void PerfRecordProcess::control(const std::string& command) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  int ack = open(ack_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  int ctl = open(ctl_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  const std::string line = command + "\n";
  const bool sent = ctl >= 0 && write(ctl, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  if (ctl >= 0) close(ctl);
  std::string reply;
  while (sent && ack >= 0 && reply.find("ack") == std::string::npos) {
    pollfd pfd{ack, POLLIN, 0};
    if (poll(&pfd, 1, 50) > 0) {
      char buf[64];
      ssize_t n = read(ack, buf, sizeof buf);
      if (n > 0) reply.append(buf, static_cast<std::size_t>(n));
    }
    if (!process_->running()) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    throw_if_interrupted();
  }
  if (ack >= 0) close(ack);
  if (reply.find("ack") == std::string::npos)
    throw Error(process_->running() ? "perf record did not acknowledge '" + command + "' within 60 s"
                                    : "perf record failed: " + last_log_line(log_),
                "command: " + shell_join(argv_) + "\nlog: " + log_.string());
}

PerfRecordProcess::~PerfRecordProcess() {
  if (process_) process_->signal(SIGINT);
  process_.reset();
  std::error_code ec;
  fs::remove(ctl_, ec);
  fs::remove(ack_, ec);
}

ProcessResult PerfRecordProcess::stop() {
  process_->signal(SIGINT);
  ProcessResult r = process_->wait(std::chrono::minutes(5));
  process_.reset();
  return r;
}

}  // namespace irqlab
