// irqlab scenario: list, check, run (on the machine under test: a lab guest
// or a lab machine booted with the kernel to measure) and report (metrics
// and the mode table, results.json, report.md and report.html from run
// directories, wherever they were recorded).
#include <iostream>
#include <map>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/control/journal.h"
#include "irqlab/metrics/metrics.h"
#include "irqlab/results/comparison.h"
#include "irqlab/results/report.h"
#include "irqlab/results/report_files.h"
#include "irqlab/scenario/runner.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/topology/discovery.h"
#include "control_options.h"
#include "options.h"
#include "scenario_cli.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

fs::path scenarios_dir() { return source_dir() / "scenario" / "scenarios"; }

fs::path microbench_binary() { return irqlab_binary_dir() / "bench" / "irqlab-microbench"; }

namespace {

struct ScenarioRunCli {
  std::string scenario;
  std::string out;
  std::string scratch_dir;
  ControlSettingsCli control;
  std::vector<std::string> scratch;
  bool allow_in_use = false;
  int injector_cpu = 0;
  std::string perf = "perf", fio = "fio", trace_cmd = "trace-cmd", microbench;
};

void run_command(const ScenarioRunCli& o) {
  Scenario s = load_scenario(o.scenario, scenarios_dir());
  RunnerOptions r;
  r.out_dir = o.out;
  r.scratch_dir = o.scratch_dir;
  r.control = o.control.resolve();  // the runner adds the injector CPU it pins itself to
  r.injector_cpu = o.injector_cpu;
  r.device.allow_in_use = o.allow_in_use;
  r.device.scratch = o.scratch;
  for (const std::string& d : scratch_from_environment()) r.device.scratch.push_back(d);
  r.stop_irqbalance = o.control.stop_irqbalance;
  r.perf = o.perf;
  r.trace_cmd = o.trace_cmd;
  r.fio = o.fio;
  r.microbench = o.microbench.empty() ? microbench_binary() : fs::path(o.microbench);
  r.log = &std::cerr;
  RunnerSummary summary = run_scenario(s, r);
  std::cout << "irqlab: run recorded in " << summary.out_dir.string() << " (" << summary.events_planned
            << " events, " << summary.events_failed << " failed)\n";
}

}  // namespace

void add_scenario_subcommand(CLI::App& app) {
  auto* scenario = app.add_subcommand("scenario", "scenario files: list, check, run on this machine, report");
  scenario->require_subcommand(1);

  auto* list = scenario->add_subcommand("list", "the scenarios shipped in scenario/scenarios");
  list->callback([] {
    const std::vector<std::string> names = scenario_names(scenarios_dir());
    std::size_t width = 0;
    for (const std::string& name : names) width = std::max(width, name.size());
    for (const std::string& name : names) {
      Scenario s = read_scenario(scenarios_dir() / (name + ".scenario"));
      std::cout << name << std::string(width + 2 - name.size(), ' ') << s.description << "\n";
    }
  });

  auto* check = scenario->add_subcommand("check", "parse a scenario; with --plan, print its schedule on this machine");
  auto check_name = std::make_shared<std::string>();
  auto check_plan = std::make_shared<bool>(false);
  auto check_system = std::make_shared<SystemOptions>();
  check->add_option("scenario", *check_name, "scenario name or file")->required();
  check->add_flag("--plan", *check_plan, "resolve the events on this machine (or --root/--hwloc-xml) and list them");
  check_system->add_to(*check);
  check->callback([check_name, check_plan, check_system] {
    Scenario s = load_scenario(*check_name, scenarios_dir());
    std::cout << s.name << ": " << s.events.size() << " event rules, " << format_duration(s.duration_ns) << ", modes";
    for (ManagedMode m : s.modes) std::cout << " " << to_text(m);
    std::cout << "\n";
    if (!*check_plan) return;
    Machine m = discover(check_system->resolve());
    FioLoad load = resolve_fio_load(s, m);
    std::cout << "fio: " << shell_join(fio_command(load, "fio.json")) << "\n";
    for (const PlannedEvent& e : plan_events(s, m, {0}))
      std::cout << format_duration(e.at_ns) << "\t" << e.describe() << "\t(" << e.source << ")\n";
  });

  auto* run = scenario->add_subcommand(
      "run", "run a scenario on this machine in the kernel booted now: record perf, fio and the injected events");
  auto o = std::make_shared<ScenarioRunCli>();
  run->add_option("scenario", o->scenario, "scenario name or file")->required();
  run->add_option("--out", o->out, "run directory to create")->required();
  run->add_option("--scratch-dir", o->scratch_dir, "local directory for perf.data while recording (default: --out)");
  run->add_option("--scratch", o->scratch, "devices write loads may use: nvme0n1 or a controller serial; repeatable");
  run->add_flag("--allow-in-use", o->allow_in_use, "read from a namespace that holds a mounted filesystem");
  run->add_option("--injector-cpu", o->injector_cpu, "CPU the injector is pinned to, never offlined (default: 0)");
  o->control.add_to(*run);
  run->add_option("--perf", o->perf, "perf binary (default: perf)");
  run->add_option("--trace-cmd", o->trace_cmd,
                  "trace-cmd binary, records irq_handler_entry (default: trace-cmd; absent: perf records it)");
  run->add_option("--fio", o->fio, "fio binary (default: fio)");
  run->add_option("--microbench", o->microbench, "irqlab-microbench binary (default: next to irqlab)");
  run->callback([o] { run_command(*o); });

  auto* report = scenario->add_subcommand("report", "metrics and the mode table from run directories");
  auto dirs = std::make_shared<std::vector<std::string>>();
  auto files = std::make_shared<ReportFiles>();
  auto perf = std::make_shared<std::string>("perf");
  report->add_option("runs", *dirs, "run directories (one per mode and repetition)")->required();
  report->add_option("--json", files->json, "also write results.json here");
  report->add_option("--markdown", files->markdown, "also write report.md (GitHub-flavoured Markdown) here");
  report->add_option("--html", files->html, "also write report.html (one self-contained page with plots) here");
  report->add_option("--perf", *perf, "perf binary for perf script (default: perf)");
  report->callback([dirs, files, perf] {
    std::vector<RunDirectory> runs;
    for (const std::string& d : *dirs) runs.push_back({d, "", std::nullopt, 0});
    std::cout << write_report_files(build_report(runs, *perf), *files);
  });
}

}  // namespace irqlab::cli
