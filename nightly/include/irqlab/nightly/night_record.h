#pragma once
// What a night leaves in the history: per scenario and arm, every metric's
// per-boot values with what the comparison needs to read them (unit, which
// way is better, ratio or difference), the correctness counters, and the
// keys a baseline is matched by (night, machine, scenario hash) and the
// provenance (kernel, series, irqlab commit). Schema irqlab.night/1, in
// results/README.md.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "irqlab/nightly/night_file.h"
#include "irqlab/results/summary.h"

namespace irqlab {

inline constexpr const char* kNightRecordSchema = "irqlab.night/1";

struct RecordedMetric {
  std::string key, unit;
  Better better = Better::Lower;
  bool relative = true;
  std::vector<double> values;  // one per boot that has the figure
};

struct RecordedArm {
  std::string arm, mode;
  unsigned boots = 0;
  std::vector<RecordedMetric> metrics;
  // Counters that must stay 0 in a good night (gate_counters()).
  std::map<std::string, std::uint64_t> correctness;
};

struct RecordedScenario {
  std::string name, hash;       // hash: sha256 of the scenario text, 12 hex digits
  std::string setup;            // the lab topology and extra kernel parameters; "" for collected runs
  unsigned planned_runs = 0, recorded_runs = 0;
  std::vector<RecordedArm> arms;
};

struct NightRecord {
  std::string id;               // "20261201-nightly": the night directory's name
  std::string night;            // the night file's name
  std::string started;          // "2026-12-01T21:00:00Z"
  std::string machine;          // "virtual lab on <host>", or --machine (the host name)
  std::string kernel_release, kernel_source, series_hash, irqlab_commit;
  std::vector<std::string> failed_runs;  // "default/override-2: timed out"
  std::string gate;             // "pass", "regression: ...", "broken: ...", "no baseline"; "" before the gate
  double alpha = 0.05;
  std::vector<GateThreshold> thresholds;
  std::vector<RecordedScenario> scenarios;

  bool complete() const;        // every planned run recorded
};

// The counters of an arm that fail the gate when above 0. Refused moves
// count only where the kernel should accept them (not in strict mode).
const std::vector<std::string>& gate_counters();

RecordedScenario record_scenario(const std::string& name, const std::string& hash, const std::string& setup, const Summary& s,
                                 unsigned planned_runs);

nlohmann::ordered_json night_record_json(const NightRecord& r);
// Throws Error naming `source` for anything but a well-formed record.
NightRecord night_record_from_json(const nlohmann::ordered_json& j, const std::string& source);

// The record as its file holds it; text that is not UTF-8 (a console line
// in a failed run) is replaced, never an error.
std::string night_record_text(const NightRecord& r);

// The spec compare_cells() needs, from what the record keeps.
MetricSpec spec_of(const RecordedMetric& m);

}  // namespace irqlab
