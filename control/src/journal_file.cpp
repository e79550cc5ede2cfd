// The journal on disk: appended under an exclusive lock, fsynced per record.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/control/journal.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr const char* kJournalName = "journal";
// A pid and a newline; anything longer is not our lock file.
constexpr std::uint64_t kLockFileLimit = 64;

void fsync_dir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// Who holds the lock: the pid of the last session that has not ended.
std::string holder_of(const fs::path& file) {
  try {
    JournalContents j = parse_journal(read_input_file(file, "journal", kJournalLimit), file.string());
    for (auto it = j.sessions.rbegin(); it != j.sessions.rend(); ++it)
      if (it->state == JournalSession::State::Open) return " (pid " + std::to_string(it->pid) + ")";
  } catch (const Error&) {
  }
  return "";
}

// O_EXCL pid file; one whose process is gone (a crash) is taken over.
void take_pid_lock(const fs::path& lock, const fs::path& journal) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd >= 0) {
      const std::string pid = std::to_string(getpid()) + "\n";
      bool ok = ::write(fd, pid.data(), pid.size()) == static_cast<ssize_t>(pid.size()) && ::fsync(fd) == 0;
      ::close(fd);
      if (!ok) throw Error("cannot write the lock file " + lock.string() + ": " + std::strerror(errno));
      return;
    }
    if (errno != EEXIST) throw Error("cannot create the lock file " + lock.string() + ": " + std::strerror(errno));
    std::string text;
    try {
      text = read_input_file(lock, "lock file", kLockFileLimit);
    } catch (const Error&) {
    }
    auto pid = parse_int(text);
    if (pid && *pid > 0 && *pid != getpid() && (::kill(static_cast<pid_t>(*pid), 0) == 0 || errno == EPERM))
      throw Error("journal " + journal.string() + " is in use by another irqlab (pid " + std::to_string(*pid) + ")");
    ::unlink(lock.c_str());  // stale: its irqlab is gone
  }
  throw Error("cannot take the lock file " + lock.string());
}

}  // namespace

fs::path resolve_state_dir(const fs::path& option) {
  if (!option.empty()) return option;
  if (const char* env = std::getenv("IRQLAB_STATE_DIR"); env && *env) return env;
  return default_cache_dir() / "journal";
}

bool journal_exists(const fs::path& state_dir) {
  std::error_code ec;
  return fs::exists(state_dir / kJournalName, ec);
}

JournalFile::JournalFile(const fs::path& state_dir) : path_(state_dir / kJournalName) {
  std::error_code ec;
  fs::create_directories(state_dir, ec);
  if (ec) throw Error("cannot create the state directory " + state_dir.string() + ": " + ec.message());
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error("cannot open the journal " + path_.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err == ENOSYS || err == ENOLCK || err == EOPNOTSUPP) {
      // A kernel without file locking (the lab's tinyconfig): a pid file instead.
      lock_file_ = path_;
      lock_file_ += ".lock";
      take_pid_lock(lock_file_, path_);
      if (::lseek(fd_, 0, SEEK_END) == 0) append(journal_header_line());
      return;
    }
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw Error("journal " + path_.string() + " is in use by another irqlab" + holder_of(path_));
    throw Error("cannot lock the journal " + path_.string() + ": " + std::strerror(err));
  }
  if (::lseek(fd_, 0, SEEK_END) == 0) append(journal_header_line());
}

JournalFile::~JournalFile() {
  if (fd_ >= 0) ::close(fd_);  // releases the lock
  if (!lock_file_.empty()) ::unlink(lock_file_.c_str());
}

JournalContents JournalFile::read() const {
  return parse_journal(read_input_file(path_, "journal", kJournalLimit), path_.string());
}

void JournalFile::append(const std::string& line) { append(std::vector<std::string>{line}); }

void JournalFile::append(const std::vector<std::string>& lines) {
  std::string record;
  for (const std::string& line : lines) record += line + "\n";
  std::size_t off = 0;
  while (off < record.size()) {
    ssize_t n = ::write(fd_, record.data() + off, record.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error("cannot write the journal " + path_.string() + ": " + std::strerror(errno));
    off += static_cast<std::size_t>(n);
  }
  // The change this record announces is made only once the record is on disk.
  if (::fsync(fd_) != 0) throw Error("cannot fsync the journal " + path_.string() + ": " + std::strerror(errno));
  if (!dir_synced_) {
    fsync_dir(path_.parent_path());
    dir_synced_ = true;
  }
}

void JournalFile::remove() {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT)
    throw Error("cannot remove the journal " + path_.string() + ": " + std::strerror(errno));
  fsync_dir(path_.parent_path());
}

}  // namespace irqlab
