#pragma once
// The first-cut quick load: one fio run inside the guest, bracketed by
// /proc/interrupts snapshots, and what the host reads back from the share.
#include <compare>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/bench/fio.h"

namespace irqlab {

// Fixed names of the files the guest script leaves in the results share.
namespace quick_load_files {
inline constexpr const char* kCmdline = "cmdline";                 // /proc/cmdline
inline constexpr const char* kKernelRelease = "kernel-release";    // uname -r
inline constexpr const char* kIrqAffinity = "irq-affinity";        // "<irq> <affinity_list> <effective_affinity_list>"
inline constexpr const char* kInterruptsBefore = "interrupts.before";
inline constexpr const char* kInterruptsAfter = "interrupts.after";
inline constexpr const char* kFioCommand = "fio.command";          // the fio argv, one per line
inline constexpr const char* kFioJson = "fio.json";                // json+ output
inline constexpr const char* kFioLog = "fio.log";                  // fio's stdout and stderr
inline constexpr const char* kFioStatus = "fio.status";            // fio's exit status
}  // namespace quick_load_files

// A POSIX sh script, run inside the guest with cwd = the results share, that
// records /proc/cmdline, `uname -r`, the affinity_list and
// effective_affinity_list of every /proc/irq/N, /proc/interrupts before, runs
// fio (json into the share), records /proc/interrupts after, syncs, and exits
// with fio's status. Throws Error like fio_command().
std::string quick_load_guest_script(const FioLoad& load);

struct QueueIrq {                   // one NVMe queue interrupt (name nvme<c>q<n>)
  std::string name;                 // "nvme0q1"; q0 is the admin queue
  std::string irq;                  // "25"
  std::string affinity;             // smp_affinity_list as the kernel printed it, "-" if unreadable
  std::string effective_affinity;   // effective_affinity_list, "-" if empty (irq shut down)
  std::map<int, std::uint64_t> interrupts_per_cpu;  // delta during the load, only CPUs with non-zero counts

  std::uint64_t total_interrupts() const;
};

struct QuickLoadResult {
  FioResult fio;
  int fio_exit_status = 0;
  std::vector<QueueIrq> queues;     // natural order: nvme0q0, nvme0q1, nvme0q2, nvme0q10, nvme1q0
  std::string guest_cmdline;
  std::string guest_kernel_release;
};

// Reads the files quick_load_guest_script() left in share_dir.
// Throws Error naming a missing or malformed file; when fio.json is missing
// the error detail is the tail of fio.log.
QuickLoadResult read_quick_load(const std::filesystem::path& share_dir);

// nvme<c>q<n> -> {c, n}; other names -> nullopt. Exposed for ordering tests.
struct NvmeQueueId {
  int controller = 0;
  int queue = 0;
  auto operator<=>(const NvmeQueueId&) const = default;
};
std::optional<NvmeQueueId> parse_nvme_queue_name(std::string_view name);

}  // namespace irqlab
