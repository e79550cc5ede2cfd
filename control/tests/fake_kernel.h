#pragma once
// Test stand-ins for what control changes: the kernel's answers to writes
// and the service manager. Kept beside the control tests, so topology's
// fixture helpers (fixture_root.h) need nothing from control.
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"

namespace irqlab::test {

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
