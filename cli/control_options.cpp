#include "control_options.h"

#include <sched.h>

#include <iostream>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"

namespace irqlab::cli {

namespace {

// The CPUs irqlab is pinned to, when it is pinned (narrower than the online
// set): taking one of them offline would move the harness itself.
CpuSet pinned_cpus(const Machine& m) {
  CpuSet out;
  if (m.root != "/") return out;
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return out;
  for (int cpu : m.online_cpus)
    if (CPU_ISSET(cpu, &set)) out.insert(cpu);
  if (out == m.online_cpus) out.clear();
  return out;
}

}  // namespace

ControlOptions ControlSettingsCli::resolve(const CpuSet& pinned) const {
  ControlOptions c;
  c.state_dir = resolve_state_dir(state_dir);
  c.settle = std::chrono::milliseconds(settle_ms);
  c.harness_cpus = pinned;
  if (!harness_cpus.empty()) {
    const auto cpus = harness_cpus_option(harness_cpus);
    c.harness_cpus.insert(cpus.begin(), cpus.end());
  }
  c.log = &std::cerr;
  return c;
}

void ControlSettingsCli::add_to(CLI::App& app) {
  app.add_option("--state-dir", state_dir,
                 "where the journal of changes lives (default: $IRQLAB_STATE_DIR, else <cache>/journal)");
  app.add_flag("--stop-irqbalance", stop_irqbalance, "stop irqbalance.service for the run, start it again after");
  app.add_option("--harness-cpus", harness_cpus, "CPUs the harness runs on, never taken offline (e.g. 0-1)");
  app.add_option("--settle-ms", settle_ms, "how long a written affinity may take to become effective (default: 1000)");
}

void ControlCliOptions::add_to(CLI::App& app) {
  system.add_to(app);
  settings.add_to(app);
  app.add_flag("--keep", keep, "leave the changes in place at exit (`irqlab restore` puts them back)");
  app.add_option("command", command, "command run while the changes are in place (after --)");
}

int run_controlled(const ControlCliOptions& o, const Machine& m, const std::function<void(ControlSession&)>& body) {
  if (!m.irqbalance_pids.empty() && !o.settings.stop_irqbalance)
    std::cerr << "irqlab: warning: irqbalance (pid " << m.irqbalance_pids.front()
              << ") runs and moves interrupts behind irqlab's back; --stop-irqbalance stops it for the run\n";
  KernelFileWriter writer;
  SystemdServices services;
  ControlSession session(m, o.settings.resolve(pinned_cpus(m)), writer, services);
  if (o.settings.stop_irqbalance && session.stop_irqbalance())
    std::cerr << "irqlab: stopped " << kIrqbalanceUnit << " for the run\n";
  body(session);
  std::cout << std::flush;
  int status = 0;
  if (!o.command.empty()) {
    ProcessResult r = run_process(o.command);
    std::cout << r.output << std::flush;
    status = r.term_signal ? 128 + r.term_signal : r.exit_code;
  }
  if (o.keep)
    session.keep();
  else
    session.restore();
  throw_if_interrupted();  // a signal between steps: everything is back, say so
  return status;
}

}  // namespace irqlab::cli
