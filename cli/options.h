#pragma once
// Options shared by the subcommands, and where irqlab finds its data.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "irqlab/kernel/pipeline.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/topology/managed_mode.h"

namespace irqlab::cli {

// The source tree's data (presets, the series); set at build time.
std::filesystem::path source_dir();
std::filesystem::path presets_dir();
// The directory of the running irqlab binary (the guest runs it too).
std::filesystem::path irqlab_binary_dir();

struct KernelOptions {
  std::string source;                    // --kernel-source
  std::string source_ref;                // --kernel-ref
  std::string patches_dir;               // --patches
  std::vector<std::string> fragments;    // --config-fragment
  std::string cache_dir;                 // --cache-dir
  unsigned jobs = 0;
  bool rebuild = false;

  void add_to(CLI::App& app);                // every option: kernel build, lab, run
  void add_series_options_to(CLI::App& app); // --patches, --cache-dir, --jobs
  KernelBuildOptions resolve() const;
  // The options as given, for a reproducer's command line.
  std::vector<std::string> as_arguments() const;
};

// --root and --hwloc-xml: which system discovery and control look at.
struct SystemOptions {
  std::string root;
  std::string hwloc_xml;

  void add_to(CLI::App& app);
  DiscoveryOptions resolve() const;
};

// --append and --timeout of the commands that boot one lab guest per mode and
// repetition (run, nightly), and how a reproducer spells them again.
struct GuestBootOptions {
  std::string append;     // more kernel parameters, after irq_managed=<mode>
  unsigned timeout_s = 0;  // 0: the scenario's duration + 300 s

  void add_to(CLI::App& app, const std::string& scope = "");  // scope prefixes the help: "virtual: "
  std::vector<std::string> as_arguments() const;
  // What each mode's guests get on their command line from irqlab.
  std::vector<std::string> guest_cmdlines(const std::vector<ManagedMode>& modes) const;
};

// --harness-cpus: the CPUs, or an Error that names the option and the reason.
std::set<int> harness_cpus_option(const std::string& text);

void add_kernel_subcommand(CLI::App& app, bool& verbose);
void add_lab_subcommand(CLI::App& app, bool& verbose);
void add_run_subcommand(CLI::App& app, bool& verbose);
void add_topology_subcommand(CLI::App& app);
void add_layout_subcommand(CLI::App& app);
void add_control_subcommands(CLI::App& app);  // irq, cpu, restore
void add_device_subcommand(CLI::App& app);
void add_scenario_subcommand(CLI::App& app);
void add_nightly_subcommand(CLI::App& app, bool& verbose);
void add_compare_subcommands(CLI::App& app);  // compare, history
void add_lava_subcommand(CLI::App& app, bool& verbose);

}  // namespace irqlab::cli
