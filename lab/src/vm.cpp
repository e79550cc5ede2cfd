#include "irqlab/lab/vm.h"

#include <cstdlib>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/lab/console.h"
#include "irqlab/lab/disk_image.h"
#include "irqlab/lab/guest_init.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;

// What qemu or the guest left behind, empty if nothing. The guest writes the
// share directory and may write any amount, so the read is bounded.
std::string read_if_exists(const fs::path& path, const std::string& what, std::uint64_t max_bytes) {
  return read_optional_input_file(path, what, max_bytes).value_or("");
}

std::string console_detail(const fs::path& console_log, const std::string& console) {
  if (console.empty()) return "console " + console_log.string() + " is empty";
  return "last lines of " + console_log.string() + ":\n" + console_tail(console);
}

void check_options(const VmOptions& options) {
  find_qemu(options.qemu);
  std::error_code ec;
  if (!fs::is_regular_file(options.kernel_image, ec))
    throw Error("kernel image not found: " + options.kernel_image.string());
  if (options.topology.nodes.empty()) throw Error("lab topology '" + options.topology.name + "' has no nodes");
  if (options.run_dir.empty()) throw Error("internal: run_vm without a run directory");
  // The init path goes on the kernel command line, which splits at blanks.
  if (options.run_dir.string().find_first_of(" \t\n\"") != std::string::npos)
    throw Error("run directory must not contain blanks or quotes: " + options.run_dir.string());
}

}  // namespace

fs::path find_qemu(const std::string& qemu_name) {
  std::string name = qemu_name;
  if (const char* qemu = std::getenv("IRQLAB_QEMU"); qemu && *qemu) name = qemu;
  auto path = find_executable(name);
  if (!path) throw Error("qemu not found: " + name + " (install qemu-system-x86)");
  return *path;
}

VmResult run_vm(const VmOptions& requested) {
  VmOptions options = requested;
  if (const char* qemu = std::getenv("IRQLAB_QEMU"); qemu && *qemu) options.qemu = qemu;
  options.run_dir = fs::absolute(options.run_dir.empty() ? fs::path(".") : options.run_dir);
  options.disk_dir = options.disk_dir.empty() ? options.run_dir : fs::absolute(options.disk_dir);
  check_options(options);

  // A fresh share each run, so no file of an earlier run passes for a result.
  fs::create_directories(options.run_dir);
  const fs::path share = options.run_dir / "share";
  const fs::path init = options.run_dir / "init.sh";
  const fs::path console_log = options.run_dir / "console.log";
  const fs::path qemu_log = options.run_dir / "qemu.log";
  fs::remove_all(share);
  fs::create_directories(share);
  fs::remove(console_log);
  fs::remove(qemu_log);
  write_file_atomic(init, guest_init_script());
  fs::permissions(init, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                            fs::perms::others_read | fs::perms::others_exec);
  write_file_atomic(options.run_dir / "command", options.command);
  std::string host_paths;
  for (const fs::path& path : options.host_paths) {
    const std::string p = fs::weakly_canonical(path).string();
    if (!p.starts_with("/tmp/")) continue;  // visible anyway through the 9p root
    if (p.find_first_of(" \t\n") != std::string::npos) throw Error("host path with blanks cannot be shared: " + p);
    host_paths += p + "\n";
  }
  write_file_atomic(options.run_dir / "host-paths", host_paths);

  fs::create_directories(options.disk_dir);
  check_direct_io(options.disk_dir);
  for (const NvmeSpec& nvme : options.topology.controllers)
    ensure_nvme_image(nvme_image_path(options.disk_dir, nvme), nvme.size_bytes);

  // x86 keeps the first 2047 bytes of the command line and drops the rest.
  if (std::string cmdline = kernel_cmdline(options, init); cmdline.size() > 2047)
    throw Error("kernel command line too long (" + std::to_string(cmdline.size()) + " bytes, x86 keeps 2047)");
  std::vector<std::string> argv = qemu_command(options, share, init, console_log);
  write_file_atomic(options.run_dir / "qemu.cmdline", shell_join(argv) + "\n");

  ProcessOptions process;
  process.timeout = options.timeout;
  process.log_file = qemu_log;
  process.stream = options.verbose;
  const auto start = std::chrono::steady_clock::now();
  ProcessResult run = run_process(argv, process);
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const std::string console = read_if_exists(console_log, "console log", kRunLogLimit);
  const std::string detail = console_detail(console_log, console);
  if (auto panic = find_panic_line(console)) throw Error("guest kernel panic: " + *panic, detail);
  if (run.timed_out)
    throw Error("guest did not finish within " + std::to_string(options.timeout.count()) + " s", detail);
  if (!run.ok()) {
    std::string line = qemu_error_line(run.output);
    if (console.empty())
      throw Error("qemu failed to start: " + (line.empty() ? run.describe() : line),
                  "command: " + shell_join(argv) + "\nlog: " + qemu_log.string());
    throw Error("qemu failed (" + run.describe() + ")" + (line.empty() ? "" : ": " + line), detail);
  }

  std::optional<int> status =
      parse_exit_status(read_if_exists(share / kGuestStatusFile, "guest status", kTextInputLimit));
  if (!status) {
    std::optional<std::string> init_error = find_init_error(console);
    throw Error("guest powered off without recording an exit status" + (init_error ? " (" + *init_error + ")" : ""),
                detail);
  }

  VmResult result;
  result.exit_status = *status;
  result.share_dir = share;
  result.console_log = console_log;
  result.output = read_if_exists(share / kGuestOutputFile, "guest output", kRunLogLimit);
  result.elapsed_seconds = elapsed;
  return result;
}

}  // namespace irqlab
