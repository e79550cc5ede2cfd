// build_comparison(): run directories -> metrics -> one Comparison.
#include <map>

#include "irqlab/bench/runner.h"
#include "irqlab/bench/scenario.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/results/report.h"

namespace irqlab {
namespace fs = std::filesystem;

Comparison build_comparison(const std::vector<RunDirectory>& runs, const std::string& perf) {
  Comparison c;
  std::map<std::string, unsigned> reps;
  std::map<fs::path, bool> seen;
  for (const RunDirectory& rd : runs) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(rd.dir, ec);
    if (seen[ec ? rd.dir : canonical]) throw Error(rd.dir.string() + ": run directory given twice");
    seen[ec ? rd.dir : canonical] = true;
    RunRecords records = read_run(rd.dir, perf);
    ModeRun run;
    run.mode = records.mode;
    run.arm = rd.arm.empty() ? records.mode : rd.arm;
    run.repetition = ++reps[run.arm];
    run.position = rd.position;
    run.dir = rd.dir;
    run.kernel_release = records.kernel_release;
    run.cmdline = records.cmdline;
    run.metrics = compute_metrics(records);
    const fs::path micro = rd.dir / run_files::kMicrobench;
    if (fs::exists(micro)) {
      try {
        run.microbench = nlohmann::ordered_json::parse(read_file(micro));
      } catch (const nlohmann::json::exception& e) {
        throw Error(micro.string() + ": not valid JSON: " + e.what());
      }
    }
    c.runs.push_back(std::move(run));
    const fs::path scenario = rd.dir / run_files::kScenario;
    if (c.info.scenario.empty() && fs::exists(scenario)) {
      Scenario s = parse_scenario(read_file(scenario), scenario.string());
      c.info.scenario = s.name;
      c.info.description = s.description;
      c.info.duration_s = static_cast<double>(s.duration_ns) / 1e9;
      c.info.seed = s.seed;
      c.info.overhead_target_percent = s.overhead_target_percent;
    }
  }
  unsigned max_reps = 0;
  for (const auto& [arm, n] : reps) max_reps = std::max(max_reps, n);
  c.info.repetitions = max_reps;
  return c;
}

}  // namespace irqlab
