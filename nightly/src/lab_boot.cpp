// boot_scenario(): the scenario travels inside the guest's command (the
// guest sees the host's / read-only and /tmp not at all), records come back
// over the share.
#include "irqlab/nightly/lab_boot.h"

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/scratch_disks.h"
#include "irqlab/lab/vm.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// The line that says why the guest command failed: irqlab's own error line
// when there is one (details follow it), else the last line.
std::string guest_failure(const std::string& output) {
  std::string found;
  for (const std::string& line : split(output, '\n'))
    if (starts_with(line, "irqlab: error: ")) found = line.substr(15);
  return found.empty() ? std::string(trim(tail_lines(output, 1))) : found;
}

std::string guest_command(const Scenario& s, const LabBoot& b) {
  std::string script = "set -e\ncat > /tmp/irqlab.scenario <<'IRQLAB_SCENARIO_END'\n" + s.text;
  if (!s.text.empty() && s.text.back() != '\n') script += "\n";
  script += "IRQLAB_SCENARIO_END\n";
  std::vector<std::string> argv = {(b.irqlab_binary_dir / "irqlab").string(), "scenario", "run",
                                   "/tmp/irqlab.scenario", "--out", std::string(kGuestShareDir) + "/run",
                                   "--scratch-dir", "/tmp/irqlab-scratch", "--state-dir", "/tmp/irqlab-state"};
  // The lab's disks are scratch images made for this guest alone.
  for (const NvmeSpec& c : b.topology.controllers) {
    argv.push_back("--scratch");
    argv.push_back(lab_nvme_serial(c.index));
  }
  return script + "exec " + shell_join(argv) + "\n";
}

}  // namespace

std::chrono::seconds default_boot_timeout(const Scenario& s) {
  const std::int64_t probe_s = s.overhead_probe_ns / 1'000'000'000;
  return std::chrono::seconds(s.duration_ns / 1'000'000'000 + 2 * probe_s + 300);
}

LabBootResult boot_scenario(const Scenario& s, const LabBoot& b) {
  VmOptions vm;
  vm.kernel_image = b.kernel_image;
  vm.topology = b.topology;
  vm.command = guest_command(s, b);
  vm.extra_append = mode_parameter(b.mode) + (b.append.empty() ? "" : " " + b.append);
  vm.timeout = b.timeout;
  vm.run_dir = b.run_dir;
  ScratchDisks disks(b.cache_dir, vm.run_dir);
  vm.disk_dir = disks.dir();
  vm.verbose = b.verbose;
  vm.host_paths = {b.irqlab_binary_dir};
  LabBootResult out;
  VmResult r;
  try {
    r = run_vm(vm);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    // A panic, a timeout, a guest that died: this boot failed, the night goes on.
    if (!fs::exists(b.kernel_image)) throw;
    out.failure = e.what();
    out.detail = e.detail();
    return out;
  }
  out.elapsed_seconds = r.elapsed_seconds;
  if (r.exit_status != 0) {
    out.failure = "failed in the guest: " + guest_failure(r.output);
    out.detail = "guest output: " + (r.share_dir / kGuestOutputFile).string() +
                 "\nconsole: " + r.console_log.string() + "\n" + tail_lines(r.output, 20);
    return out;
  }
  const fs::path produced = r.share_dir / "run";
  std::error_code ec;
  if (!fs::is_directory(produced, ec)) {
    out.failure = "the guest command exited 0 but left no records";
    out.detail = "guest output: " + (r.share_dir / kGuestOutputFile).string();
    return out;
  }
  out.records = b.run_dir / "records";
  fs::rename(produced, out.records, ec);
  if (ec) {
    out.failure = "cannot move the records to " + out.records.string() + ": " + ec.message();
    return out;
  }
  out.ok = true;
  return out;
}

}  // namespace irqlab
