// check-series results for tools: schema "irqlab.check-series/1".
#include <nlohmann/json.hpp>

#include "irqlab/kernel/check_series_report.h"

namespace irqlab {
namespace {

const char* state_name(PrefixBuild::State state) {
  switch (state) {
    case PrefixBuild::State::ok: return "ok";
    case PrefixBuild::State::failed: return "failed";
    case PrefixBuild::State::config_failed: return "config_failed";
    case PrefixBuild::State::not_applied: return "not_applied";
    case PrefixBuild::State::skipped: break;
  }
  return "skipped";
}

nlohmann::json checkpatch_json(const CheckpatchReport& cp) {
  nlohmann::json issues = nlohmann::json::array();
  for (const CheckpatchIssue& i : cp.issues)
    issues.push_back({{"level", i.level}, {"type", i.type}, {"message", i.message}, {"allowed", i.allowed}});
  return {{"ran", cp.ran},       {"errors", cp.errors},
          {"warnings", cp.warnings}, {"allowed_warnings", cp.allowed_warnings()},
          {"checks", cp.checks},     {"problem", cp.problem},
          {"issues", issues},        {"log", cp.log.string()}};
}

nlohmann::json patch_json(const CheckSeriesReport& report, const PatchCheck& p) {
  nlohmann::json builds = nlohmann::json::object();
  for (std::size_t i = 0; i < p.builds.size(); ++i) {
    const PrefixBuild& b = p.builds[i];
    builds[report.configs[i]] = {{"state", state_name(b.state)}, {"errors", b.errors},
                                 {"first_error", b.first_error}, {"log", b.log.string()},
                                 {"seconds", b.seconds}};
  }
  return {{"number", p.number},   {"name", p.name},        {"subject", p.subject},
          {"applied", p.apply_error.empty()}, {"apply_error", p.apply_error},
          {"builds", builds},     {"checkpatch", checkpatch_json(p.checkpatch)}};
}

}  // namespace

std::string check_series_json(const CheckSeriesReport& report) {
  nlohmann::json patches = nlohmann::json::array();
  for (const PatchCheck& p : report.patches) patches.push_back(patch_json(report, p));
  nlohmann::json doc = {{"schema", "irqlab.check-series/1"},
                        {"passed", check_series_passed(report)},
                        {"source", report.source_label},
                        {"series_hash", report.series_hash},
                        {"configs", report.configs},
                        {"log_dir", report.log_dir.string()},
                        {"seconds", report.seconds},
                        {"patches", patches}};
  return doc.dump(2) + "\n";
}

}  // namespace irqlab
