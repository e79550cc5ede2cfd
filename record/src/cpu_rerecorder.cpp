#include "cpu_rerecorder.h"

#include "irqlab/common/error.h"

namespace irqlab {
namespace fs = std::filesystem;

CpuRerecorder::CpuRerecorder(std::string perf, std::vector<Tracepoint> events, fs::path scratch, fs::path out,
                             unsigned limit)
    : perf_(std::move(perf)), events_(std::move(events)), scratch_(std::move(scratch)), out_(std::move(out)),
      limit_(limit), worker_([this] { work(); }) {}

void CpuRerecorder::cpu_online(int cpu) {
  std::lock_guard lock(mutex_);
  queue_.push_back(cpu);
  wake_.notify_one();
}

void CpuRerecorder::finish() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    wake_.notify_one();
  }
  worker_.join();
  for (auto& r : recorders_) r->stop();
  recorders_.clear();
}

void CpuRerecorder::work() {
  for (;;) {
    int cpu = -1;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      cpu = queue_.front();
      queue_.pop_front();
    }
    record(cpu);
  }
}

void CpuRerecorder::record(int cpu) {
  if (recorders_.size() >= limit_) {
    notes_.push_back("cpu" + std::to_string(cpu) + " not recorded after it returned (limit of " +
                     std::to_string(limit_) + " extra perf processes)");
    return;
  }
  const std::string name = "perf-cpu" + std::to_string(cpu) + "-" + std::to_string(recorders_.size() + 1);
  try {
    recorders_.push_back(std::make_unique<PerfRecordProcess>(perf_, events_, scratch_ / (name + ".data"),
                                                             out_ / (name + ".log"), scratch_, std::to_string(cpu)));
    files_.push_back(name + ".data");
  } catch (const Error& e) {
    notes_.push_back("cpu" + std::to_string(cpu) + " not recorded after it returned: " + e.what());
  }
}

}  // namespace irqlab
