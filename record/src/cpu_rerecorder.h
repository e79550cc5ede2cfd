#pragma once
// perf 6.1 stops recording a CPU once it went offline and does not pick it up
// when it returns. For each CPU that comes back, a second perf records that
// CPU alone; started off the injector's thread so the schedule does not wait.
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "irqlab/record/tracepoint.h"
#include "perf_record_process.h"

namespace irqlab {

class CpuRerecorder {
 public:
  // Data files go to scratch (perf-cpu<N>-<i>.data), logs to out; at most
  // limit extra perf processes.
  CpuRerecorder(std::string perf, std::vector<Tracepoint> events, std::filesystem::path scratch,
                std::filesystem::path out, unsigned limit);
  ~CpuRerecorder() { finish(); }
  CpuRerecorder(const CpuRerecorder&) = delete;
  CpuRerecorder& operator=(const CpuRerecorder&) = delete;

  void cpu_online(int cpu);
  // Stops every extra perf; afterwards data_files() and notes() are complete.
  void finish();
  // Names in the scratch directory, in the order they started.
  std::vector<std::string> data_files() const { return files_; }
  // The CPUs that came back and were not recorded, and why.
  std::vector<std::string> notes() const { return notes_; }

 private:
  void work();
  void record(int cpu);

  std::string perf_;
  std::vector<Tracepoint> events_;
  std::filesystem::path scratch_, out_;
  unsigned limit_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<int> queue_;
  bool stopping_ = false;
  std::vector<std::unique_ptr<PerfRecordProcess>> recorders_;
  std::vector<std::string> files_, notes_;
  std::thread worker_;
};

}  // namespace irqlab
