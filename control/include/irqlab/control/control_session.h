#pragma once
// A run that changes the machine: interrupt affinities, online CPUs,
// irqbalance. Every change is journaled (and fsynced) before it is made;
// restore() puts everything back, and so does the destructor if restore()
// was not called: an exception or a signal (SIGINT/SIGTERM make irqlab
// throw Interrupted) unwinds through it. keep() leaves the changes for a
// later `irqlab restore`.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>

#include "irqlab/control/journal.h"
#include "irqlab/control/move_status.h"
#include "irqlab/control/restore.h"
#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/topology/machine.h"
#include "irqlab/topology/sysroot.h"

namespace irqlab {

struct ControlOptions {
  std::filesystem::path state_dir;          // resolved: see resolve_state_dir()
  std::chrono::milliseconds settle{1000};   // how long a written affinity may take to become effective
  CpuSet harness_cpus;                      // CPUs the harness runs on: never taken offline
  std::ostream* log = nullptr;              // "irqlab: ..." lines about restoring (stderr in the CLI)
};

struct IrqMove {
  using Status = MoveStatus;  // move_status.h: its values and their text
  int irq = 0;
  std::string name;
  CpuSet requested, before, after, effective_before, effective_after;
  Status status = Status::Skipped;
  int error = 0;              // errno of a refused write
  std::string outcome;        // one phrase: "moved", "refused by the kernel: managed interrupt (EPERM)", ...
  double write_ms = 0;        // the write(2) itself
  double effective_ms = 0;    // write issued -> effective affinity inside the plan
  // The same instants on CLOCK_MONOTONIC (steady_clock), to line up with perf
  // and fio records; 0 when the step did not happen.
  std::int64_t write_issued_ns = 0, write_returned_ns = 0, effective_seen_ns = 0;
};

struct CpuChange {
  int cpu = 0;
  bool online = false;        // the new state
  bool changed = false;       // false: it already was in that state
  double ms = 0;
  std::int64_t write_issued_ns = 0, write_returned_ns = 0;  // CLOCK_MONOTONIC; 0 when nothing was written
};

class ControlSession {
 public:
  // Opens the journal; throws Error if a run that did not finish left
  // changes in it ("run `irqlab restore` first") or another irqlab holds it.
  ControlSession(Machine machine, ControlOptions options, SystemWriter& writer, ServiceControl& services);
  ~ControlSession();
  ControlSession(const ControlSession&) = delete;
  ControlSession& operator=(const ControlSession&) = delete;

  const Machine& machine() const { return machine_; }
  const SysRoot& sys() const { return sys_; }
  std::filesystem::path journal_path() const { return journal_->path(); }

  // Writes /proc/irq/N/smp_affinity_list and checks the effective affinity.
  // A refusal by the kernel is an outcome, not an exception; a missing irq
  // or a file irqlab may not open (not root) throws Error.
  IrqMove move_irq(int irq, const CpuSet& cpus);

  // Throws Error, naming the reason, for a CPU that does not exist, the boot
  // CPU (no online file), a CPU of the harness, the last online CPU of its
  // node, or a write the kernel refuses.
  CpuChange set_cpu_online(int cpu, bool online);

  // Stops irqbalance.service for the run; false when irqbalance is not
  // running. Throws Error when it runs outside systemd (irqlab could not
  // start it again) or under a root other than /.
  bool stop_irqbalance();

  // Puts back everything this session changed; throws Error if something
  // could not be put back (the journal then stays for `irqlab restore`).
  RestoreReport restore();
  // Ends the session leaving its changes in place, recorded as kept.
  void keep();

 private:
  void begin_if_needed();
  void record(const JournalChange& change);
  void record(const std::vector<JournalChange>& changes);
  std::vector<JournalChange> affinities_broken_by_offline(int cpu, const CpuSet& online);

  Machine machine_;
  ControlOptions options_;
  SysRoot sys_;
  SystemWriter& writer_;
  ServiceControl& services_;
  std::unique_ptr<JournalFile> journal_;
  int session_ = 0;
  bool begun_ = false;   // the session line is in the journal
  bool ended_ = false;
};

}  // namespace irqlab
