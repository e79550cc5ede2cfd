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
  // Its ring buffer on or off (tracing_on).
  void tracing(bool on);
  // Stops tracing and writes the instance's trace to file.
  void save(const std::filesystem::path& file);

 private:
  std::filesystem::path dir_;
  std::vector<std::string> events_;
};

}  // namespace irqlab
