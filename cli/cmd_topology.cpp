// irqlab topology [capture DIR]: what this machine (or a captured fixture)
// is: NUMA nodes, NVMe controllers, their queue interrupts and affinities.
#include <iostream>
#include <memory>

#include "irqlab/topology/capture.h"
#include "irqlab/topology/discovery.h"
#include "irqlab/topology/topology_report.h"
#include "options.h"

namespace irqlab::cli {

void SystemOptions::add_to(CLI::App& app) {
  app.add_option("--root", root, "read /proc and /sys under this directory, e.g. a captured fixture (default: /)");
  app.add_option("--hwloc-xml", hwloc_xml,
                 "hwloc topology XML to use instead of the live one (default: live, or ROOT/hwloc.xml)");
}

DiscoveryOptions SystemOptions::resolve() const {
  DiscoveryOptions o;
  o.root = root.empty() ? "/" : root;
  o.hwloc_xml = hwloc_xml;
  return o;
}

void add_topology_subcommand(CLI::App& app) {
  auto* topo = app.add_subcommand("topology", "NUMA nodes, NVMe controllers, queue interrupts and their affinity");
  topo->require_subcommand(0, 1);
  auto sys = std::make_shared<SystemOptions>();
  auto json = std::make_shared<bool>(false);
  sys->add_to(*topo);
  topo->add_flag("--json", *json, "print JSON (schema irqlab-topology, see topology/json-schema.md)");

  auto* capture = topo->add_subcommand("capture", "copy what discovery reads, and the hwloc XML, into DIR");
  auto dir = std::make_shared<std::string>();
  capture->add_option("dir", *dir, "directory to create (must be empty or absent)")->required();
  capture->callback([sys, dir] {
    CaptureResult r = capture_topology(sys->resolve(), *dir);
    std::cout << "captured " << r.files << " files of " << r.machine.kernel.release << " ("
              << r.machine.nodes.size() << " nodes, " << r.machine.controllers.size() << " NVMe controllers) into "
              << *dir << "\n";
  });

  topo->callback([topo, capture, sys, json] {
    if (capture->parsed()) return;
    Machine m = discover(sys->resolve());
    if (*json)
      std::cout << topology_json(m).dump(2) << "\n";
    else
      std::cout << topology_table(m);
  });
}

}  // namespace irqlab::cli
