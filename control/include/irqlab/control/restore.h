#pragma once
// Putting a machine back as the journal says it was.
//
// Each object (an irq, a CPU, a service) goes back to the "from" value of its
// FIRST record, whatever happened in between; the order avoids transient
// damage: CPUs that were online come back first (so that affinities naming
// them are accepted), then interrupt affinities, then CPUs that were offline
// go offline again, then stopped services start. Values already in place are
// left alone, so a restore can be repeated after it was itself interrupted.
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "irqlab/control/journal.h"
#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/topology/sysroot.h"

namespace irqlab {

struct RestoreReport {
  int irqs = 0;                       // affinities written back
  int cpus = 0;                       // CPUs put back online/offline
  int services = 0;                   // services started again
  std::vector<std::string> failures;  // what could not be put back, one phrase each
  std::vector<std::string> notes;     // skipped, and why

  bool complete() const { return failures.empty(); }
  // "put back 2 interrupt affinities and 1 CPU", "nothing to put back"
  std::string summary() const;
};

RestoreReport restore_changes(const SysRoot& sys, SystemWriter& writer, ServiceControl& services,
                              const std::vector<JournalChange>& changes);

// `irqlab restore`: replays every unfinished or kept session of the journal
// in state_dir on the root the journal names, then removes the journal.
// Writes go only to the kernel files of the journaled kinds (an irq's
// smp_affinity_list, a CPU's online), beneath the root with no symlink
// followed (KernelFileWriter). A root other than "/" that resolves to "/" is
// refused, and so is a service line under a root the service control does
// not manage, each naming the journal line, before anything is written.
// Nothing to do is not an error. A journal from an earlier boot is removed
// without touching anything (the reboot put everything back). Throws Error
// for a corrupt journal, a journal in use, or an incomplete restore (the
// journal then stays).
RestoreReport restore_journal(const std::filesystem::path& state_dir, SystemWriter& writer, ServiceControl& services,
                              std::ostream& out);

}  // namespace irqlab
