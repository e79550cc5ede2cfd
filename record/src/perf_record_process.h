#pragma once
// perf record of the whole system on CLOCK_MONOTONIC, started with its
// events disabled and enabled through perf's control fifo, so the caller
// knows tracing is on (perf acknowledges) before the load starts.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "irqlab/common/process.h"
#include "irqlab/record/tracepoint.h"

namespace irqlab {

class PerfRecordProcess {
 public:
  // Throws Error when perf cannot start or does not acknowledge within 60 s
  // (the tail of its log says why).
  PerfRecordProcess(const std::string& perf, const std::vector<Tracepoint>& events, const std::filesystem::path& data,
                    const std::filesystem::path& log, const std::filesystem::path& fifo_dir,
                    const std::string& cpu_list = "");  // empty: all CPUs (-a)
  ~PerfRecordProcess();
  PerfRecordProcess(const PerfRecordProcess&) = delete;
  PerfRecordProcess& operator=(const PerfRecordProcess&) = delete;

  const std::vector<std::string>& command() const { return argv_; }
  // "enable" or "disable" the events; returns once perf acknowledged.
  void control(const std::string& command);
  // SIGINT, then waits for perf to write its data (at most 5 minutes).
  ProcessResult stop();

 private:
  std::vector<std::string> argv_;
  std::filesystem::path log_, ctl_, ack_;
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace irqlab
