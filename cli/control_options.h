#pragma once
// What every command that changes the machine shares: the journal's state
// dir, --stop-irqbalance, the harness CPUs and the settle time (also taken by
// `scenario run`), and for the interactive commands --keep and an optional
// command run while the changes are in place.
#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "irqlab/control/control_session.h"
#include "options.h"

namespace irqlab::cli {

struct ControlSettingsCli {
  std::string state_dir;
  bool stop_irqbalance = false;
  std::string harness_cpus;
  unsigned settle_ms = 1000;

  void add_to(CLI::App& app);
  // The journal dir, the settle time, --harness-cpus plus `pinned`; logs to stderr.
  ControlOptions resolve(const CpuSet& pinned = {}) const;
};

struct ControlCliOptions {
  SystemOptions system;
  ControlSettingsCli settings;
  bool keep = false;
  std::vector<std::string> command;

  void add_to(CLI::App& app);
};

// Opens a control session on m, runs body (the changes), then the command if
// any, then restores (or keeps with --keep). Returns the command's exit
// status (0 without a command). Unwinding restores too.
int run_controlled(const ControlCliOptions& o, const Machine& m, const std::function<void(ControlSession&)>& body);

}  // namespace irqlab::cli
