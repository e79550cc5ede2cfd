#include "overhead_probe.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "fio_run.h"
#include "injector.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/record/recorder_set.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/system_file.h"

namespace irqlab {
namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

constexpr std::int64_t kWindowNs = 500'000'000;

// Switches tracing at each window's start, from the load's first I/O on;
// returns the windows as probe-windows.json lists them.
json switch_windows(RecorderSet& recorders, std::int64_t start, std::int64_t windows) {
  constexpr bool kBlock[] = {false, true, true, false};
  json out = json::array();
  bool tracing = false;
  for (std::int64_t i = 0; i < windows; ++i) {
    const bool traced = kBlock[i % 4];
    if (traced != tracing) {
      recorders.tracing(traced);
      tracing = traced;
    }
    const std::int64_t from = monotonic_ns(), to = start + (i + 1) * kWindowNs;
    while (monotonic_ns() < to) {
      throw_if_interrupted();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    out.push_back({{"from_ns", from}, {"to_ns", to}, {"traced", traced}});
  }
  return out;
}

}  // namespace

void probe_overhead(const Scenario& s, const FioLoad& load, const RunnerOptions& o, const RecordingPlan& plan,
                    const fs::path& scratch) {
  const std::int64_t windows = std::max<std::int64_t>(4, (2 * s.overhead_probe_ns / kWindowNs + 3) / 4 * 4);
  RecorderSet recorders(plan, {o, scratch, tracefs_root(), RecordingPhase::Probe});
  recorders.tracing(false);  // the first window is untraced
  FioLoad probe = load;
  probe.runtime_s = static_cast<unsigned>((windows * kWindowNs) / 1'000'000'000 + 2);
  std::vector<std::string> argv = scenario_fio_command(s, probe, o.out_dir / run_files::kProbeFioJson,
                                                       (o.out_dir / run_files::kProbeLogPrefix).string());
  argv[0] = o.fio;
  RunningFio fio = start_fio(argv, probe, o.out_dir / run_files::kFioLog, o.out_dir);
  const json out = switch_windows(recorders, fio.first_io_ns, windows);
  const ProcessResult r = fio.process->wait(std::chrono::seconds(probe.runtime_s + 120));
  // Their data only served to load the system as the run will.
  recorders.stop();
  recorders.discard_data();
  if (!r.ok()) throw Error("overhead probe: " + fio_failure(o.out_dir, r));
  write_file_atomic(o.out_dir / run_files::kProbeWindows, out.dump(2) + "\n");
}

}  // namespace irqlab
