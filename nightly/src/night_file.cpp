// The night file: "key = value" lines, each key once except "threshold".
#include "irqlab/nightly/night_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

std::optional<double> finite_number(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

// "iops.* 5%": a pattern and a percentage in (0, 1000].
GateThreshold parse_threshold(std::string_view value, const std::string& where) {
  const std::vector<std::string> words = split_whitespace(value);
  if (words.size() != 2 || words[1].size() < 2 || words[1].back() != '%')
    fail_at(where, "'threshold' wants a metric pattern and a percentage, such as 'iops.* 5%'");
  const std::string& pattern = words[0];
  const std::size_t star = pattern.find('*');
  if (star != std::string::npos && star + 1 != pattern.size())
    fail_at(where, "a threshold pattern may only end in '*': '" + pattern + "'");
  const auto percent = finite_number(std::string_view(words[1]).substr(0, words[1].size() - 1));
  if (!percent || *percent <= 0 || *percent > 1000)
    fail_at(where, "a threshold wants a percentage above 0 and at most 1000, not '" + words[1] + "'");
  return {pattern, *percent, where};
}

std::vector<std::string> word_list(std::string_view value, const std::string& where, const std::string& key) {
  std::vector<std::string> words = split_whitespace(value);
  if (words.empty()) fail_at(where, "'" + key + "' wants at least one name");
  if (words.size() > 32) fail_at(where, "'" + key + "' lists more than 32 names");
  for (std::size_t i = 0; i < words.size(); ++i)
    if (std::find(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(i), words[i]) !=
        words.begin() + static_cast<std::ptrdiff_t>(i))
      fail_at(where, "'" + key + "' lists '" + words[i] + "' twice");
  return words;
}

void set_value(Night& n, const std::string& key, std::string_view value, const std::string& where) {
  if (key == "name") {
    n.name = std::string(value);
    const bool plain = !n.name.empty() && n.name.size() <= 64 &&
                       std::all_of(n.name.begin(), n.name.end(), [](unsigned char c) {
                         return std::isalnum(c) || c == '-' || c == '_' || c == '.';
                       }) && n.name[0] != '.';
    if (!plain) fail_at(where, "'name' wants up to 64 letters, digits, '-', '_' or '.', not starting with '.'");
  } else if (key == "description") {
    n.description = std::string(value);
  } else if (key == "scenarios") {
    n.scenarios = word_list(value, where, key);
  } else if (key == "modes") {
    const std::vector<std::string> words = split_whitespace(value);
    if (words.empty() || words.size() > 8) fail_at(where, "'modes' wants 1 to 8 modes");
    n.modes = parse_modes(words, where);
  } else if (key == "repetitions") {
    const auto r = parse_int(value);
    if (!r || *r < 1 || *r > 100) fail_at(where, "'repetitions' wants a number from 1 to 100");
    n.repetitions = static_cast<unsigned>(*r);
  } else if (key == "preset") {
    n.preset = std::string(value);
  } else if (key == "alpha") {
    const auto a = finite_number(value);
    if (!a || *a <= 0 || *a >= 0.5) fail_at(where, "'alpha' wants a number above 0 and below 0.5");
    n.alpha = *a;
  } else {
    fail_at(where, "unknown key '" + key +
                    "' (keys: name, description, scenarios, modes, repetitions, preset, alpha, threshold)");
  }
}

}  // namespace

const std::vector<GateThreshold>& default_thresholds() {
  static const std::vector<GateThreshold> defaults = {
      {"iops.*", 5, "default"}, {"drain.*", 20, "default"}, {"move.*", 20, "default"}};
  return defaults;
}

Night parse_night(std::string_view text, const std::string& source) {
  Night n;
  n.source = source;
  n.text = std::string(text);
  std::map<std::string, std::size_t> seen;  // key -> line
  TextLines lines(text);
  std::string_view raw;
  while (lines.next(raw)) {
    const std::string where = source + ":" + std::to_string(lines.number());
    const std::string_view line = trim(raw.substr(0, raw.find('#')));
    if (line.empty()) continue;
    const std::size_t eq = line.find('=');
    if (eq == std::string_view::npos) fail_at(where, "expected 'key = value'");
    const std::string key(trim(line.substr(0, eq)));
    const std::string_view value = trim(line.substr(eq + 1));
    if (key == "threshold") {
      n.thresholds.push_back(parse_threshold(value, where));
      continue;
    }
    if (auto [it, fresh] = seen.emplace(key, lines.number()); !fresh)
      fail_at(where, "'" + key + "' is set twice (first on line " + std::to_string(it->second) + ")");
    set_value(n, key, value, where);
  }
  if (n.name.empty()) fail_at(source, "the night has no 'name'");
  if (n.scenarios.empty()) fail_at(source, "the night has no 'scenarios'");
  n.thresholds.insert(n.thresholds.end(), default_thresholds().begin(), default_thresholds().end());
  return n;
}

Night load_night(const std::string& name_or_path, const fs::path& dir) {
  const fs::path file = resolve_name_or_path(name_or_path, dir, ".night", "night");
  return parse_night(read_input_file(file, "night file", kTextInputLimit), file.string());
}

std::string night_text(const Night& n, const std::vector<std::string>& scenario_files) {
  auto joined = [](const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
  };
  std::string out = "name = " + n.name + "\n";
  if (!n.description.empty()) out += "description = " + n.description + "\n";
  out += "scenarios = " + joined(scenario_files) + "\n";
  if (!n.modes.empty()) out += "modes = " + mode_list(n.modes, " ") + "\n";
  if (n.repetitions) out += "repetitions = " + std::to_string(n.repetitions) + "\n";
  if (!n.preset.empty()) out += "preset = " + n.preset + "\n";
  char alpha[32];
  std::snprintf(alpha, sizeof alpha, "%.17g", n.alpha);
  out += std::string("alpha = ") + alpha + "\n";
  for (const GateThreshold& t : n.thresholds) {
    if (t.source == "default") continue;
    char percent[32];
    std::snprintf(percent, sizeof percent, "%.17g", t.percent);
    out += "threshold = " + t.pattern + " " + percent + "%\n";
  }
  return out;
}

std::optional<GateThreshold> threshold_for(const std::vector<GateThreshold>& thresholds, const std::string& metric) {
  for (const GateThreshold& t : thresholds) {
    const bool prefix = !t.pattern.empty() && t.pattern.back() == '*';
    if (prefix ? starts_with(metric, std::string_view(t.pattern).substr(0, t.pattern.size() - 1)) : metric == t.pattern)
      return t;
  }
  return std::nullopt;
}

}  // namespace irqlab
