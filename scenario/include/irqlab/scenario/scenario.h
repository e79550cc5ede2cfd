#pragma once
// A scenario: the fio load, the events injected while it runs, how long and
// how often, and the kernel modes to compare. The file format is described
// in scenario/scenarios/README.md; parse_scenario() checks everything that can
// be checked without the machine, plan_events() the rest.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/scenario/event_kind.h"
#include "irqlab/scenario/fio.h"
#include "irqlab/topology/machine.h"
#include "irqlab/topology/managed_mode.h"

namespace irqlab {

// What an event does. Targets that say "random" are drawn when the plan is
// made, from the scenario's seed, so one seed gives one schedule.
struct EventAction {
  enum class Kind { Move, Offline, Online, Cycle, Layout };
  Kind kind = Kind::Move;
  std::string queue;          // Move: "nvme0q1", or "random"
  std::string target;         // Move: CPU list "2-3", "node N", "local", "remote", "home" (its affinity at start), "random"
  std::string cpu;            // Offline/Online/Cycle: CPU number or "random"
  std::int64_t hold_ns = 0;   // Cycle: how long the CPU stays offline
  std::string layout;         // Layout: a layout name (irqlab layout --help)
};

struct EventRule {
  enum class When { At, Every, Random };
  When when = When::At;
  std::int64_t at_ns = 0;                 // At; Every/Random: from
  std::int64_t until_ns = 0;              // Every/Random: to (inclusive for Every)
  std::int64_t period_ns = 0;             // Every
  unsigned count = 0;                     // Random: how many
  EventAction action;
  std::string source;                     // "file:line" for messages
};

struct Scenario {
  std::string name;
  std::string description;
  std::string preset = "default";         // virtual lab topology
  std::vector<ManagedMode> modes{ManagedMode::Strict, ManagedMode::Spread, ManagedMode::Override};
  std::int64_t duration_ns = 10'000'000'000;
  unsigned repetitions = 1;
  std::uint64_t seed = 1;
  std::int64_t overhead_probe_ns = 0;     // fio untraced then traced for this long, before the run; 0: off
  double overhead_target_percent = 3;     // the probe's median IOPS loss must stay at or below this
  bool microbench = false;                // run the live Google Benchmark measurements after the run
  std::vector<std::string> trace_events;  // perf -e list; empty: default_trace_events()
  FioLoad fio;                            // runtime_s and filenames are set by the runner
  std::vector<std::string> fio_targets{"all"};  // namespaces ("nvme0n1", controller serial "irqlab1:n1") or "all"
  std::string fio_verify;                 // fio verify= for write loads ("crc32c"); empty: none
  std::int64_t fio_log_interval_ns = 100'000'000;
  std::vector<EventRule> events;
  std::string source;                     // path it was read from
  std::string text;                       // the file as read, kept in the run directory
};

// The tracepoints a run records when the scenario does not list its own;
// the runner drops those the kernel does not have (stock kernels lack the
// series' irq:irq_managed_move and block:block_mq_hctx_drain).
const std::vector<std::string>& default_trace_events();

// The most events the rules of one scenario may make once planned (a cycle
// counts once). The torture scenario makes a few hundred; every plan is held
// in memory and journaled, so a rule such as "every 1us" over minutes is
// refused while parsing, before it is expanded.
inline constexpr std::int64_t kMaxScenarioEvents = 100000;

// Throws Error "<file>:<line>: ..." for an unknown key, a malformed value, an
// event outside [0, duration] or a mode that does not exist.
Scenario parse_scenario(std::string_view text, const std::string& source);
Scenario read_scenario(const std::filesystem::path& file);

// A scenario by name from dir ("default" -> dir/default.scenario) or a path.
Scenario load_scenario(const std::string& name_or_path, const std::filesystem::path& dir);
std::vector<std::string> scenario_names(const std::filesystem::path& dir);

// One concrete injection.
struct PlannedEvent {
  using Kind = EventKind;       // event_kind.h: its values and their text
  Kind kind = Kind::Move;
  std::int64_t at_ns = 0;       // from the start of the load
  int irq = -1;                 // Move
  std::string queue;            // Move: "nvme0q1"
  CpuSet cpus;                  // Move: the new affinity
  int cpu = -1;                 // Offline/Online
  std::string layout;           // Layout
  std::string source;           // the rule's "file:line"
  std::string describe() const; // "move nvme0q1 -> 2-3", "offline cpu3", "layout remote"
};

// The schedule on machine m, sorted by time. harness_cpus are never taken
// offline. Random CPUs are drawn from the hotpluggable CPUs that are neither
// harness CPUs nor the first CPU of their node (so a node never loses its
// last CPU). Throws Error naming the rule for a CPU, queue or node that does
// not exist, a CPU that may not go offline, or a layout it cannot make.
std::vector<PlannedEvent> plan_events(const Scenario& s, const Machine& m, const CpuSet& harness_cpus);

// The fio load with its targets resolved on m (/dev/<namespace>) and its
// runtime set to the scenario's duration. Throws Error for a target that
// does not exist.
FioLoad resolve_fio_load(const Scenario& s, const Machine& m);

std::string format_duration(std::int64_t ns);  // "1.5s", "300ms", "12s"

}  // namespace irqlab
