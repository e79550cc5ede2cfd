// The night records on disk, and what is looked up in them.
#include "irqlab/nightly/history.h"

#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/statistics.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// A record holds per-boot values of a few dozen metrics per arm; a year of
// nights of a large night file stays far below this.
constexpr std::uint64_t kNightRecordLimit = 16 * kMiB;

NightRecord read_record(const fs::path& file) {
  const std::string text = read_input_file(file, "night record", kNightRecordLimit);
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::exception&) {
    throw Error(file.string() + ": not a night record (not JSON)");
  }
  return night_record_from_json(j, file.string());
}

}  // namespace

bool plain_night_id(const std::string& id) {
  return !id.empty() && id.size() <= 128 && id[0] != '.' &&
         std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

void History::save(const NightRecord& r) const {
  if (!plain_night_id(r.id)) throw Error("night id '" + r.id + "' is not a plain file name");
  fs::create_directories(dir_);
  const fs::path file = dir_ / (r.id + ".json");
  // A resumed night rewrites its own record; another night of the same id
  // (another machine or night file sharing the history) never overwrites it.
  if (fs::exists(file)) {
    const NightRecord old = read_record(file);
    if (old.night != r.night || old.machine != r.machine || old.started != r.started)
      throw Error(file.string() + ": holds night '" + old.night + "' of " + old.machine + " started " + old.started +
                  "; give this night another --night-id");
  }
  write_file_atomic(file, night_record_text(r));
}

std::vector<NightRecord> History::nights() const {
  std::vector<NightRecord> out;
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir_)) {
    if (e.path().extension() != ".json" || e.path().filename().string()[0] == '.') continue;
    if (out.size() == kMaxHistoryNights)
      throw Error(dir_.string() + ": more than " + std::to_string(kMaxHistoryNights) + " night records");
    out.push_back(read_record(e.path()));
  }
  std::sort(out.begin(), out.end(), [](const NightRecord& a, const NightRecord& b) {
    return std::tie(a.started, a.id) < std::tie(b.started, b.id);
  });
  return out;
}

NightRecord History::find(const std::string& id_or_file) const {
  if (id_or_file.find('/') != std::string::npos || fs::path(id_or_file).extension() == ".json") {
    const fs::path p(id_or_file);
    return read_record(fs::is_directory(p) ? p / "night.json" : p);
  }
  if (!plain_night_id(id_or_file)) throw Error("'" + id_or_file + "' is neither a night id nor a record file");
  const fs::path file = dir_ / (id_or_file + ".json");
  if (!fs::exists(file)) throw Error("no night '" + id_or_file + "' in " + dir_.string());
  return read_record(file);
}

bool good_night(const NightRecord& r) { return r.complete() && starts_with(r.gate, "pass"); }

std::optional<NightRecord> baseline_for(const NightRecord& night, const std::vector<NightRecord>& history) {
  std::optional<NightRecord> found;
  for (const NightRecord& r : history) {
    if (r.id == night.id || r.night != night.night || r.machine != night.machine || !good_night(r)) continue;
    if (std::tie(r.started, r.id) >= std::tie(night.started, night.id)) continue;
    found = r;
  }
  return found;
}

namespace {

const RecordedArm* arm_in(const NightRecord& r, const RecordedScenario& like, const std::string& arm) {
  for (const RecordedScenario& s : r.scenarios)
    if (s.name == like.name && s.hash == like.hash && s.setup == like.setup)
      for (const RecordedArm& a : s.arms)
        if (a.arm == arm) return &a;
  return nullptr;
}

// "2026-12-01 21:04": nights of one day stay apart on the axis.
std::string night_label(const NightRecord& r) {
  std::string s = r.started.substr(0, 16);
  if (s.size() > 10 && s[10] == 'T') s[10] = ' ';
  return s;
}

std::optional<double> median_of(const RecordedArm& a, const std::string& metric) {
  for (const RecordedMetric& m : a.metrics)
    if (m.key == metric && !m.values.empty()) return stats::median(m.values);
  return std::nullopt;
}

}  // namespace

std::vector<MetricTrend> scenario_trends(const NightRecord& night, const std::string& scenario,
                                         const std::vector<NightRecord>& history, std::size_t last_nights) {
  const RecordedScenario* here = nullptr;
  for (const RecordedScenario& s : night.scenarios)
    if (s.name == scenario) here = &s;
  if (!here) return {};
  std::vector<const NightRecord*> nights;
  for (const NightRecord& r : history)
    if (r.id != night.id && r.night == night.night && r.machine == night.machine && good_night(r) &&
        std::tie(r.started, r.id) < std::tie(night.started, night.id))
      nights.push_back(&r);
  if (nights.size() > last_nights) nights.erase(nights.begin(), nights.end() - static_cast<std::ptrdiff_t>(last_nights));
  std::vector<MetricTrend> out;
  for (const std::string& metric : trend_metrics())
    for (const RecordedArm& arm : here->arms) {
      MetricTrend t{metric, arm.arm, {}};
      for (const NightRecord* r : nights)
        if (const RecordedArm* a = arm_in(*r, *here, arm.arm))
          if (auto v = median_of(*a, metric)) t.points.push_back({night_label(*r), *v});
      if (!t.points.empty()) out.push_back(std::move(t));
    }
  return out;
}

}  // namespace irqlab
