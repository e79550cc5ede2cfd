#pragma once
// The planned recorders of one phase, driven together: started in registry
// order, switched and stopped in that order, destroyed in the reverse.
#include <filesystem>
#include <memory>
#include <vector>

#include "irqlab/record/recorder.h"
#include "irqlab/record/recording_plan.h"

namespace irqlab {

class RecorderSet {
 public:
  // Starts the plan's recorders of setup.phase; throws the first one's Error.
  RecorderSet(const RecordingPlan& plan, const RecorderSetup& setup);
  ~RecorderSet();
  RecorderSet(const RecorderSet&) = delete;
  RecorderSet& operator=(const RecorderSet&) = delete;

  void tracing(bool on);
  void cpu_online(int cpu);
  void stop();
  // Once stopped: the data files from the scratch directory into the run
  // directory (keep), or away (discard: the probe's).
  void keep_data();
  void discard_data();
  void describe(RunManifest& run) const;
  void check() const;

 private:
  std::filesystem::path scratch_, out_dir_;
  std::vector<std::unique_ptr<Recorder>> recorders_;
};

}  // namespace irqlab
