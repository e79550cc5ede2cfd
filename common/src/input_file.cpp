#include "irqlab/common/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "irqlab/common/error.h"

namespace irqlab {

namespace {

// Closes the descriptor on every way out, errors included.
class InputFd {
 public:
  explicit InputFd(int fd) : fd_(fd) {}
  InputFd(const InputFd&) = delete;
  InputFd& operator=(const InputFd&) = delete;
  ~InputFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

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

// O_NONBLOCK: opening a FIFO without a writer, or a tty, returns at once.
int open_input(const std::filesystem::path& path, const std::string& what) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) return fd;
  if (errno == ENOENT) throw Error(what + " not found: " + path.string());
  throw Error("cannot read " + path.string() + ": " + std::strerror(errno));
}

// Reads up to max_bytes + 1, so a file that grew after fstat is caught too.
std::string read_at_most(int fd, const std::filesystem::path& path, std::uint64_t max_bytes) {
  std::string text;
  char buf[64 * 1024];
  while (text.size() <= max_bytes) {
    const std::size_t want = std::min<std::uint64_t>(sizeof buf, max_bytes + 1 - text.size());
    const ssize_t n = ::read(fd, buf, want);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error("cannot read " + path.string() + ": " + std::strerror(errno));
    if (n == 0) return text;
    text.append(buf, static_cast<std::size_t>(n));
  }
  throw Error(path.string() + ": larger than " + format_limit(max_bytes));
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, const std::string& what, std::uint64_t max_bytes) {
  InputFd fd(open_input(path, what));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw Error("cannot read " + path.string() + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) throw Error(path.string() + ": not a regular file (" + file_kind(st.st_mode) + ")");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    throw Error(path.string() + ": larger than " + format_limit(max_bytes));
  return read_at_most(fd.get(), path, max_bytes);
}

}  // namespace irqlab
