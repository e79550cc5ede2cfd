#pragma once
// The lock of a cached kernel tree: builds that share a source tree (two
// irqlab runs at once, a kernel build and a check-series) take turns.
#include <filesystem>

namespace irqlab {

class TreeLock {
 public:
  // Waits for the lock, polling for SIGINT/SIGTERM (throws Interrupted).
  explicit TreeLock(const std::filesystem::path& file);
  ~TreeLock();
  TreeLock(const TreeLock&) = delete;
  TreeLock& operator=(const TreeLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace irqlab
