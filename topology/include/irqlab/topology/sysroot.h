#pragma once
// Every /proc and /sys path irqlab reads or writes lives under a root
// directory: "/" on the live system, a captured fixture in tests. Reads can
// be recorded, so that `irqlab topology capture` copies exactly what
// discovery looked at and nothing else.
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

// What a recording SysRoot saw: files read (absolute system paths, e.g.
// "/proc/interrupts") and directories listed, with the names listed.
struct AccessLog {
  std::map<std::string, std::string> files;  // path -> content as read
  std::map<std::string, std::vector<std::string>> listings;
};

class SysRoot {
 public:
  explicit SysRoot(std::filesystem::path root = "/");

  const std::filesystem::path& root() const { return root_; }
  bool is_live() const;  // the root is "/"

  // "/proc/interrupts" -> <root>/proc/interrupts
  std::filesystem::path path(std::string_view abs) const;

  // The file's content, or nullopt when it is missing or unreadable. Read
  // through read_input_file's bounds: a FIFO, a device or a file above the
  // cap (1 MiB; 128 MiB for /proc/interrupts and mountinfo) is an Error.
  std::optional<std::string> read(std::string_view abs) const;
  // The content, trimmed; throws Error("cannot read <path>: ...") if missing.
  std::string read_required(std::string_view abs) const;
  // The first line, trimmed; nullopt when missing.
  std::optional<std::string> read_line(std::string_view abs) const;
  // A kernel CPU list file; nullopt when missing, Error when malformed.
  std::optional<std::set<int>> read_cpu_list(std::string_view abs) const;

  // Entry names of a directory that start with prefix, sorted; empty when it
  // is missing. Only those names are recorded.
  std::vector<std::string> list(std::string_view abs, std::string_view prefix = {}) const;
  bool exists(std::string_view abs) const;
  // Whether the owner may write the file according to its mode bits.
  bool owner_writable(std::string_view abs) const;

  // Starts recording reads and listings into log (nullptr stops).
  void record_to(AccessLog* log) { log_ = log; }

 private:
  std::filesystem::path root_;
  AccessLog* log_ = nullptr;
};

}  // namespace irqlab
