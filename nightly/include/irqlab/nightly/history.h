#pragma once
// The history of nights: a directory of night records, one file per night
// (<id>.json, written whole through a rename so a crash never leaves half a
// record). Nothing else writes there; a night that is resumed rewrites its
// own record and never another's.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/nightly/night_record.h"
#include "irqlab/results/html_report.h"

namespace irqlab {

// The most records a history may hold before irqlab refuses to read it.
inline constexpr std::size_t kMaxHistoryNights = 20000;

class History {
 public:
  explicit History(std::filesystem::path dir) : dir_(std::move(dir)) {}
  const std::filesystem::path& dir() const { return dir_; }

  void save(const NightRecord& r) const;
  // Oldest first (by start time, then id). Throws Error naming a record
  // that cannot be read.
  std::vector<NightRecord> nights() const;
  // A night by id, or a record file anywhere.
  NightRecord find(const std::string& id_or_file) const;

 private:
  std::filesystem::path dir_;
};

// A night id is a plain file name: letters, digits, '-', '_', '.', up to 128,
// not starting with '.'.
bool plain_night_id(const std::string& id);

// A night that may serve as a baseline: complete and through the gate.
bool good_night(const NightRecord& r);

// The last good night before `night` of the same night file and machine.
std::optional<NightRecord> baseline_for(const NightRecord& night, const std::vector<NightRecord>& history);

// A headline metric of each arm of one scenario over the good nights of
// this night file and machine with the same scenario hash before `night`
// (report.html adds the night itself).
std::vector<MetricTrend> scenario_trends(const NightRecord& night, const std::string& scenario,
                                         const std::vector<NightRecord>& history, std::size_t last_nights = 30);

}  // namespace irqlab
