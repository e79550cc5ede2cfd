#include "tree_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"

namespace irqlab {

TreeLock::TreeLock(const std::filesystem::path& file) {
  fd_ = open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (fd_ < 0) throw Error("cannot open lock " + file.string());
  while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    try {
      throw_if_interrupted();
    } catch (...) {
      close(fd_);
      throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

TreeLock::~TreeLock() { close(fd_); }

}  // namespace irqlab
