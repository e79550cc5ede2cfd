// The scenario file: "key = value" lines, '#' comments, one event per
// "event =" line. Everything that does not need the machine is checked here.
#include <algorithm>
#include <cmath>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// The longest duration a scenario may name. No run lasts a year, and with
// every duration below it, a time plus a hold never overflows int64 ns.
constexpr double kMaxDurationNs = 365.0 * 24 * 3600 * 1e9;
constexpr const char* kMaxDurationText = "8760h (a year)";

// Nanoseconds, not yet rounded or bounded; nullopt when s is not a duration.
std::optional<double> parse_duration(std::string_view s) {
  s = trim(s);
  std::size_t unit_at = 0;
  while (unit_at < s.size() && (std::isdigit(static_cast<unsigned char>(s[unit_at])) || s[unit_at] == '.')) ++unit_at;
  if (unit_at == 0) return std::nullopt;
  const auto value = parse_number<double>(s.substr(0, unit_at));
  if (!value) return std::nullopt;
  const std::string_view unit = s.substr(unit_at);
  double scale = 0;
  if (unit == "s") scale = 1e9;
  else if (unit == "ms") scale = 1e6;
  else if (unit == "us") scale = 1e3;
  else if (unit == "m" || unit == "min") scale = 60e9;
  else if (unit == "h") scale = 3600e9;
  else return std::nullopt;
  return *value * scale;
}

// A duration of at most kMaxDurationNs, or an Error "<where>: <what> wants ...".
std::int64_t bounded_duration(std::string_view text, const std::string& where, const std::string& what,
                              const std::string& example) {
  const auto ns = parse_duration(text);
  if (!ns) fail_at(where, what + " wants a duration such as " + example + ", not '" + std::string(trim(text)) + "'");
  if (!(*ns <= kMaxDurationNs))
    fail_at(where, what + " wants at most " + kMaxDurationText + ", not '" + std::string(trim(text)) + "'");
  return static_cast<std::int64_t>(std::llround(*ns));
}

std::int64_t duration_value(std::string_view v, const std::string& where, const std::string& key) {
  return bounded_duration(v, where, "'" + key + "'", "500ms, 12s or 10m");
}

unsigned unsigned_value(std::string_view v, const std::string& where, const std::string& key, unsigned min,
                        unsigned max) {
  auto n = parse_int(trim(v));
  if (!n || *n < min || *n > max)
    fail_at(where, "'" + key + "' wants a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                    ", not '" + std::string(trim(v)) + "'");
  return static_cast<unsigned>(*n);
}

double percent_value(std::string_view v, const std::string& where, const std::string& key) {
  std::string_view t = trim(v);
  if (!t.empty() && t.back() == '%') t.remove_suffix(1);
  const auto value = parse_number<double>(t);
  if (!value || *value <= 0 || *value > 100)
    fail_at(where, "'" + key + "' wants a percentage above 0 and at most 100 such as 3%, not '" +
                    std::string(trim(v)) + "'");
  return *value;
}

bool bool_value(std::string_view v, const std::string& where, const std::string& key) {
  const std::string_view t = trim(v);
  if (t == "yes" || t == "true" || t == "on") return true;
  if (t == "no" || t == "false" || t == "off") return false;
  fail_at(where, "'" + key + "' wants yes or no, not '" + std::string(t) + "'");
}

// Run directories and reports carry the name: one word of letters, digits,
// '.', '_' and '-' that does not start with a dot ("../x" would climb out
// of a results directory; a NUL would cut the path short).
std::string name_value(std::string_view v, const std::string& where) {
  constexpr std::string_view kNameChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
  constexpr std::size_t kMaxNameLength = 64;
  if (v.find_first_not_of(kNameChars) != std::string_view::npos || v.front() == '.' || v.size() > kMaxNameLength)
    fail_at(where, "'name' wants one word of letters, digits, '.', '_' and '-' (not starting with '.', at most " +
                    std::to_string(kMaxNameLength) + " characters), not '" + printable(v) + "'");
  return std::string(v);
}

// Words of an event line, consumed left to right.
class Words {
 public:
  Words(std::string_view text, std::string where) : words_(split_whitespace(text)), where_(std::move(where)) {}
  bool done() const { return i_ >= words_.size(); }
  const std::string& peek() const {
    static const std::string none;
    return done() ? none : words_[i_];
  }
  std::string next(const std::string& what) {
    if (done()) fail_at(where_, "event ends where " + what + " should follow");
    return words_[i_++];
  }
  void expect(const std::string& word) {
    std::string w = next("'" + word + "'");
    if (w != word) fail_at(where_, "event: expected '" + word + "', found '" + w + "'");
  }
  std::int64_t duration(const std::string& what) {
    std::string w = next(what);
    return bounded_duration(w, where_, "event: " + what, "500ms or 3s");
  }
  std::string rest() {
    std::string out;
    while (!done()) out += (out.empty() ? "" : " ") + words_[i_++];
    return out;
  }

 private:
  std::vector<std::string> words_;
  std::size_t i_ = 0;
  std::string where_;
};

// "random" or a CPU id up to kMaxCpuId: an id that would wrap in an int
// (4294967297 is 1) must not reach the plan.
void check_cpu_word(const std::string& w, const std::string& where) {
  if (w == "random") return;
  const auto id = parse_int(w);
  if (!id || *id < 0) fail_at(where, "event: '" + w + "' is not a CPU number or random");
  if (*id > kMaxCpuId) fail_at(where, "event: " + above_limit("CPU", *id, kMaxCpuId));
}

void check_move_target(const std::string& target, const std::string& where) {
  if (target == "local" || target == "remote" || target == "home" || target == "random") return;
  if (starts_with(target, "node ")) {
    const auto id = parse_int(target.substr(5));
    if (id && *id > kMaxNodeId) fail_at(where, "event: " + above_limit("node", *id, kMaxNodeId));
    if (id && *id >= 0) return;
  }
  if (!valid_cpu_list(target))
    fail_at(where, "event: " + cpu_list_problem(target, "move target '" + target +
                                                         "' is not a CPU list, node N, local, remote, home or random"));
}

EventAction parse_action(Words& w, const std::string& where) {
  EventAction a;
  const std::string verb = w.next("an action (move, offline, online, cycle, layout)");
  if (verb == "move") {
    a.kind = EventAction::Kind::Move;
    a.queue = w.next("a queue (nvme0q1, irqlab0:q1 or random)");
    w.expect("to");
    a.target = w.rest();
    if (a.target.empty()) fail_at(where, "event: 'move' wants a target: a CPU list, node N, local, remote, home or random");
    check_move_target(a.target, where);
  } else if (verb == "offline" || verb == "online" || verb == "cycle") {
    a.kind = verb == "offline" ? EventAction::Kind::Offline
             : verb == "online" ? EventAction::Kind::Online
                                : EventAction::Kind::Cycle;
    w.expect("cpu");
    a.cpu = w.next("a CPU number or random");
    check_cpu_word(a.cpu, where);
    if (a.kind == EventAction::Kind::Cycle) {
      w.expect("for");
      a.hold_ns = w.duration("the time offline");
      if (a.hold_ns <= 0) fail_at(where, "event: a cycle keeps the CPU offline for a positive time");
    }
  } else if (verb == "layout") {
    a.kind = EventAction::Kind::Layout;
    a.layout = w.next("a layout name");
  } else {
    fail_at(where, "event: unknown action '" + verb + "' (move, offline, online, cycle, layout)");
  }
  if (!w.done()) fail_at(where, "event: unexpected '" + w.peek() + "' after the action");
  return a;
}

EventRule parse_event(std::string_view text, const std::string& where) {
  Words w(text, where);
  EventRule r;
  r.source = where;
  const std::string when = w.next("at, every or random");
  if (when == "at") {
    r.when = EventRule::When::At;
    r.at_ns = w.duration("the time");
  } else if (when == "every") {
    r.when = EventRule::When::Every;
    r.period_ns = w.duration("the period");
    if (r.period_ns <= 0) fail_at(where, "event: the period must be positive");
    w.expect("from");
    r.at_ns = w.duration("the start");
    w.expect("to");
    r.until_ns = w.duration("the end");
  } else if (when == "random") {
    r.when = EventRule::When::Random;
    const std::string n = w.next("how many");
    auto count = parse_int(n);
    if (!count || *count < 1 || *count > static_cast<std::int64_t>(kMaxScenarioEvents))
      fail_at(where, "event: 'random' wants a count from 1 to " + std::to_string(kMaxScenarioEvents) + ", not '" + n + "'");
    r.count = static_cast<unsigned>(*count);
    w.expect("from");
    r.at_ns = w.duration("the start");
    w.expect("to");
    r.until_ns = w.duration("the end");
  } else {
    fail_at(where, "event: a rule starts with at, every or random, not '" + when + "'");
  }
  if (r.when != EventRule::When::At && r.until_ns < r.at_ns) fail_at(where, "event: the end comes before the start");
  r.action = parse_action(w, where);
  return r;
}

std::vector<std::string> list_value(std::string_view v) { return split_whitespace(v); }

// Each known mode at most once: an arm per mode, so a mode given twice would
// be compared with itself without saying so (--modes M,M is the A/A run).
std::vector<ManagedMode> modes_value(std::string_view v, const std::string& where) {
  const std::vector<ManagedMode> modes = parse_modes(list_value(v), where);
  for (auto it = modes.begin(); it != modes.end(); ++it)
    if (std::find(modes.begin(), it, *it) != it) fail_at(where, "'modes' lists '" + to_text(*it) + "' twice");
  return modes;
}

// How many times a rule fires once planned (a cycle counts once).
std::int64_t firings(const EventRule& r) {
  switch (r.when) {
    case EventRule::When::At: return 1;
    case EventRule::When::Every: return (r.until_ns - r.at_ns) / r.period_ns + 1;
    case EventRule::When::Random: return r.count;
  }
  return 0;
}

// Rules are expanded only when planned: refusing here, from their counts,
// keeps "every 1us" over a long run from growing the plan to gigabytes.
void check_event_count(const std::vector<EventRule>& rules) {
  const std::string limit = std::to_string(kMaxScenarioEvents);
  std::int64_t total = 0;
  for (const EventRule& r : rules) {
    const std::int64_t n = firings(r);
    if (n > kMaxScenarioEvents)
      fail_at(r.source, "event: the rule makes " + std::to_string(n) + " events, more than the limit of " + limit);
    total += n;
    if (total > kMaxScenarioEvents)
      fail_at(r.source, "event: the rules up to this one make " + std::to_string(total) +
                         " events, more than the limit of " + limit);
  }
}

}  // namespace

const std::vector<std::string>& default_trace_events() {
  static const std::vector<std::string> events{
      "irq:irq_handler_entry",           "irq:irq_managed_move",          "block:block_mq_hctx_drain",
      "irq_vectors:vector_update",       "irq_vectors:vector_reserve_managed",
      "irq_vectors:vector_alloc_managed", "cpuhp:cpuhp_enter",            "cpuhp:cpuhp_exit"};
  return events;
}

std::string format_duration(std::int64_t ns) {
  auto fmt = [](double v, const char* unit) {
    char buf[32];
    if (v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f%s", v, unit);
    else std::snprintf(buf, sizeof buf, "%.3g%s", v, unit);
    return std::string(buf);
  };
  if (ns != 0 && ns % 1'000'000'000 != 0 && std::llabs(ns) < 1'000'000'000) return fmt(ns / 1e6, "ms");
  return fmt(ns / 1e9, "s");
}

namespace {

// A fio.* key of a scenario, into s.fio and its neighbours.
void fio_value(Scenario& s, const std::string& key, std::string_view value, const std::string& where) {
  if (key == "fio.rw") {
    static const std::vector<std::string> rws{"read", "randread", "write", "randwrite", "rw", "randrw"};
    if (std::find(rws.begin(), rws.end(), value) == rws.end())
      fail_at(where, "'fio.rw' must be one of read, randread, write, randwrite, rw, randrw");
    s.fio.rw = value;
  } else if (key == "fio.bs") {
    auto bs = parse_size(value);
    if (!bs || *bs < 512 || *bs > (16u << 20) || *bs % 512) fail_at(where, "'fio.bs' wants a size such as 4k (512 bytes to 16M, a multiple of 512)");
    s.fio.block_size = static_cast<unsigned>(*bs);
  } else if (key == "fio.rate-iops") s.fio.rate_iops = unsigned_value(value, where, key, 1, 100'000'000);
  else if (key == "fio.iodepth") s.fio.iodepth = unsigned_value(value, where, key, 1, 4096);
  else if (key == "fio.numjobs") s.fio.numjobs = unsigned_value(value, where, key, 1, 256);
  else if (key == "fio.ioengine") {
    if (value != "io_uring" && value != "libaio" && value != "psync" && value != "sync" && value != "pvsync2")
      fail_at(where, "'fio.ioengine' must be io_uring, libaio, psync, pvsync2 or sync");
    s.fio.ioengine = value;
  } else if (key == "fio.direct") s.fio.direct = bool_value(value, where, key);
  else if (key == "fio.targets") s.fio_targets = list_value(value);
  else if (key == "fio.size") {
    auto size = parse_size(value);
    if (!size || *size == 0) fail_at(where, "'fio.size' wants a size such as 256M");
    s.fio.size_bytes = *size;
  } else if (key == "fio.verify") {
    if (value != "none" && value != "crc32c" && value != "md5" && value != "sha256" && value != "xxhash")
      fail_at(where, "'fio.verify' must be none, crc32c, md5, sha256 or xxhash");
    s.fio_verify = value == "none" ? "" : std::string(value);
  } else if (key == "fio.log-interval") {
    s.fio_log_interval_ns = duration_value(value, where, key);
    if (s.fio_log_interval_ns < 1'000'000 || s.fio_log_interval_ns % 1'000'000)
      fail_at(where, "'fio.log-interval' must be a whole number of milliseconds, at least 1ms");
  } else {
    fail_at(where, "unknown key '" + key + "'");
  }
}

}  // namespace

Scenario parse_scenario(std::string_view text, const std::string& source) {
  Scenario s;
  s.source = source;
  s.text = std::string(text);
  s.name = fs::path(source).stem().string();
  std::string fio_size;
  int line_no = 0;
  bool duration_seen = false;
  std::map<std::string, int> first_line_of_key;  // every key but "event" is said once
  for (const std::string& raw : split(text, '\n')) {
    ++line_no;
    throw_if_interrupted();
    const std::string where = source + ":" + std::to_string(line_no);
    std::string_view line = raw;
    if (auto hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const auto eq = line.find('=');
    if (eq == std::string_view::npos) fail_at(where, "expected 'key = value', found '" + std::string(line) + "'");
    const std::string key(trim(line.substr(0, eq)));
    const std::string_view value = trim(line.substr(eq + 1));
    if (value.empty()) fail_at(where, "'" + key + "' has no value");
    if (key != "event") {
      const auto [first, inserted] = first_line_of_key.emplace(key, line_no);
      if (!inserted) fail_at(where, "duplicate key '" + key + "' (first at line " + std::to_string(first->second) + ")");
    }
    if (key == "name") s.name = name_value(value, where);
    else if (key == "description") s.description = value;
    else if (key == "preset") s.preset = value;
    else if (key == "modes") s.modes = modes_value(value, where);
    else if (key == "duration") {
      s.duration_ns = duration_value(value, where, key);
      if (s.duration_ns < 1'000'000'000) fail_at(where, "'duration' must be at least 1s");
      duration_seen = true;
    } else if (key == "repetitions") s.repetitions = unsigned_value(value, where, key, 1, 1000);
    else if (key == "seed") s.seed = unsigned_value(value, where, key, 0, 4'000'000'000u);
    else if (key == "overhead-probe") s.overhead_probe_ns = duration_value(value, where, key);
    else if (key == "overhead-target") s.overhead_target_percent = percent_value(value, where, key);
    else if (key == "microbench") s.microbench = bool_value(value, where, key);
    else if (key == "trace") s.trace_events = list_value(value);
    else if (starts_with(key, "fio.")) fio_value(s, key, value, where);
    else if (key == "event") s.events.push_back(parse_event(value, where));
    else fail_at(where, "unknown key '" + key + "'");
  }
  if (!duration_seen) fail_at(source, "no 'duration' (e.g. duration = 12s)");
  if (s.modes.empty()) fail_at(source, "'modes' lists no mode");
  if (!s.fio_verify.empty() && fio_load_is_read_only(s.fio))
    fail_at(source, "'fio.verify' needs a write load (fio.rw = write, randwrite, rw or randrw)");
  s.fio.runtime_s = static_cast<unsigned>((s.duration_ns + 999'999'999) / 1'000'000'000);
  for (const EventRule& r : s.events) {
    std::int64_t last = r.when == EventRule::When::At ? r.at_ns : r.until_ns;
    if (r.action.kind == EventAction::Kind::Cycle) last += r.action.hold_ns;
    if (r.at_ns < 0 || last > s.duration_ns)
      fail_at(r.source, "event at " + format_duration(last) + " lies outside the run (duration " +
                         format_duration(s.duration_ns) + ")");
  }
  check_event_count(s.events);
  return s;
}

Scenario read_scenario(const fs::path& file) {
  return parse_scenario(read_input_file(file, "scenario file", kTextInputLimit), file.string());
}

std::vector<std::string> scenario_names(const fs::path& dir) { return names_in(dir, ".scenario"); }

Scenario load_scenario(const std::string& name_or_path, const fs::path& dir) {
  return read_scenario(resolve_name_or_path(name_or_path, dir, ".scenario", "scenario"));
}

}  // namespace irqlab
