// irqlab nightly: one command per night. Build the kernel (cached), run the
// night's scenarios per mode on a backend (the virtual lab, or run
// directories collected from a lab machine), report, keep the night in the
// history, compare it with its baseline, publish, and exit non-zero only for
// a regression or a broken night.
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/vm.h"
#include "irqlab/nightly/night_pages.h"
#include "irqlab/nightly/night_run.h"
#include "irqlab/nightly/reproducer.h"
#include "guest_kernel.h"
#include "nightly_cli.h"
#include "options.h"
#include "scenario_cli.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct NightlyOptions {
  KernelOptions kernel;
  std::string night = "nightly";
  std::string backend = "virtual";
  std::vector<std::string> runs;
  std::string nights_dir, history_dir, publish_dir, night_id, machine;
  GuestBootOptions guest;
};

std::string utc_now(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[64];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || !*name) return "unknown host";
  return name;
}

// The default night directory: today's, resumed while it is unfinished;
// once it has a complete record a second night the same day gets "-2".
fs::path night_dir_for(const fs::path& nights, const std::string& base) {
  for (int k = 1; k < 100; ++k) {
    const fs::path dir = nights / (base + (k > 1 ? "-" + std::to_string(k) : ""));
    if (!fs::exists(dir / "night.json")) return dir;
    if (!History(nights).find((dir / "night.json").string()).complete()) return dir;
  }
  throw Error(nights.string() + ": 99 nights named " + base + " already");
}

std::string started_of(const fs::path& dir) {
  const fs::path file = dir / "started";
  if (fs::exists(file)) return std::string(trim(read_input_file(file, "night start", 256)));
  fs::create_directories(dir);
  const std::string now = utc_now("%Y-%m-%dT%H:%M:%SZ");
  write_file_atomic(file, now + "\n");
  return now;
}

std::string machine_of(const NightlyOptions& o) {
  return o.machine.empty() ? (o.backend == "virtual" ? "virtual lab on " : "") + host_name() : o.machine;
}

// A night directory is resumed only by the same night file on the same machine.
void check_same_night(const fs::path& dir, const Night& n, const NightlyOptions& o) {
  if (!fs::exists(dir / "night.json")) return;
  const NightRecord old = History(dir).find((dir / "night.json").string());
  if (old.night != n.name || old.machine != machine_of(o))
    throw Error(dir.string() + ": holds night '" + old.night + "' of " + old.machine +
                "; give this night another --night-id");
}

NightInfo night_info(const Night& n, const fs::path& dir, const NightlyOptions& o) {
  NightInfo info;
  info.id = dir.filename().string();
  info.night_name = n.name;
  info.started = started_of(dir);
  info.irqlab_commit = irqlab_commit();
  info.alpha = n.alpha;
  info.thresholds = n.thresholds;
  info.machine = machine_of(o);
  info.where = o.backend == "virtual" ? "virtual lab (QEMU TCG)" : info.machine;
  return info;
}

std::vector<ScenarioRuns> virtual_runs(const std::vector<PlannedScenario>& plan, const NightlyOptions& o,
                                       const fs::path& dir, NightInfo& info, std::string& kernel_config,
                                       Progress& progress, bool verbose) {
  const KernelBuildOptions kopts = o.kernel.resolve();
  VirtualNight v;
  v.image = build_guest_kernel(kopts, progress);
  v.append = o.guest.append;
  v.timeout_s = o.guest.timeout_s;
  v.cache_dir = kopts.cache_dir;
  v.irqlab_binary_dir = irqlab_binary_dir();
  v.verbose = verbose;
  info.kernel_release = v.image.kernel_release;
  kernel_config = v.image.config.string();
  info.kernel_source = v.image.source_label;
  info.series_hash = v.image.series_hash;
  info.patches = series_summary(v.image);
  return run_virtual_night(plan, dir, v, progress);
}

// reproduce.sh with the night file (its scenarios copied beside it) and the
// command that ran it.
Reproducer night_reproducer(const Night& n, const std::vector<PlannedScenario>& plan, const NightlyOptions& o,
                            const NightInfo& info, const std::string& kernel_config) {
  Reproducer r;
  r.what = "night " + info.id;
  r.irqlab_commit = info.irqlab_commit;
  std::vector<std::string> files;
  for (const PlannedScenario& p : plan) {
    files.push_back("scenario-" + p.scenario.name + ".scenario");
    r.files.emplace_back(files.back(), p.scenario.text);
  }
  r.files.emplace_back("night.txt", night_text(n, files));
  // Its own nights, history and pages: a reproduction never becomes a baseline.
  r.command = {"ci/nightly.sh", "@HERE@/night.txt", "--night-id", info.id,
               "--nights", "@HERE@/reproduced/nights", "--history", "@HERE@/reproduced/history",
               "--publish", "@HERE@/reproduced/published"};
  if (o.backend == "collected") {
    r.command.insert(r.command.end(), {"--backend", "collected", "--runs"});
    r.command.insert(r.command.end(), o.runs.begin(), o.runs.end());
  } else {
    for (const std::string& a : o.kernel.as_arguments()) r.command.push_back(a);
    for (const std::string& a : o.guest.as_arguments()) r.command.push_back(a);
    r.guest_cmdlines = o.guest.guest_cmdlines(plan.empty() ? std::vector<ManagedMode>{} : plan.front().modes);
  }
  r.kernel_config = kernel_config;
  r.kernel_source = info.kernel_source;
  r.series_hash = info.series_hash;
  return r;
}

void nightly(const NightlyOptions& o, bool verbose) {
  Progress progress(verbose);
  const Night n = load_night(o.night, nights_dir());
  if (o.backend != "virtual" && o.backend != "collected")
    throw Error("--backend: unknown backend '" + o.backend + "' (backends: virtual, collected)");
  if (o.backend == "collected" && o.runs.empty()) throw Error("--backend collected needs the run directories (--runs DIR...)");
  if (o.backend == "virtual" && !o.runs.empty()) throw Error("--runs is for --backend collected");
  std::vector<PlannedScenario> plan = plan_night(n, scenarios_dir(), presets_dir());
  if (o.backend == "virtual" && !o.guest.append.empty())
    for (PlannedScenario& p : plan) p.setup += "; kernel parameters: " + o.guest.append;
  const fs::path nights = o.nights_dir.empty() ? source_dir() / "results" / "nights" : fs::path(o.nights_dir);
  if (!o.night_id.empty() && !plain_night_id(o.night_id))
    throw Error("--night-id: '" + o.night_id + "' is not a plain name (letters, digits, -, _ and ., not starting with .)");
  const History history(o.history_dir.empty() ? source_dir() / "results" / "history" : fs::path(o.history_dir));
  history.nights();  // a history that cannot be read stops the night before its boots, not after
  const fs::path dir = o.night_id.empty() ? night_dir_for(nights, utc_now("%Y%m%d") + "-" + n.name) : nights / o.night_id;
  check_same_night(dir, n, o);
  NightInfo info = night_info(n, dir, o);
  std::vector<ScenarioRuns> runs;
  std::string kernel_config;
  if (o.backend == "virtual") {
    runs = virtual_runs(plan, o, dir, info, kernel_config, progress, verbose);
  } else {
    const std::vector<fs::path> dirs(o.runs.begin(), o.runs.end());
    runs = collected_night(plan, dirs);
  }
  write_reproducer(dir, night_reproducer(n, plan, o, info, kernel_config));
  const NightResult result = finish_night(runs, info, dir, history, progress);
  const fs::path publish = o.publish_dir.empty() ? source_dir() / "results" / "published" : fs::path(o.publish_dir);
  publish_night(dir, result.record, publish);
  std::cout << "\n" << night_comparison_text(result.comparison) << "night: " << dir.string()
            << "\npublished: " << (publish / "index.html").string() << "\n" << std::flush;
  if (!result.comparison.passed()) throw Error("gate: " + result.record.gate);
}

}  // namespace

fs::path nights_dir() { return source_dir() / "nightly" / "nights"; }

void add_nightly_subcommand(CLI::App& app, bool& verbose) {
  auto* cmd = app.add_subcommand(
      "nightly", "one night: build, run the night's scenarios per mode, report, compare with the baseline, publish, gate");
  auto o = std::make_shared<NightlyOptions>();
  o->kernel.add_to(*cmd);
  cmd->add_option("night", o->night, "night name (nightly/nights) or file (default: nightly)");
  cmd->add_option("--backend", o->backend, "virtual (QEMU lab, default) or collected (--runs from a lab machine)");
  cmd->add_option("--runs", o->runs, "collected: run directories of `irqlab scenario run`");
  cmd->add_option("--nights", o->nights_dir, "parent of the night directories (default: results/nights)");
  cmd->add_option("--night-id", o->night_id, "this night's directory name (default: <UTC date>-<night>; resumed if unfinished)");
  cmd->add_option("--history", o->history_dir, "the night history (default: results/history)");
  cmd->add_option("--publish", o->publish_dir, "where the pages are published (default: results/published)");
  cmd->add_option("--machine", o->machine, "the machine's name in the history (default: the host name)");
  o->guest.add_to(*cmd, "virtual: ");
  cmd->callback([o, &verbose] { nightly(*o, verbose); });
}

}  // namespace irqlab::cli
