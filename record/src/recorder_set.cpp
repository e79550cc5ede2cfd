#include "irqlab/record/recorder_set.h"

namespace irqlab {
namespace fs = std::filesystem;

RecorderSet::RecorderSet(const RecordingPlan& plan, const RecorderSetup& setup)
    : scratch_(setup.scratch), out_dir_(setup.options.out_dir) {
  for (const PlannedRecorder& r : plan.recorders)
    if (setup.phase == RecordingPhase::Run || r.ops->probed) recorders_.push_back(r.ops->start(setup, r.events));
}

RecorderSet::~RecorderSet() {
  while (!recorders_.empty()) recorders_.pop_back();
}

void RecorderSet::tracing(bool on) {
  for (auto& r : recorders_) r->tracing(on);
}

void RecorderSet::cpu_online(int cpu) {
  for (auto& r : recorders_) r->cpu_online(cpu);
}

void RecorderSet::stop() {
  for (auto& r : recorders_) r->stop();
}

void RecorderSet::keep_data() {
  if (scratch_ == out_dir_) return;
  std::error_code ec;
  for (const auto& r : recorders_)
    for (const std::string& f : r->data_files())
      if (fs::exists(scratch_ / f, ec)) {
        fs::copy_file(scratch_ / f, out_dir_ / f, fs::copy_options::overwrite_existing);
        fs::remove(scratch_ / f, ec);
      }
}

void RecorderSet::discard_data() {
  std::error_code ec;
  for (const auto& r : recorders_)
    for (const std::string& f : r->data_files()) fs::remove(scratch_ / f, ec);
}

void RecorderSet::describe(RunManifest& run) const {
  for (const auto& r : recorders_) r->describe(run);
}

void RecorderSet::check() const {
  for (const auto& r : recorders_) r->check();
}

}  // namespace irqlab
