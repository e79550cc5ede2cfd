// irqlab irq set | cpu offline|online | restore: one change at a time, each
// journaled before it is made and put back at exit (unless --keep), and the
// replay of a journal left by a run that did not finish.
#include <cstdio>
#include <iostream>
#include <memory>

#include "control_options.h"
#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/control/restore.h"

namespace irqlab::cli {

namespace {

struct IrqSetOptions {
  ControlCliOptions control;
  int irq = -1;
  std::string cpus;
};

int irq_set(const IrqSetOptions& o) {
  auto cpus = parse_cpu_list(o.cpus);
  if (!cpus || cpus->empty()) throw Error(cpu_list_problem(o.cpus, "'" + o.cpus + "' is not a CPU list (e.g. 0-3,8)"));
  Machine m = discover(o.control.system.resolve());
  for (int cpu : *cpus)
    if (!m.present_cpus.count(cpu))
      throw Error("CPU " + std::to_string(cpu) + " does not exist (CPUs " + format_cpu_list(m.present_cpus) + ")");
  return run_controlled(o.control, m, [&](ControlSession& session) {
    IrqMove move = session.move_irq(o.irq, *cpus);
    const std::string label = "irq " + std::to_string(o.irq) + (move.name.empty() ? "" : " (" + move.name + ")");
    // One interrupt asked for by hand: a refusal is this command's failure.
    if (move.status == IrqMove::Status::Refused || move.status == IrqMove::Status::Skipped)
      throw Error(label + ": " + move.outcome);
    std::printf("%s: %s (affinity %s, effective %s)\n", label.c_str(), move.outcome.c_str(),
                format_cpu_list(move.after).c_str(), format_cpu_list(move.effective_after).c_str());
  });
}

struct CpuOptions {
  ControlCliOptions control;
  std::string cpus;  // one CPU list, so that a command after -- is not taken for CPUs
};

int cpu_change(const CpuOptions& o, bool online) {
  auto cpus = parse_cpu_list(o.cpus);
  if (!cpus || cpus->empty()) throw Error(cpu_list_problem(o.cpus, "'" + o.cpus + "' is not a CPU list (e.g. 3 or 2-3)"));
  Machine m = discover(o.control.system.resolve());
  return run_controlled(o.control, m, [&](ControlSession& session) {
    for (int cpu : *cpus) {
      throw_if_interrupted();
      CpuChange c = session.set_cpu_online(cpu, online);
      if (c.changed)
        std::printf("CPU %d: %s (%.1f ms)\n", cpu, online ? "online" : "offline", c.ms);
      else
        std::printf("CPU %d: already %s\n", cpu, online ? "online" : "offline");
    }
  });
}

}  // namespace

void add_control_subcommands(CLI::App& app) {
  auto* irq = app.add_subcommand("irq", "set an interrupt's affinity (journaled, put back at exit)");
  irq->require_subcommand(1);
  auto* set = irq->add_subcommand("set", "write /proc/irq/IRQ/smp_affinity_list and verify the effective affinity");
  auto so = std::make_shared<IrqSetOptions>();
  set->add_option("irq", so->irq, "interrupt number")->required()->check(CLI::NonNegativeNumber);
  set->add_option("cpus", so->cpus, "CPU list, e.g. 2-3")->required();
  so->control.add_to(*set);
  set->callback([so] {
    if (int status = irq_set(*so)) throw CLI::RuntimeError(status);
  });

  auto* cpu = app.add_subcommand("cpu", "take CPUs offline or bring them online (journaled, put back at exit)");
  cpu->require_subcommand(1);
  for (bool online : {false, true}) {
    auto* sub = cpu->add_subcommand(online ? "online" : "offline",
                                    online ? "bring CPUs online" : "take CPUs offline (never the boot CPU, a node's "
                                                                   "last online CPU or a harness CPU)");
    auto co = std::make_shared<CpuOptions>();
    sub->add_option("cpus", co->cpus, "CPU list, e.g. 3 or 2-3")->required();
    co->control.add_to(*sub);
    sub->callback([co, online] {
      if (int status = cpu_change(*co, online)) throw CLI::RuntimeError(status);
    });
  }

  auto* restore = app.add_subcommand("restore", "put back every change of a journal left by a run that did not finish");
  auto state_dir = std::make_shared<std::string>();
  restore->add_option("--state-dir", *state_dir,
                      "where the journal lives (default: $IRQLAB_STATE_DIR, else <cache>/journal)");
  restore->callback([state_dir] {
    KernelFileWriter writer;
    SystemdServices services;
    restore_journal(resolve_state_dir(*state_dir), writer, services, std::cout);
  });
}

}  // namespace irqlab::cli
