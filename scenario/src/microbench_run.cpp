#include "microbench_run.h"

#include <signal.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "fio_run.h"
#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/control/restore.h"
#include "irqlab/record/run_file.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

ProcessResult run_microbench(const Scenario& s, const FioLoad& load, const RunnerOptions& o,
                             const fs::path& state_dir) {
  FioLoad background = load;
  background.runtime_s = 3600;  // stopped when the benchmarks are done
  std::vector<std::string> fio_argv = scenario_fio_command(s, background, o.out_dir / "microbench-fio.json", "");
  fio_argv[0] = o.fio;
  // fio takes over a second to set up under TCG: a move measured before its
  // I/O flows waits for an interrupt that never comes (x86 applies a move at
  // the queue's next interrupt). Wait for the first completion, then for the
  // other jobs to reach their queues.
  RunningFio fio = start_fio(fio_argv, background, o.out_dir / "microbench-fio.log", o.out_dir);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ProcessOptions po;
  po.extra_env = {"IRQLAB_STATE_DIR=" + state_dir.string()};
  po.log_file = o.out_dir / "microbench.log";
  po.capture = false;
  po.timeout = std::chrono::minutes(10);
  ProcessResult r = run_process({o.microbench.string(), "--benchmark_filter=BM_Live",
                                 "--benchmark_out=" + (o.out_dir / run_files::kMicrobench).string(),
                                 "--benchmark_out_format=json"},
                                po);
  fio.process->signal(SIGTERM);
  fio.process->wait(std::chrono::seconds(30));
  if (!r.ok()) throw Error("irqlab-microbench failed (" + r.describe() + ")", "log: " + po.log_file.string());
  return r;
}

}  // namespace

std::string measure_microbench(const Scenario& s, const FioLoad& load, const RunnerOptions& o,
                               const fs::path& state_dir, SystemWriter& writer, ServiceControl& services) {
  std::string failure, result;
  try {
    result = run_microbench(s, load, o, state_dir).describe();
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    failure = e.what();
  }
  // Whatever the benchmarks could not put back, the journal still knows.
  std::ostringstream restore_log;
  restore_journal(state_dir, writer, services, restore_log);
  if (!failure.empty()) throw Error(failure, "log: " + (o.out_dir / "microbench.log").string());
  return result;
}

}  // namespace irqlab
