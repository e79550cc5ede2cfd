// irqlab device check NAME: may a workload use this namespace? The same
// check every load runs before it touches a device.
#include <iostream>
#include <memory>

#include "irqlab/topology/device_safety.h"
#include "options.h"

namespace irqlab::cli {

void add_device_subcommand(CLI::App& app) {
  auto* device = app.add_subcommand("device", "device safety for workloads");
  device->require_subcommand(1);
  auto* check = device->add_subcommand(
      "check",
      "refuse a namespace in use (mounted, partition in use, swap, holder) or, for writes, not marked scratch");
  struct Options {
    SystemOptions system;
    std::string name;
    DeviceSafetyOptions safety;
  };
  auto o = std::make_shared<Options>();
  check->add_option("namespace", o->name, "nvme0n1 or /dev/nvme0n1")->required();
  check->add_flag("--write", o->safety.write, "the workload writes");
  check->add_flag("--allow-in-use", o->safety.allow_in_use, "read from a namespace in use anyway (never write)");
  check->add_option("--scratch", o->safety.scratch,
                    "a device marked scratch (namespace, /dev path or controller serial); repeatable; also "
                    "$IRQLAB_SCRATCH, comma-separated");
  o->system.add_to(*check);
  check->callback([o] {
    DeviceSafetyOptions safety = o->safety;
    for (const std::string& s : scratch_from_environment()) safety.scratch.push_back(s);
    Machine m = discover(o->system.resolve());
    const NvmeNamespace& ns = check_workload_device(m, o->name, safety);
    std::cout << ns.name << ": ok for " << (safety.write ? "write" : "read") << " workloads"
              << (ns.in_use.empty() ? "" : " (in use, allowed for reads by --allow-in-use)") << "\n";
  });
}

}  // namespace irqlab::cli
