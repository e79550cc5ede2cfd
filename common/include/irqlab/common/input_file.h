#pragma once
// Files irqlab reads: those a user hands it (scenarios, presets, layouts, the
// journal), the /proc and /sys files of a root (live or captured) and the
// records of a run directory. irqlab runs as root and changes interrupts and
// CPUs, so no input may hang it (a FIFO, a terminal), exhaust its memory
// (/dev/zero, a huge file) or be half-read: every such file is read here,
// whole, or refused in one line.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "irqlab/common/unique_fd.h"

namespace irqlab {

inline constexpr std::uint64_t kMiB = 1ull << 20;
// Hand-written files (the largest shipped one is a few KiB) and the small
// records irqlab writes for itself (a cached image's build-info.json).
inline constexpr std::uint64_t kTextInputLimit = 1 * kMiB;
// The journal grows by a few lines per change; torture runs write thousands.
inline constexpr std::uint64_t kJournalLimit = 16 * kMiB;
// A kernel .config: a few hundred KiB even for allyesconfig.
inline constexpr std::uint64_t kKernelConfigLimit = 16 * kMiB;
// A patch of the series: the largest shipped one is 36 KiB, a tree-wide
// rework a few MiB.
inline constexpr std::uint64_t kPatchLimit = 64 * kMiB;
// A sysfs attribute is at most a page; /proc/cmdline, /proc/swaps, a comm,
// a debugfs irq state are a few lines.
inline constexpr std::uint64_t kSystemFileLimit = 1 * kMiB;
// /proc/interrupts has a row per interrupt and a column per CPU (8192 CPUs x
// 11 bytes x 1000 interrupts is 90 MiB); mountinfo a row per mount.
inline constexpr std::uint64_t kProcTableLimit = 128 * kMiB;
// hwloc's XML of a machine: a few hundred KiB for a big server.
inline constexpr std::uint64_t kHwlocXmlLimit = 64 * kMiB;
// Run records in JSON (run.json, events.json, fio.json, microbench.json,
// probe windows): per-event and per-job lines, a few MiB for a long run.
inline constexpr std::uint64_t kRunJsonLimit = 64 * kMiB;
// fio's per-job sample logs, vector matrices, dmesg of a run, a VM's console
// log and what a guest command printed.
inline constexpr std::uint64_t kRunLogLimit = 256 * kMiB;
// perf script / ftrace / trace-cmd text: a line per traced event.
inline constexpr std::uint64_t kTraceTextLimit = 1024 * kMiB;

// The whole of a regular file of at most max_bytes. Refused with an Error:
// a missing file ("WHAT not found: PATH"), anything but a regular file
// ("PATH: not a regular file (a FIFO)"), a larger one ("PATH: larger than
// 1 MiB"). Never blocks: the file is opened O_NONBLOCK and checked with
// fstat before the first read. A file that reports size 0 (procfs) is read
// until its end, up to max_bytes.
std::string read_input_file(const std::filesystem::path& path, const std::string& what, std::uint64_t max_bytes);

// What read_optional_input_file answers with nullopt instead of an Error.
enum class Absence {
  Missing,              // the file (or a directory on its way) does not exist
  MissingOrUnreadable,  // that, or it cannot be opened or read: a root-only debugfs file, a sysfs
                        // attribute the driver will not show (EIO), a symlink loop
};

// As read_input_file, but nullopt for a file that is absent in the sense of
// `absence`. A file that is there but is not a regular file, or is larger
// than max_bytes, is still refused with an Error.
std::optional<std::string> read_optional_input_file(const std::filesystem::path& path, const std::string& what,
                                                    std::uint64_t max_bytes, Absence absence = Absence::Missing);

// A regular file opened for reading in pieces, for a file too large to hold
// (sha256_file streams a kernel tarball): missing and non-regular files are
// refused as read_input_file refuses them; there is no size cap.
UniqueFd open_input_file(const std::filesystem::path& path, const std::string& what);

}  // namespace irqlab
