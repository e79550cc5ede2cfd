#pragma once
// A private ftrace instance (tracefs instances/<name>) on CLOCK_MONOTONIC,
// for the events perf cannot see: a CPU going offline runs blk-mq's hotplug
// drain (cpuhp state 152) after perf has left it (perf_event_exit_cpu, 155),
// so perf records no block_mq_hctx_drain of a hotplug. The instance is
// removed when the object goes, whatever happened.
#include <filesystem>
#include <string>
#include <vector>

namespace irqlab {

class FtraceInstance {
 public:
  // events: "sys:name"; those tracefs lacks are skipped. Throws Error when
  // the instance cannot be made.
  FtraceInstance(const std::filesystem::path& tracefs, const std::string& name, const std::vector<std::string>& events);
  ~FtraceInstance();
  FtraceInstance(const FtraceInstance&) = delete;
  FtraceInstance& operator=(const FtraceInstance&) = delete;

  const std::vector<std::string>& events() const { return events_; }
  // Stops tracing and writes the instance's trace to file.
  void save(const std::filesystem::path& file);

 private:
  std::filesystem::path dir_;
  std::vector<std::string> events_;
};

// An ftrace text trace ("comm-pid [cpu] flags time: event: fields", or
// without the flags as `trace-cmd report` prints it) as the lines
// `perf script -F comm,pid,tid,cpu,time,event,trace` prints, so one parser
// reads all three. Lines that are not events (the header) are dropped, but
// for those that say a CPU lost events (parse_ftrace_loss_line), kept as they are.
std::string ftrace_as_perf_script(std::string_view text, const std::vector<std::string>& events);

}  // namespace irqlab
