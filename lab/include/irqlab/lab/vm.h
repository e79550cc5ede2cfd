#pragma once
// Boots a lab kernel under QEMU (TCG) for a LabTopology and runs one shell
// command inside. The guest's root is the host's / shared read-only over 9p,
// so it runs the host's /bin/sh, fio, perf and irqlab binaries at the same
// paths; a second, writable 9p share (run_dir/share, /tmp/share in the guest,
// $IRQLAB_OUT) carries results out. The guest mounts a tmpfs on /tmp; host
// directories under /tmp stay visible only when listed in host_paths (the run
// dir may live there: the init script and command are read before the mount).
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/topology/preset.h"

namespace irqlab {

struct VmOptions {
  std::filesystem::path kernel_image;      // bzImage
  LabTopology topology;
  std::string command;                     // run in the guest by /bin/sh -c, cwd = the share
  std::string extra_append;                // extra kernel parameters, appended last (so they override ours)
  std::filesystem::path run_dir;           // created if missing; console.log, share/, init script live here
  std::filesystem::path disk_dir;          // sparse NVMe backing images are created/reused here
  std::chrono::seconds timeout{180};       // hard limit for the whole VM
  bool verbose = false;                    // stream the serial console to stderr while it runs
  // A QEMU gdbstub on 127.0.0.1:gdb_port (0: none), to inspect a guest that
  // hangs: gdb vmlinux -ex "target remote :PORT", then "info threads".
  unsigned gdb_port = 0;
  // Host directories the command needs that lie under /tmp, which the
  // guest covers with a tmpfs: they stay visible (read-only) at their paths.
  std::vector<std::filesystem::path> host_paths;
  std::string qemu = "qemu-system-x86_64"; // overridden by env IRQLAB_QEMU if set
};

struct VmResult {
  int exit_status = -1;                    // the guest command's exit status
  std::filesystem::path share_dir;         // host path of the writable share (files the command wrote)
  std::filesystem::path console_log;
  std::string output;                      // the command's stdout+stderr (recorded in the share)
  double elapsed_seconds = 0;              // qemu start to exit
};

// Throws irqlab::Error with ONE clear line, and the console's last ~30 lines in Error::detail() where relevant, when:
// qemu is missing ("qemu not found: <name> (install qemu-system-x86)"), the kernel image is missing, qemu fails to start
// (name qemu's own error line), the guest kernel panics ("guest kernel panic: <the 'Kernel panic - not syncing: ...' line>"),
// the VM exceeds the timeout ("guest did not finish within N s"), or the guest powered off without recording an exit status.
// Never leaves qemu running (use run_process: it kills the process group on timeout and on SIGINT/SIGTERM).
VmResult run_vm(const VmOptions& options);

// The qemu binary run_vm would use: IRQLAB_QEMU if set, else qemu_name in PATH.
// Throws Error("qemu not found: ... (install qemu-system-x86)"). Lets callers
// fail before a long kernel build rather than after it.
std::filesystem::path find_qemu(const std::string& qemu_name = "qemu-system-x86_64");

// The qemu argv for these options (pure; unit-tested). share_dir/init_path as run_vm lays them out.
std::vector<std::string> qemu_command(const VmOptions& options, const std::filesystem::path& share_dir,
                                      const std::filesystem::path& init_path, const std::filesystem::path& console_log);

// The guest kernel command line (part of qemu_command; pure).
std::string kernel_cmdline(const VmOptions& options, const std::filesystem::path& init_path);

// The emulated machine alone, for any QEMU launcher (run_vm here, a LAVA
// qemu device's extra options): q35 under TCG with the topology's CPUs,
// memory and NUMA nodes.
std::vector<std::string> qemu_machine_options(const LabTopology& topo);

// The topology's NVMe controllers, each behind a PCIe expander bridge on its
// node, backed by <disk_dir>/nvme<i>-<size>.img, with serial lab_nvme_serial(i).
std::vector<std::string> qemu_nvme_options(const LabTopology& topo, const std::filesystem::path& disk_dir);

// "irqlab<index>": the serial of a lab NVMe controller, which the guest's
// `irqlab scenario run --scratch` names.
std::string lab_nvme_serial(int index);

// Where the guest sees the writable share, and the files the init script
// records there (relative to the share).
inline constexpr const char* kGuestShareDir = "/tmp/share";
inline constexpr const char* kGuestOutputFile = ".irqlab/output";
inline constexpr const char* kGuestStatusFile = ".irqlab/exit-status";

}  // namespace irqlab
