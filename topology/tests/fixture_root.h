#pragma once
// Test helpers: captured fixtures and writable copies of them. The stand-in
// for the kernel that answers writes is control's (control/tests/fake_kernel.h).
#include <filesystem>
#include <string>

#include "irqlab/testing/scratch_dir.h"
#include "irqlab/topology/machine.h"

namespace irqlab::test {

std::filesystem::path fixture(const std::string& name);
Machine discover_fixture(const std::string& name);

// A fresh copy of a fixture under the temp dir, removed on destruction.
class FixtureCopy {
 public:
  explicit FixtureCopy(const std::string& name);
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(const std::string& abs) const;  // "/proc/..." -> root/proc/...
  std::string read(const std::string& abs) const;             // trimmed
  void write(const std::string& abs, const std::string& content) const;
  std::filesystem::path state_dir() const { return base_ / "state"; }

 private:
  ScratchDir base_;
  std::filesystem::path root_;
};

}  // namespace irqlab::test
