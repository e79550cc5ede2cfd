// irqlab lava jobs NIGHT-OR-SCENARIO: the kernel, irqlab's ramdisk and one
// LAVA job per planned boot (mode and repetition, interleaved as a night
// runs them); irqlab lava collect LOG...: the run directories those jobs
// printed, ready for `irqlab nightly --backend collected`.
#include <fstream>
#include <iostream>
#include <memory>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/progress.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/disk_image.h"
#include "irqlab/lab/vm.h"
#include "irqlab/lava/collect.h"
#include "irqlab/lava/job.h"
#include "irqlab/lava/ramdisk.h"
#include "irqlab/nightly/lab_boot.h"
#include "irqlab/nightly/night_run.h"
#include "nightly_cli.h"
#include "options.h"
#include "scenario_cli.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

namespace {

struct LavaJobsOptions {
  KernelOptions kernel;
  std::string what, out, device_type, boot_method, artifact_url, disk_dir, append, run_args;
};

struct LavaCollectOptions {
  std::vector<std::string> logs;
  std::string out;
};

constexpr const char* kRamdiskName = "irqlab-ramdisk.cpio.gz";

// A night file (name in nightly/nights, or *.night) or a scenario.
Night night_or_scenario(const std::string& what) {
  const bool night_name = what.find('/') == std::string::npos && fs::exists(nights_dir() / (what + ".night"));
  if (what.ends_with(".night") || night_name) return load_night(what, nights_dir());
  Night n;
  n.name = load_scenario(what, scenarios_dir()).name;
  n.scenarios = {what};
  n.thresholds = default_thresholds();
  return n;
}

std::string url_of(const LavaJobsOptions& o, const fs::path& out, const std::string& file) {
  if (o.artifact_url.empty()) return "file://" + (out / file).string();
  return o.artifact_url + (o.artifact_url.ends_with("/") ? "" : "/") + file;
}

// A LAVA qemu device boots the lab's topology; its disks are sparse images here.
std::vector<std::string> qemu_options_for(const PlannedScenario& p, const fs::path& disk_dir) {
  fs::create_directories(disk_dir);
  check_direct_io(disk_dir);
  for (const NvmeSpec& c : p.topology.controllers) ensure_nvme_image(nvme_image_path(disk_dir, c), c.size_bytes);
  std::vector<std::string> argv = qemu_machine_options(p.topology);
  const std::vector<std::string> nvme = qemu_nvme_options(p.topology, disk_dir);
  argv.insert(argv.end(), nvme.begin(), nvme.end());
  return lava_extra_options(argv);
}

LavaJob job_for(const LavaJobsOptions& o, const PlannedScenario& p, const PlannedBoot& boot, const fs::path& out) {
  const ManagedMode mode = mode_of_arm(p.modes, boot.arm);
  LavaJob job;
  job.name = "irqlab " + p.scenario.name + " " + boot.arm + "-" + std::to_string(boot.repetition);
  job.device_type = o.device_type;
  job.boot_method = o.boot_method;
  job.kernel_url = url_of(o, out, "bzImage");
  job.ramdisk_url = url_of(o, out, kRamdiskName);
  // oops=panic: a half-dead guest must not go on measuring; LAVA fails the
  // job on the panic. tsc=reliable: see kernel_cmdline() in lab/.
  job.kernel_args = std::string(o.device_type == "qemu" ? "console=ttyS0 " : "") + "rdinit=/init " +
                    mode_parameter(mode) + " oops=panic" + (o.device_type == "qemu" ? " tsc=reliable" : "");
  if (!o.append.empty()) job.kernel_args += " " + o.append;
  job.scenario = p.scenario.name;
  if (o.device_type == "qemu")
    for (const NvmeSpec& c : p.topology.controllers) job.run_args.insert(job.run_args.end(), {"--scratch", lab_nvme_serial(c.index)});
  for (const std::string& a : split_whitespace(o.run_args)) job.run_args.push_back(a);
  job.test_minutes = static_cast<unsigned>((default_boot_timeout(p.scenario).count() + 59) / 60);
  job.metadata = {{"irqlab.scenario", p.scenario.name}, {"irqlab.scenario-hash", p.hash}, {"irqlab.arm", boot.arm},
                  {"irqlab.mode", to_text(mode)}, {"irqlab.repetition", std::to_string(boot.repetition)},
                  {"irqlab.commit", irqlab_commit()}};
  return job;
}

void check_options(const LavaJobsOptions& o) {
  if (o.device_type.empty()) throw Error("--device-type is required (qemu, or the lab's device type with --boot-method)");
  if (o.device_type != "qemu" && o.boot_method != "ipxe" && o.boot_method != "grub" && o.boot_method != "u-boot")
    throw Error("--boot-method: device type '" + o.device_type + "' needs ipxe, grub or u-boot ('" + o.boot_method +
                "' given)");
  if (o.device_type == "qemu" && !o.boot_method.empty()) throw Error("--boot-method is for device types other than qemu");
  if (o.device_type != "qemu" && !o.disk_dir.empty()) throw Error("--disk-dir is for the qemu device type");
  if (!o.artifact_url.empty() && o.artifact_url.find("://") == std::string::npos)
    throw Error("--artifact-url: '" + o.artifact_url + "' is not a URL (http://..., https://..., file://...)");
  check_lava_argument(o.append, "--append");
  check_lava_argument(o.run_args, "--run-args");
  if (fs::exists(o.out) && !fs::is_empty(o.out))
    throw Error("--out: " + o.out + " is not empty (the jobs of one night go into a directory of their own)");
}

void lava_jobs(const LavaJobsOptions& o, bool verbose) {
  check_options(o);
  Progress progress(verbose);
  const Night n = night_or_scenario(o.what);
  const std::vector<PlannedScenario> plan = plan_night(n, scenarios_dir(), presets_dir());
  const KernelImage image = build_kernel(o.kernel.resolve(), progress);
  const fs::path out = fs::absolute(o.out);
  fs::create_directories(out / "jobs");
  fs::copy_file(image.bzimage, out / "bzImage");
  fs::copy_file(image.config, out / "kernel.config");

  progress.begin("ramdisk", "irqlab, fio, perf and trace-cmd from this host");
  RamdiskSpec spec;
  spec.irqlab_binary = irqlab_binary_dir() / "irqlab";
  spec.microbench_binary = microbench_binary();
  for (const PlannedScenario& p : plan) spec.scenarios.emplace_back(p.scenario.name, p.scenario.text);
  spec.output = out / kRamdiskName;
  const RamdiskContents ramdisk = build_ramdisk(spec);
  progress.done(std::to_string(ramdisk.bytes >> 20) + " MiB, " + std::to_string(ramdisk.programs.size()) + " files");

  std::string index = "# job  scenario  arm-repetition  mode  device\n";
  unsigned number = 0;
  const fs::path disks = o.disk_dir.empty() ? out / "disks" : fs::absolute(o.disk_dir);
  for (const PlannedScenario& p : plan) {
    // The scenario's machine, once: its disks are made and checked here.
    std::string device;
    std::vector<std::string> qemu_options;
    if (o.device_type == "qemu") {
      qemu_options = qemu_options_for(p, disks);
      device = "device-" + p.scenario.name + ".yaml";
      write_file_atomic(out / device, lava_qemu_device_yaml(qemu_options));
    }
    for (const PlannedBoot& boot : p.order) {
      LavaJob job = job_for(o, p, boot, out);
      job.qemu_options = qemu_options;
      char prefix[8];
      std::snprintf(prefix, sizeof prefix, "%03u", ++number);
      const std::string file = std::string(prefix) + "-" + p.scenario.name + "-" + boot.arm + "-" +
                               std::to_string(boot.repetition) + ".yaml";
      write_file_atomic(out / "jobs" / file, lava_job_yaml(job));
      index += "jobs/" + file + "  " + p.scenario.name + "  " + boot.arm + "-" + std::to_string(boot.repetition) +
               "  " + job.metadata.at("irqlab.mode") + "  " + (device.empty() ? o.device_type : device) + "\n";
    }
  }
  write_file_atomic(out / "jobs.txt", index);
  std::cout << "irqlab: " << number << " LAVA jobs in " << (out / "jobs").string() << " (list: "
            << (out / "jobs.txt").string() << ")\n"
            << "  on a server:  lavacli jobs submit " << (out / "jobs").string() << "/*.yaml\n";
  if (o.device_type == "qemu")
    std::cout << "  here:         lava-run --job-id N --output-dir DIR --device " << out.string()
              << "/device-<scenario>.yaml JOB.yaml > N.log\n";
  std::cout << "  then:         irqlab lava collect LOG... --out DIR; irqlab nightly " << n.name
            << " --backend collected --runs DIR/*/records\n";
}

// Every log is tried; a log without usable records is named on its own line
// (a lone log's reason is the error itself) and the run directories of the
// others are kept, so a night with a failed job still reports.
void lava_collect(const LavaCollectOptions& o) {
  const fs::path out = fs::absolute(o.out);
  std::vector<std::string> failures;
  for (const std::string& log : o.logs) {
    const fs::path dir = out / fs::path(log).stem();
    try {
      if (fs::exists(dir)) throw Error(dir.string() + ": exists already (two logs of the same name?)");
      unpack_lava_records(records_from_lava_log(log), dir, log);
      std::cout << "irqlab: " << (dir / "records").string() << "\n";
    } catch (const Interrupted&) {
      throw;
    } catch (const Error& e) {
      if (o.logs.size() == 1) throw;
      failures.push_back(e.what());
    }
  }
  for (const std::string& f : failures) std::cerr << "irqlab: no records: " << printable(f) << "\n";
  if (!failures.empty())
    throw Error(std::to_string(failures.size()) + " of " + std::to_string(o.logs.size()) +
                " job logs gave no records (listed above)");
}

}  // namespace

void add_lava_subcommand(CLI::App& app, bool& verbose) {
  auto* lava = app.add_subcommand("lava", "the lab fleet on LAVA: job definitions, and the records of finished jobs");
  lava->require_subcommand(1);

  auto* jobs = lava->add_subcommand("jobs", "the kernel, irqlab's ramdisk and one LAVA job per boot of a night or scenario");
  auto j = std::make_shared<LavaJobsOptions>();
  j->kernel.add_to(*jobs);
  jobs->add_option("what", j->what, "night (nightly/nights, *.night) or scenario (scenario/scenarios, or a file)")->required();
  jobs->add_option("--out", j->out, "directory for the jobs, the kernel and the ramdisk (new or empty)")->required();
  jobs->add_option("--device-type", j->device_type, "LAVA device type: qemu (the virtual lab), or the lab's type");
  jobs->add_option("--boot-method", j->boot_method, "other device types: ipxe, grub or u-boot (TFTP deploy)");
  jobs->add_option("--artifact-url", j->artifact_url, "where the devices fetch bzImage and the ramdisk (default: file://OUT)");
  jobs->add_option("--disk-dir", j->disk_dir, "qemu: the NVMe images (default: OUT/disks)");
  jobs->add_option("--append", j->append, "more kernel parameters for the boots");
  jobs->add_option("--run-args", j->run_args, "more `irqlab scenario run` arguments (a lab machine's --device, say)");
  jobs->callback([j, &verbose] { lava_jobs(*j, verbose); });

  auto* collect = lava->add_subcommand("collect", "the run directories that finished jobs printed, from their logs");
  auto c = std::make_shared<LavaCollectOptions>();
  collect->add_option("logs", c->logs, "job logs: lava-run's output, or `lavacli jobs logs --raw JOB`")->required();
  collect->add_option("--out", c->out, "where each log's run directory goes (<out>/<log name>/records)")->required();
  collect->callback([c] { lava_collect(*c); });
}

}  // namespace irqlab::cli
