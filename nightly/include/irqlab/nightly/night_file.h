#pragma once
// A night: which scenarios run every night, in which modes, how often, and
// how much worse a metric may get before the gate fails. The file format
// ("key = value" lines, '#' comments) is described in nightly/nights/README.md.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/topology/managed_mode.h"

namespace irqlab {

// A metric family and how much worse it may get: "iops.*" 5 (%). A pattern
// is a results.json key, or a prefix ending in '*'.
struct GateThreshold {
  std::string pattern;
  double percent = 0;
  std::string source;  // "file:line", or "default"
};

struct Night {
  std::string name;
  std::string description;
  std::vector<std::string> scenarios;  // names (scenario/scenarios) or files
  std::vector<ManagedMode> modes;      // empty: each scenario's own
  unsigned repetitions = 0;            // 0: each scenario's own
  std::string preset;                  // empty: each scenario's own
  double alpha = 0.05;
  // The night file's thresholds first, then the defaults: 5 % for IOPS, 20 %
  // for drain stalls and move latency. The first pattern that matches wins.
  std::vector<GateThreshold> thresholds;
  std::string source;  // the file it was read from
  std::string text;    // as read, kept in the night directory
};

const std::vector<GateThreshold>& default_thresholds();

// Throws Error "<source>:<line>: ..." for an unknown or repeated key, a
// malformed value, an unknown mode or a night without scenarios.
Night parse_night(std::string_view text, const std::string& source);
// A name in dir ("short" -> dir/short.night) or a path to a file.
Night load_night(const std::string& name_or_path, const std::filesystem::path& dir);

// The night as a night file again, its scenarios replaced by `scenario_files`
// (for the reproducer bundle, where they are copied beside it); the default
// thresholds are left out, since parsing adds them.
std::string night_text(const Night& n, const std::vector<std::string>& scenario_files);

// The first threshold that matches a metric key, or nullopt.
std::optional<GateThreshold> threshold_for(const std::vector<GateThreshold>& thresholds, const std::string& metric);

}  // namespace irqlab
