#include "irqlab/common/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "irqlab/common/error.h"
#include "irqlab/common/unique_fd.h"

namespace irqlab {

namespace {

const char* file_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a file";
}

std::string format_limit(std::uint64_t bytes) {
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  return std::to_string(bytes) + " bytes";
}

[[noreturn]] void too_large(const std::filesystem::path& path, std::uint64_t max_bytes) {
  throw Error(path.string() + ": larger than " + format_limit(max_bytes));
}

// The text of the file, or the errno that stopped opening or reading it.
struct ReadOutcome {
  std::string text;
  int error = 0;
};

// Reads up to max_bytes + 1, so a file that grew after fstat, or one that
// reports size 0 (procfs, debugfs), is caught too.
ReadOutcome read_at_most(int fd, const std::filesystem::path& path, std::uint64_t max_bytes) {
  ReadOutcome out;
  char buf[64 * 1024];
  while (out.text.size() <= max_bytes) {
    const std::size_t want = std::min<std::uint64_t>(sizeof buf, max_bytes + 1 - out.text.size());
    const ssize_t n = ::read(fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return {{}, errno};
    if (n == 0) return out;
    out.text.append(buf, static_cast<std::size_t>(n));
  }
  too_large(path, max_bytes);
}

// A regular file opened for reading and its size, or the errno that stopped
// opening it.
struct Opened {
  UniqueFd fd;
  std::uint64_t size = 0;
  int error = 0;
};

// O_NONBLOCK: opening a FIFO without a writer, or a tty, returns at once;
// fstat then refuses anything but a regular file before the first read.
Opened open_regular_file(const std::filesystem::path& path) {
  Opened out;
  out.fd.reset(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
  struct stat st {};
  if (out.fd.get() < 0 || ::fstat(out.fd.get(), &st) != 0) {
    out.error = errno;
    return out;
  }
  if (!S_ISREG(st.st_mode)) throw Error(path.string() + ": not a regular file (" + file_kind(st.st_mode) + ")");
  out.size = static_cast<std::uint64_t>(st.st_size);
  return out;
}

ReadOutcome read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
  const Opened file = open_regular_file(path);
  if (file.error) return {{}, file.error};
  if (file.size > max_bytes) too_large(path, max_bytes);
  return read_at_most(file.fd.get(), path, max_bytes);
}

[[noreturn]] void cannot_read(const std::filesystem::path& path, const std::string& what, int error) {
  if (error == ENOENT) throw Error(what + " not found: " + path.string());
  throw Error("cannot read " + path.string() + ": " + std::strerror(error));
}

bool counts_as_absent(int error, Absence absence) {
  return error == ENOENT || error == ENOTDIR || absence == Absence::MissingOrUnreadable;
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, const std::string& what, std::uint64_t max_bytes) {
  ReadOutcome r = read_regular_file(path, max_bytes);
  if (r.error) cannot_read(path, what, r.error);
  return std::move(r.text);
}

std::optional<std::string> read_optional_input_file(const std::filesystem::path& path, const std::string& what,
                                                    std::uint64_t max_bytes, Absence absence) {
  ReadOutcome r = read_regular_file(path, max_bytes);
  if (r.error && counts_as_absent(r.error, absence)) return std::nullopt;
  if (r.error) cannot_read(path, what, r.error);
  return std::move(r.text);
}

UniqueFd open_input_file(const std::filesystem::path& path, const std::string& what) {
  Opened file = open_regular_file(path);
  if (file.error) cannot_read(path, what, file.error);
  return std::move(file.fd);
}

}  // namespace irqlab
