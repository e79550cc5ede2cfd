#pragma once
// trace-cmd record of a private ftrace instance on CLOCK_MONOTONIC, for the
// tracepoints that fire at the rate of the load (a queue interrupt every few
// completions). Per event, ftrace's ring buffer costs a fraction of perf's
// sampling path, and trace-cmd moves whole pages to its file (splice) rather
// than formatting text, so a long run neither overflows nor pays a reader.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "irqlab/common/process.h"
#include "irqlab/record/tracepoint.h"

namespace irqlab {

class TraceCmdRecordProcess {
 public:
  // Starts recording into data (trace-cmd's per-CPU files go next to it) and
  // returns once trace-cmd is recording. Throws Error when it fails to start
  // (the tail of its log says why).
  TraceCmdRecordProcess(const std::filesystem::path& trace_cmd, const std::filesystem::path& tracefs,
                        const std::string& instance, const std::vector<Tracepoint>& events,
                        const std::filesystem::path& data, const std::filesystem::path& log);
  ~TraceCmdRecordProcess();
  TraceCmdRecordProcess(const TraceCmdRecordProcess&) = delete;
  TraceCmdRecordProcess& operator=(const TraceCmdRecordProcess&) = delete;

  const std::vector<std::string>& command() const { return argv_; }
  // Enables or disables the instance's events and its ring buffer: off, the
  // tracepoints are unregistered and cost nothing (the overhead probe's
  // untraced windows); switching patches kernel text, which the probe's
  // first interval of a window absorbs. trace-cmd keeps running.
  void events(bool on);
  // SIGINT, then waits for trace-cmd to write its file (at most 5 minutes).
  ProcessResult stop();

 private:
  // The instance's ring buffer on or off (tracing_on); the events stay registered.
  void buffer(bool on);
  void remove_instance();
  std::vector<std::string> argv_;
  std::filesystem::path log_, tracing_on_;
  std::vector<std::filesystem::path> enables_;  // events/<sys>/<name>/enable of the instance
  std::unique_ptr<BackgroundProcess> process_;
};

}  // namespace irqlab
