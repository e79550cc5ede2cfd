// irqlab layout NAME: print a layout plan, or apply it (--apply), verify the
// effective affinities, and put everything back at exit.
#include <iostream>
#include <memory>

#include "control_options.h"
#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/control/layout_apply.h"
#include "irqlab/layout/layout.h"

namespace irqlab::cli {

namespace {

struct LayoutOptions {
  ControlCliOptions control;
  LayoutRequest request;
  int node = -1;
  int cpu = -1;
  bool json = false;
  bool apply = false;
};

int layout_command(LayoutOptions& o) {
  if (o.node >= 0) o.request.node = o.node;
  if (o.cpu >= 0) o.request.cpu = o.cpu;
  if (!o.apply && (!o.control.command.empty() || o.control.keep || o.control.settings.stop_irqbalance))
    throw Error("--keep, --stop-irqbalance and a command need --apply");
  Machine m = discover(o.control.system.resolve());
  LayoutPlan plan = make_layout(m, o.request);
  if (!o.apply) {
    std::cout << (o.json ? layout_plan_json(plan).dump(2) + "\n" : layout_plan_table(plan));
    return 0;
  }
  return run_controlled(o.control, m, [&](ControlSession& session) {
    LayoutReport report = apply_layout(session, plan);
    std::cout << (o.json ? layout_report_json(report).dump(2) + "\n" : layout_report_table(report));
  });
}

}  // namespace

void add_layout_subcommand(CLI::App& app) {
  std::string names;
  for (const std::string& n : layout_names()) names += (names.empty() ? "" : ", ") + n;
  auto* layout = app.add_subcommand(
      "layout", "plan a NUMA layout of NVMe queue interrupts (" + names + ", or a file); --apply applies it");
  auto o = std::make_shared<LayoutOptions>();
  layout->add_option("name", o->request.name, "layout name (" + names + ") or layout file path")->required();
  layout->add_option("--controller", o->request.controllers,
                     "controller by kernel name, serial or PCI address; repeatable (default: all)");
  // Checked: -1 means "not given", so a negative value would be ignored.
  layout->add_option("--node", o->node, "the node of the 'node' layout")->check(CLI::Range(0, kMaxNodeId));
  layout->add_option("--cpu", o->cpu, "the CPU of the 'single' layout")->check(CLI::Range(0, kMaxCpuId));
  layout->add_flag("--json", o->json, "print JSON (schemas irqlab-layout / irqlab-layout-report)");
  layout->add_flag("--apply", o->apply, "write the affinities, verify them, report; put them back at exit");
  o->control.add_to(*layout);
  layout->callback([o] {
    int status = layout_command(*o);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace irqlab::cli
