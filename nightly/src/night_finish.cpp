// finish_night(): reports, the record, the gate, the night's files.
#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/nightly/night_pages.h"
#include "irqlab/nightly/night_run.h"
#include "irqlab/results/report_files.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

void fill_info(Comparison& c, const ScenarioRuns& runs, const NightInfo& info, const fs::path& dir) {
  c.info.repetitions = runs.plan.repetitions;
  c.info.order_seed = runs.plan.order.empty() ? std::nullopt : std::optional(runs.plan.order_seed);
  c.info.kernel_source = info.kernel_source;
  c.info.series_hash = info.series_hash;
  c.info.patches = info.patches;
  c.info.topology = runs.plan.topology.controllers.empty() ? info.machine : runs.plan.topology.summary();
  c.info.where = info.where;
  c.info.run_dir = dir.string();
}

// The runs per arm against the night's plan: a collected night may bring
// runs of a mode the night does not compare, or too many or too few of one.
void check_arms(const ScenarioRuns& runs, const Summary& s, NightRecord& record) {
  const PlannedScenario& p = runs.plan;
  const std::string& name = p.scenario.name;
  const std::string planned = std::to_string(p.repetitions);
  // Fewer runs than planned in all are "runs missing" already; fewer in one
  // mode is worth its own line only when another mode has too many.
  const bool balanced_total = runs.failed.empty() && runs.recorded.size() >= runs.planned;
  for (const ArmSummary& a : s.arms) {
    const std::string n = std::to_string(a.runs.size());
    if (std::find(p.arms.begin(), p.arms.end(), a.arm) == p.arms.end())
      record.failed_runs.push_back(name + "/" + a.arm + ": " + n + " runs of a mode the night does not compare");
    else if (a.runs.size() > p.repetitions || (a.runs.size() < p.repetitions && balanced_total))
      record.failed_runs.push_back(name + "/" + a.arm + ": " + n + " runs, the night plans " + planned);
  }
  for (const std::string& arm : p.arms)
    if (std::none_of(s.arms.begin(), s.arms.end(), [&](const ArmSummary& a) { return a.arm == arm; }) &&
        balanced_total)
      record.failed_runs.push_back(name + "/" + arm + ": no runs, the night plans " + planned);
}

// One scenario: its report files, and its part of the record. A report that
// cannot be built (a malformed record) fails that scenario, not the night.
RecordedScenario report_scenario(const ScenarioRuns& runs, NightRecord& record, const NightInfo& info,
                                 const fs::path& night_dir, const std::vector<NightRecord>& history) {
  const std::string& name = runs.plan.scenario.name;
  RecordedScenario empty{name, runs.plan.hash, runs.plan.setup, runs.planned, 0, {}};
  if (runs.recorded.empty()) return empty;
  try {
    Report report = build_report(runs.recorded, info.perf);
    const fs::path dir = night_dir / name;
    fs::create_directories(dir);
    fill_info(report.comparison, runs, info, dir);
    if (record.kernel_release.empty()) record.kernel_release = report.comparison.runs.front().kernel_release;
    const Summary s = summarize(report.comparison);
    check_arms(runs, s, record);
    record.scenarios.push_back(record_scenario(name, runs.plan.hash, runs.plan.setup, s, runs.planned));
    const std::vector<MetricTrend> trends = scenario_trends(record, name, history);
    record.scenarios.pop_back();
    write_report_files(report, s, report_files_in(dir), trends);
    return record_scenario(name, runs.plan.hash, runs.plan.setup, s, runs.planned);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    record.failed_runs.push_back(name + ": no report: " + e.what());
    return empty;
  } catch (const fs::filesystem_error& e) {
    record.failed_runs.push_back(name + ": no report: " + e.what());
    return empty;
  }
}

}  // namespace

NightResult finish_night(const std::vector<ScenarioRuns>& runs, const NightInfo& info, const fs::path& night_dir,
                         const History& history, Progress& progress) {
  NightResult out;
  NightRecord& r = out.record;
  r.id = info.id;
  r.night = info.night_name;
  r.started = info.started;
  r.machine = info.machine;
  r.kernel_release = info.kernel_release;
  r.kernel_source = info.kernel_source;
  r.series_hash = info.series_hash;
  r.irqlab_commit = info.irqlab_commit;
  r.alpha = info.alpha;
  r.thresholds = info.thresholds;
  const std::vector<NightRecord> earlier = history.nights();
  for (const ScenarioRuns& s : runs) {
    progress.begin("report", s.plan.scenario.name + ": perf script and metrics for " +
                                 std::to_string(s.recorded.size()) + " runs");
    for (const std::string& f : s.failed) r.failed_runs.push_back(s.plan.scenario.name + "/" + f);
    r.scenarios.push_back(report_scenario(s, r, info, night_dir, earlier));
    progress.done(s.plan.scenario.name + ": " + std::to_string(r.scenarios.back().recorded_runs) + " of " +
                  std::to_string(s.planned) + " runs reported in " + (night_dir / s.plan.scenario.name).string());
  }
  const std::optional<NightRecord> baseline = baseline_for(r, earlier);
  out.comparison = compare_nights(r, baseline ? &*baseline : nullptr);
  r.gate = out.comparison.verdict();
  history.save(r);
  write_night_pages(night_dir, r, out.comparison);
  return out;
}

}  // namespace irqlab
