// results.json: everything the table shows and the per-event figures behind it.
#include "irqlab/results/comparison.h"

namespace irqlab {

nlohmann::ordered_json comparison_json(const Comparison& c) {
  using json = nlohmann::ordered_json;
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
  json runs = json::array();
  for (const ModeRun& r : c.runs) {
    json j;
    j["mode"] = r.mode;
    j["label"] = mode_label(r.mode);
    j["repetition"] = r.repetition;
    j["dir"] = r.dir.string();
    j["kernel_release"] = r.kernel_release;
    j["cmdline"] = r.cmdline;
    j["metrics"] = metrics_json(r.metrics);
    runs.push_back(std::move(j));
  }
  out["runs"] = std::move(runs);
  json overhead = {{"target_percent", i.overhead_target_percent}};
  auto summary = [&c](const std::string& mode) -> json {
    auto o = tracing_overhead(c, mode);
    if (!o) return nullptr;
    return {{"median_percent", o->median_percent},
            {"ci95", o->ci95 ? json::array({o->ci95->first, o->ci95->second}) : json(nullptr)},
            {"pairs", o->pairs},
            {"verdict", o->verdict}};
  };
  json by_mode = json::object();
  for (const ModeRun& r : c.runs)
    if (!by_mode.contains(r.mode))
      if (json s = summary(r.mode); !s.is_null()) by_mode[r.mode] = std::move(s);
  overhead["modes"] = std::move(by_mode);
  overhead["pooled"] = summary("");  // every run: the probe precedes any event
  out["tracing_overhead"] = std::move(overhead);
  out["microbench"] = c.microbench;
  return out;
}

}  // namespace irqlab
