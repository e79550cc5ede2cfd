#include "run_session.h"

#include <chrono>

#include "fio_run.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/record/run_file.h"
#include "run_log.h"

namespace irqlab {

SessionOutcome record_session(const Scenario& s, const RunnerOptions& o, const Preflight& pre,
                              ControlSession& session, RecorderSet& recorders, RunManifest& run) {
  std::vector<std::string> fio_argv = scenario_fio_command(s, pre.load, o.out_dir / run_files::kFioJson,
                                                           (o.out_dir / run_files::kFioLogPrefix).string());
  fio_argv[0] = pre.fio.string();
  run.fio_command = fio_argv;
  say(o, "fio " + pre.load.rw + " for " + format_duration(s.duration_ns) + ", " + std::to_string(pre.events.size()) +
             " events injected from CPU " + std::to_string(o.injector_cpu));
  RunningFio fio = start_fio(fio_argv, pre.load, o.out_dir / run_files::kFioLog, o.out_dir);
  SessionOutcome out;
  out.start_ns = fio.first_io_ns;
  {
    Injector injector(session, pre.events, out.start_ns, o.injector_cpu,
                      [&recorders](int cpu) { recorders.cpu_online(cpu); });
    // fio runs for whole seconds; an event planned at the very end still has its turn.
    out.fio = fio.process->wait(std::chrono::milliseconds(s.duration_ns / 1'000'000 + 120'000));
    injector.stop();
    out.injected = injector.finish();
    run.injector_pinned = injector.pinned();
  }
  out.end_ns = monotonic_ns();
  fio.process.reset();
  recorders.stop();
  recorders.keep_data();
  recorders.describe(run);
  write_file_atomic(o.out_dir / run_files::kEvents, injected_events_json(out.injected, out.start_ns).dump(2) + "\n");
  return out;
}

}  // namespace irqlab
