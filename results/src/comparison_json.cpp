// results.json: the summary the table shows, and every run's figures behind it.
#include "irqlab/results/comparison.h"
#include "irqlab/results/summary.h"

namespace irqlab {

namespace {

using json = nlohmann::ordered_json;

json pair_json(const std::optional<std::pair<double, double>>& p) {
  return p ? json::array({p->first, p->second}) : json(nullptr);
}

json opt_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json arm_json(const Summary& s, const ArmSummary& a) {
  json metrics = json::object();
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    const MetricSpec& spec = s.metrics[i];
    const MetricCell& c = a.cells[i];
    json m = {{"unit", spec.unit}, {"better", better_text(spec.better)}, {"n", c.values.size()}, {"boots", c.boots}};
    if (c.values.empty()) {
      m["absent"] = c.absent;
    } else {
      m["median"] = c.median;
      m["ci95"] = pair_json(c.ci95);
      m["mean"] = c.mean;
      m["mean_kind"] = spec.rate ? "harmonic" : "arithmetic";
      m["values"] = c.values;
      m["repetitions"] = c.repetitions;
      m["invalid"] = c.invalid;
    }
    metrics[spec.key] = std::move(m);
  }
  return {{"arm", a.arm},
          {"mode", to_text(a.mode)},
          {"label", a.label},
          {"boots", a.runs.size()},
          {"metrics", std::move(metrics)},
          {"correctness",
           {{"moves_planned", a.moves},
            {"moves_accepted", a.accepted},
            {"moves_refused", a.refused},
            {"cpu_events", a.cpu_events},
            {"cpu_events_failed", a.cpu_failed},
            {"boots_with_fio_error", a.fio_errors},
            {"kernel_problems", a.kernel_problems},
            {"vector_checked", a.vector_checked},
            {"vector_drift", a.vector_drift},
            {"lost_trace_events", a.lost_trace_events}}}};
}

json comparison_entry(const Summary& s, const ArmComparison& c) {
  json metrics = json::object();
  for (std::size_t i = 0; i < s.metrics.size(); ++i) {
    const MetricComparison& m = c.metrics[i];
    json j;
    if (m.estimate) {
      j["scale"] = m.ratio ? "relative_percent" : "difference";
      j["estimate"] = *m.estimate;
      j["ci95"] = pair_json(m.ci95);
      j["p_value"] = opt_json(m.p_value);
      j["p_adjusted"] = opt_json(m.p_adjusted);
      j["min_p"] = opt_json(m.min_p);
      j["mark"] = mark_text(m.mark);
    } else {
      j["not_tested"] = m.why_not;
    }
    metrics[s.metrics[i].key] = std::move(j);
  }
  return {{"a", c.a},
          {"b", c.b},
          {"label", c.label},
          {"estimator", "Hodges-Lehmann shift of b against a (of log values when every value is positive)"},
          {"test", "Mann-Whitney U, two-sided (exact null distribution where feasible)"},
          {"adjustment", "benjamini-hochberg"},
          {"alpha", s.alpha},
          {"tested", c.tested},
          {"metrics", std::move(metrics)}};
}

json overhead_json(const std::optional<OverheadSummary>& o) {
  if (!o) return nullptr;
  return {{"median_percent", o->median_percent}, {"ci95", pair_json(o->ci95)},   {"pairs", o->pairs},
          {"boots", o->boots},                   {"verdict", o->verdict},
          {"probe_s_to_resolve", opt_json(o->probe_s_to_resolve)}};
}

}  // namespace

nlohmann::ordered_json comparison_json(const Comparison& c) { return comparison_json(c, summarize(c)); }

nlohmann::ordered_json comparison_json(const Comparison& c, const Summary& s) {
  const ComparisonInfo& i = c.info;
  json out;
  out["schema"] = kResultsJsonSchema;
  out["scenario"] = {{"name", i.scenario},         {"description", i.description}, {"duration_s", i.duration_s},
                     {"repetitions", i.repetitions}, {"seed", i.seed}};
  out["environment"] = {{"kernel_source", i.kernel_source},
                        {"series_hash", i.series_hash},
                        {"patches", i.patches},
                        {"topology", i.topology},
                        {"where", i.where}};
  json order = json::array();
  for (const ModeRun& r : c.runs)
    order.push_back({{"position", r.position}, {"arm", r.arm}, {"repetition", r.repetition}});
  out["order"] = {{"seed", i.order_seed ? json(*i.order_seed) : json(nullptr)}, {"runs", std::move(order)}};
  json arms = json::array();
  for (const ArmSummary& a : s.arms) arms.push_back(arm_json(s, a));
  out["arms"] = std::move(arms);
  json comparisons = json::array();
  for (const ArmComparison& comparison : s.comparisons) comparisons.push_back(comparison_entry(s, comparison));
  out["comparisons"] = std::move(comparisons);
  out["noise"] = {{"steady_iops_cv", opt_json(s.steady_iops_cv)},
                  {"n_per_arm", s.n_per_arm ? json(*s.n_per_arm) : json(nullptr)},
                  {"detectable_shift", opt_json(s.detectable_shift)},
                  {"power", 0.9},
                  {"alpha", s.alpha}};
  json overhead = {{"target_percent", i.overhead_target_percent}};
  json by_arm = json::object();
  for (const ArmSummary& a : s.arms)
    if (json o = overhead_json(a.overhead); !o.is_null()) by_arm[a.arm] = std::move(o);
  overhead["arms"] = std::move(by_arm);
  overhead["pooled"] = overhead_json(s.overhead_pooled);  // every run: the probe precedes any event
  out["tracing_overhead"] = std::move(overhead);
  json runs = json::array();
  for (const ModeRun& r : c.runs) {
    json j;
    j["arm"] = r.arm;
    j["mode"] = to_text(r.mode);
    j["label"] = arm_label(r.arm, r.mode);
    j["repetition"] = r.repetition;
    j["position"] = r.position;
    j["dir"] = r.dir.string();
    j["kernel_release"] = r.kernel_release;
    j["cmdline"] = r.cmdline;
    j["metrics"] = metrics_json(r.metrics);
    j["microbench"] = r.microbench;
    runs.push_back(std::move(j));
  }
  out["runs"] = std::move(runs);
  return out;
}

}  // namespace irqlab
