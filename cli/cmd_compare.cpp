// irqlab compare NIGHT [BASELINE]: a night against its baseline, and the
// gate; irqlab history METRIC: a metric's median per arm over the nights.
#include <cstdio>
#include <iostream>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/statistics.h"
#include "irqlab/common/text.h"
#include "irqlab/nightly/history.h"
#include "irqlab/nightly/night_compare.h"
#include "nightly_cli.h"
#include "options.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct CompareOptions {
  std::string night, baseline, history_dir;
};

struct HistoryOptions {
  std::string metric, scenario, arm, night, history_dir;
};

History history_of(const std::string& dir) {
  return History(dir.empty() ? source_dir() / "results" / "history" : fs::path(dir));
}

void compare(const CompareOptions& o) {
  const History history = history_of(o.history_dir);
  const NightRecord night = history.find(o.night);
  std::optional<NightRecord> baseline;
  if (!o.baseline.empty()) baseline = history.find(o.baseline);
  else baseline = baseline_for(night, history.nights());
  const NightComparison c = compare_nights(night, baseline ? &*baseline : nullptr);
  std::cout << night_comparison_text(c) << std::flush;
  if (!c.passed()) throw Error("gate: " + c.verdict());
}

std::optional<std::pair<double, std::size_t>> median_in(const NightRecord& r, const std::string& scenario,
                                                        const std::string& arm, const std::string& metric) {
  for (const RecordedScenario& s : r.scenarios)
    if (s.name == scenario)
      for (const RecordedArm& a : s.arms)
        if (a.arm == arm)
          for (const RecordedMetric& m : a.metrics)
            if (m.key == metric && !m.values.empty()) return std::pair{stats::median(m.values), m.values.size()};
  return std::nullopt;
}

void history_table(const HistoryOptions& o) {
  const std::vector<NightRecord> nights = history_of(o.history_dir).nights();
  std::vector<std::pair<std::string, std::string>> columns;  // (scenario, arm)
  std::string unit;
  for (const NightRecord& r : nights) {
    if (!o.night.empty() && r.night != o.night) continue;
    for (const RecordedScenario& s : r.scenarios)
      for (const RecordedArm& a : s.arms)
        for (const RecordedMetric& m : a.metrics)
          if (m.key == o.metric && (o.scenario.empty() || s.name == o.scenario) && (o.arm.empty() || a.arm == o.arm)) {
            unit = m.unit;
            if (std::find(columns.begin(), columns.end(), std::pair{s.name, a.arm}) == columns.end())
              columns.emplace_back(s.name, a.arm);
          }
  }
  if (columns.empty()) throw Error("no night in the history has metric '" + o.metric + "' (for these filters)");
  std::cout << o.metric << " (" << unit << "): the median over each night's boots, n in brackets\n";
  std::printf("%-26s %-17s %-9s", "night", "started", "gate");
  for (const auto& [s, a] : columns) std::printf(" %18s", (s + "/" + a).substr(0, 18).c_str());
  std::printf("\n");
  for (const NightRecord& r : nights) {
    if (!o.night.empty() && r.night != o.night) continue;
    std::printf("%-26s %-17s %-9s", r.id.substr(0, 26).c_str(), r.started.substr(0, 16).c_str(),
                r.gate.substr(0, r.gate.find(':')).substr(0, 9).c_str());
    for (const auto& [s, a] : columns) {
      const auto v = median_in(r, s, a, o.metric);
      std::printf(" %18s", v ? (format_number(v->first) + " (" + std::to_string(v->second) + ")").c_str() : "-");
    }
    std::printf("\n");
  }
  std::fflush(stdout);
}

}  // namespace

std::string irqlab_commit() {
  ProcessOptions quiet;
  quiet.timeout = std::chrono::seconds(10);
  const ProcessResult head = run_process({"git", "-C", source_dir().string(), "rev-parse", "--short=12", "HEAD"}, quiet);
  if (!head.ok()) return "unknown";
  const ProcessResult dirty =
      run_process({"git", "-C", source_dir().string(), "status", "--porcelain", "--untracked-files=no"}, quiet);
  return std::string(trim(head.output)) + (dirty.ok() && !trim(dirty.output).empty() ? "-dirty" : "");
}

void add_compare_subcommands(CLI::App& app) {
  auto* cmp = app.add_subcommand("compare", "a night against its baseline per scenario, arm and metric, and the gate");
  auto c = std::make_shared<CompareOptions>();
  cmp->add_option("night", c->night, "night id (in the history), night.json or record file")->required();
  cmp->add_option("baseline", c->baseline, "night to compare with (default: the last good night of the same night file and machine)");
  cmp->add_option("--history", c->history_dir, "the night history (default: results/history)");
  cmp->callback([c] { compare(*c); });

  auto* hist = app.add_subcommand("history", "a metric's median per scenario and arm over the nights, oldest first");
  auto h = std::make_shared<HistoryOptions>();
  hist->add_option("metric", h->metric, "results.json key, such as iops.steady or drain.hctx.max_ms")->required();
  hist->add_option("--scenario", h->scenario, "only this scenario");
  hist->add_option("--arm", h->arm, "only this arm (mode)");
  hist->add_option("--night", h->night, "only nights of this night file");
  hist->add_option("--history", h->history_dir, "the night history (default: results/history)");
  hist->callback([h] { history_table(*h); });
}

}  // namespace irqlab::cli
