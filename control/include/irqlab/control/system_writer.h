#pragma once
// Writes to kernel files (/proc/irq/N/smp_affinity_list, cpuN/online). An
// interface so that unit tests can stand in for the kernel on a fixture root
// (refuse a managed interrupt with EPERM, update the effective affinity).
#include <filesystem>
#include <string_view>

namespace irqlab {

struct WriteResult {
  int error = 0;          // errno, 0 on success
  bool at_open = false;   // the file could not be opened (permissions, missing, a symlink): not the kernel refusing the value
};

class SystemWriter {
 public:
  virtual ~SystemWriter() = default;
  // One write(2) of value to the kernel file `abs` ("/proc/irq/5/...")
  // beneath `root`, no symlink followed (open_beneath).
  virtual WriteResult write(const std::filesystem::path& root, std::string_view abs, std::string_view value) = 0;
};

// The real thing: open_beneath(O_WRONLY) and a single write(2), whose errno
// is the kernel's verdict on the value. A symlink below the root fails the
// open with ELOOP: a root that was tampered with never takes a write outside.
class KernelFileWriter : public SystemWriter {
 public:
  WriteResult write(const std::filesystem::path& root, std::string_view abs, std::string_view value) override;
};

// "EPERM", "EINVAL"... for an errno.
const char* errno_name(int error);

// " (a symlink on the way: irqlab never writes through one)" for ELOOP, else "".
const char* symlink_hint(int error);

}  // namespace irqlab
