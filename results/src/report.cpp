// build_report(): run directories -> metrics -> one Comparison, and the
// time series of the same records for the HTML report's plots.
#include <algorithm>
#include <map>
#include <tuple>

#include "irqlab/common/error.h"
#include "irqlab/record/run_file.h"
#include "irqlab/results/report.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// The fields the metric catalog reads (microbench_ms), with the types it
// reads them as: a wrong type is this file's error now, not a JSON library's
// later.
void check_microbench(const nlohmann::ordered_json& doc, const fs::path& file) {
  auto malformed = [&file](const std::string& what) { return Error(file.string() + ": malformed: " + what); };
  if (!doc.is_object()) throw malformed("expected an object (Google Benchmark JSON)");
  if (!doc.contains("benchmarks")) return;
  if (!doc["benchmarks"].is_array()) throw malformed("\"benchmarks\" is not an array");
  for (const auto& b : doc["benchmarks"]) {
    if (!b.is_object()) throw malformed("a benchmark is not an object");
    for (const char* key : {"name", "error_message", "time_unit"})
      if (b.contains(key) && !b[key].is_string()) throw malformed(std::string("\"") + key + "\" is not a string");
    if (b.contains("error_occurred") && !b["error_occurred"].is_boolean())
      throw malformed("\"error_occurred\" is not true or false");
    if (b.contains("real_time") && !b["real_time"].is_number()) throw malformed("\"real_time\" is not a number");
  }
}

ModeRun mode_run(const RunDirectory& rd, const RunRecords& records) {
  ModeRun run;
  run.mode = records.mode;
  run.arm = rd.arm.empty() ? to_text(records.mode) : rd.arm;
  run.position = rd.position;
  run.dir = rd.dir;
  run.kernel_release = records.kernel_release;
  run.cmdline = records.cmdline;
  run.metrics = compute_metrics(records);
  if (run_file_exists(rd.dir, run_files::kMicrobench)) {
    run.microbench = read_run_json<nlohmann::ordered_json>(rd.dir, run_files::kMicrobench);
    check_microbench(run.microbench, rd.dir / run_files::kMicrobench);
  }
  return run;
}

void add_scenario(ComparisonInfo& info, const fs::path& dir) {
  if (!info.scenario.empty() || !run_file_exists(dir, run_files::kScenario)) return;
  Scenario s = read_scenario(dir / run_files::kScenario);
  info.scenario = s.name;
  info.description = s.description;
  info.duration_s = static_cast<double>(s.duration_ns) / 1e9;
  info.seed = s.seed;
  info.overhead_target_percent = s.overhead_target_percent;
}

// The boot's IOPS, and its planned events where no boot before planned them.
void add_timeline(Timelines& t, const ModeRun& run, const RunRecords& records) {
  t.interval_s = static_cast<double>(records.log_interval_ns) / 1e9;
  t.duration_s = std::max(t.duration_s, static_cast<double>(records.end_ns - records.start_ns) / 1e9);
  t.boots.push_back({run.arm, run.repetition, iops_series(records.iops, records.start_ns, records.log_interval_ns)});
  for (const RecordedEvent& e : records.events) {
    EventMarker m{static_cast<double>(e.at_ns) / 1e9, e.kind, e.description};
    auto same = [&m](const EventMarker& o) { return std::tie(o.t_s, o.kind, o.text) == std::tie(m.t_s, m.kind, m.text); };
    if (std::none_of(t.events.begin(), t.events.end(), same)) t.events.push_back(std::move(m));
  }
  std::stable_sort(t.events.begin(), t.events.end(),
                   [](const EventMarker& a, const EventMarker& b) { return a.t_s < b.t_s; });
}

}  // namespace

Report build_report(const std::vector<RunDirectory>& runs, const std::string& perf) {
  Report report;
  Comparison& c = report.comparison;
  std::map<std::string, unsigned> reps;
  std::map<fs::path, bool> seen;
  for (const RunDirectory& rd : runs) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(rd.dir, ec);
    if (seen[ec ? rd.dir : canonical]) throw Error(rd.dir.string() + ": run directory given twice");
    seen[ec ? rd.dir : canonical] = true;
    const RunRecords records = read_run(rd.dir, perf);
    if (rd.mode)
      if (const auto mismatch = mode_mismatch(*rd.mode, records.kernel_mode))
        throw Error(rd.dir.string() + ": " + *mismatch);
    ModeRun run = mode_run(rd, records);
    run.repetition = ++reps[run.arm];
    c.runs.push_back(std::move(run));
    add_timeline(report.timelines, c.runs.back(), records);
    add_scenario(c.info, rd.dir);
  }
  unsigned max_reps = 0;
  for (const auto& [arm, n] : reps) max_reps = std::max(max_reps, n);
  c.info.repetitions = max_reps;
  return report;
}

}  // namespace irqlab
