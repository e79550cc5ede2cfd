// NightRecord <-> JSON, and the record of one scenario's summary.
#include "irqlab/nightly/night_record.h"

#include <algorithm>
#include <cmath>

#include "irqlab/common/error.h"

namespace irqlab {

using json = nlohmann::ordered_json;

bool NightRecord::complete() const {
  return failed_runs.empty() && std::all_of(scenarios.begin(), scenarios.end(), [](const RecordedScenario& s) {
           return s.recorded_runs == s.planned_runs;
         });
}

const std::vector<std::string>& gate_counters() {
  static const std::vector<std::string> counters = {"cpu_events_failed", "boots_with_fio_error", "kernel_problems",
                                                    "vector_drift", "moves_refused"};
  return counters;
}

RecordedScenario record_scenario(const std::string& name, const std::string& hash, const std::string& setup, const Summary& s,
                                 unsigned planned_runs) {
  RecordedScenario out{name, hash, setup, planned_runs, 0, {}};
  for (const ArmSummary& a : s.arms) {
    RecordedArm arm{a.arm, to_text(a.mode), static_cast<unsigned>(a.runs.size()), {}, {}};
    out.recorded_runs += arm.boots;
    for (std::size_t i = 0; i < s.metrics.size(); ++i) {
      const MetricSpec& spec = s.metrics[i];
      if (a.cells[i].values.empty()) continue;
      arm.metrics.push_back({spec.key, spec.unit, spec.better, spec.relative, a.cells[i].values});
    }
    arm.correctness = {{"cpu_events_failed", a.cpu_failed},
                       {"boots_with_fio_error", a.fio_errors},
                       {"kernel_problems", a.kernel_problems},
                       {"vector_drift", a.vector_drift},
                       {"moves_refused", a.mode == ManagedMode::Strict ? 0 : a.refused}};
    out.arms.push_back(std::move(arm));
  }
  return out;
}

namespace {

json arm_json(const RecordedArm& a) {
  json metrics = json::object();
  for (const RecordedMetric& m : a.metrics)
    metrics[m.key] = {{"unit", m.unit},
                      {"better", better_text(m.better)},
                      {"scale", m.relative ? "relative" : "difference"},
                      {"values", m.values}};
  json counters = json::object();
  for (const auto& [k, v] : a.correctness) counters[k] = v;
  return {{"arm", a.arm}, {"mode", a.mode}, {"boots", a.boots}, {"metrics", metrics}, {"correctness", counters}};
}

// Reads the record's fields; a JSON type error becomes one line naming the file.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}
  [[noreturn]] void fail(const std::string& what) const {
    throw Error(source_ + ": not a night record (" + what + ")");
  }
  const json& field(const json& j, const char* key) const {
    if (!j.is_object() || !j.contains(key)) fail(std::string("no '") + key + "'");
    return j.at(key);
  }
  std::string text(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_string()) fail(std::string("'") + key + "' is not a string");
    return v.get<std::string>();
  }
  double number(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_number() || !std::isfinite(v.get<double>())) fail(std::string("'") + key + "' is not a finite number");
    return v.get<double>();
  }
  const json& array(const json& j, const char* key) const {
    const json& v = field(j, key);
    if (!v.is_array()) fail(std::string("'") + key + "' is not a list");
    return v;
  }
  std::uint64_t count(const json& j, const char* key) const {
    const double v = number(j, key);
    if (v < 0 || v > 1e12 || v != std::floor(v)) fail(std::string("'") + key + "' is not a count");
    return static_cast<std::uint64_t>(v);
  }

 private:
  std::string source_;
};

RecordedMetric metric_from_json(const Reader& r, const std::string& key, const json& m) {
  RecordedMetric out{key, r.text(m, "unit"), Better::Lower, true, {}};
  const auto better = better_from_text(r.text(m, "better"));
  if (!better) r.fail("metric '" + key + "': 'better' is not lower, higher or neither");
  out.better = *better;
  const std::string scale = r.text(m, "scale");
  if (scale != "relative" && scale != "difference") r.fail("metric '" + key + "': unknown scale '" + scale + "'");
  out.relative = scale == "relative";
  for (const json& v : r.array(m, "values")) {
    if (!v.is_number() || !std::isfinite(v.get<double>())) r.fail("metric '" + key + "': a value is not a finite number");
    out.values.push_back(v.get<double>());
  }
  if (out.values.size() > 10000) r.fail("metric '" + key + "': more than 10000 values");
  return out;
}

RecordedArm arm_from_json(const Reader& r, const json& a) {
  RecordedArm out{r.text(a, "arm"), r.text(a, "mode"), static_cast<unsigned>(r.count(a, "boots")), {}, {}};
  const json& metrics = r.field(a, "metrics");
  if (!metrics.is_object()) r.fail("'metrics' is not an object");
  for (const auto& [key, m] : metrics.items()) out.metrics.push_back(metric_from_json(r, key, m));
  const json& counters = r.field(a, "correctness");
  if (!counters.is_object()) r.fail("'correctness' is not an object");
  for (const auto& [key, v] : counters.items()) out.correctness[key] = r.count(counters, key.c_str());
  return out;
}

}  // namespace

json night_record_json(const NightRecord& r) {
  json scenarios = json::array();
  for (const RecordedScenario& s : r.scenarios) {
    json arms = json::array();
    for (const RecordedArm& a : s.arms) arms.push_back(arm_json(a));
    scenarios.push_back({{"name", s.name}, {"hash", s.hash}, {"setup", s.setup}, {"planned_runs", s.planned_runs},
                         {"recorded_runs", s.recorded_runs}, {"arms", arms}});
  }
  json thresholds = json::array();
  for (const GateThreshold& t : r.thresholds) thresholds.push_back({{"pattern", t.pattern}, {"percent", t.percent}});
  return {{"schema", kNightRecordSchema}, {"id", r.id}, {"night", r.night}, {"started", r.started},
          {"machine", r.machine}, {"kernel_release", r.kernel_release}, {"kernel_source", r.kernel_source},
          {"series_hash", r.series_hash}, {"irqlab_commit", r.irqlab_commit}, {"complete", r.complete()},
          {"failed_runs", r.failed_runs}, {"gate", r.gate}, {"alpha", r.alpha}, {"thresholds", thresholds},
          {"scenarios", scenarios}};
}

NightRecord night_record_from_json(const json& j, const std::string& source) {
  const Reader r(source);
  if (r.text(j, "schema") != kNightRecordSchema) r.fail("schema is not " + std::string(kNightRecordSchema));
  NightRecord out;
  out.id = r.text(j, "id");
  out.night = r.text(j, "night");
  out.started = r.text(j, "started");
  out.machine = r.text(j, "machine");
  out.kernel_release = r.text(j, "kernel_release");
  out.kernel_source = r.text(j, "kernel_source");
  out.series_hash = r.text(j, "series_hash");
  out.irqlab_commit = r.text(j, "irqlab_commit");
  out.gate = r.text(j, "gate");
  out.alpha = r.number(j, "alpha");
  if (!(out.alpha > 0 && out.alpha < 0.5)) r.fail("'alpha' is not in (0, 0.5)");
  for (const json& f : r.array(j, "failed_runs")) {
    if (!f.is_string()) r.fail("a failed run is not a string");
    out.failed_runs.push_back(f.get<std::string>());
  }
  for (const json& t : r.array(j, "thresholds"))
    out.thresholds.push_back({r.text(t, "pattern"), r.number(t, "percent"), "record"});
  for (const json& s : r.array(j, "scenarios")) {
    RecordedScenario sc{r.text(s, "name"), r.text(s, "hash"), r.text(s, "setup"), static_cast<unsigned>(r.count(s, "planned_runs")),
                        static_cast<unsigned>(r.count(s, "recorded_runs")), {}};
    for (const json& a : r.array(s, "arms")) sc.arms.push_back(arm_from_json(r, a));
    out.scenarios.push_back(std::move(sc));
  }
  return out;
}

std::string night_record_text(const NightRecord& r) {
  return night_record_json(r).dump(1, ' ', false, json::error_handler_t::replace) + "\n";
}

MetricSpec spec_of(const RecordedMetric& m) {
  MetricSpec s;
  s.key = m.key;
  s.label = m.key;
  s.unit = m.unit;
  s.better = m.better;
  s.relative = m.relative;
  s.rate = m.unit == "IOPS";
  s.format = m.unit == "IOPS" ? MetricFormat::Iops
             : m.unit == "share" ? MetricFormat::Share
             : m.unit == "%"     ? MetricFormat::Percent
                                 : MetricFormat::Number;
  return s;
}

}  // namespace irqlab
