#pragma once
// Test helpers: captured fixtures, writable copies of them, and a stand-in
// for the kernel that writes to a copied fixture as 6.12 would answer.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/topology/machine.h"

namespace irqlab::test {

std::filesystem::path fixture(const std::string& name);
Machine discover_fixture(const std::string& name);

// A fresh copy of a fixture under the temp dir, removed on destruction.
class FixtureCopy {
 public:
  explicit FixtureCopy(const std::string& name);
  ~FixtureCopy();
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path path(const std::string& abs) const;  // "/proc/..." -> root/proc/...
  std::string read(const std::string& abs) const;             // trimmed
  void write(const std::string& abs, const std::string& content) const;
  std::filesystem::path state_dir() const { return base_ / "state"; }

 private:
  std::filesystem::path base_, root_;
};

// Answers writes as stock 6.12 does: EPERM for managed interrupts (debugfs
// says IRQD_AFFINITY_MANAGED), otherwise the affinity is stored and the
// effective affinity becomes its first online CPU; cpuN/online updates the
// online list, and offline breaks the affinity of non-managed interrupts
// whose CPUs all went away. Every write first snapshots the journal, so tests can check
// that the record was on disk before the change.
class FakeKernel : public SystemWriter {
 public:
  FakeKernel(std::filesystem::path root, std::filesystem::path journal);
  WriteResult write(const std::filesystem::path& root, std::string_view abs, std::string_view value) override;

  std::set<int> refuse_cpus;              // cpuN/online writes fail with EBUSY
  bool refuse_everything = false;         // every write fails with EIO
  bool deny_open = false;                 // open fails with EACCES (not root)
  std::vector<std::string> journal_at_write;  // journal text seen by each write
  std::vector<std::string> writes;            // "<abs path> <value>"

 private:
  void break_affinities(const std::set<int>& online);
  std::filesystem::path root_, journal_;
};

class FakeServices : public ServiceControl {
 public:
  bool manages(const std::filesystem::path&) override { return manages_roots; }
  bool is_active(const std::string& unit) override { return active.count(unit) > 0; }
  void stop(const std::string& unit) override { active.erase(unit); log.push_back("stop " + unit); }
  void start(const std::string& unit) override { active.insert(unit); log.push_back("start " + unit); }
  bool manages_roots = true;  // false: as systemctl for a root other than /
  std::set<std::string> active;
  std::vector<std::string> log;
};

}  // namespace irqlab::test
