// Control on a writable copy of a captured fixture, with FakeKernel
// answering as stock 6.12 does: journal before change, refusals as outcomes,
// hotplug safety rules, restore on exit, on unwinding, and after a crash.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "fake_kernel.h"
#include "fixture_root.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/control/control_session.h"
#include "irqlab/control/layout_apply.h"
#include "irqlab/control/restore.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/topology/discovery.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;
using test::FakeKernel;
using test::FakeServices;
using test::FixtureCopy;

struct Lab {
  explicit Lab(const std::string& fixture) : copy(fixture), kernel(copy.root(), copy.state_dir() / "journal") {
    DiscoveryOptions o;
    o.root = copy.root();
    machine = discover(o);
    options.state_dir = copy.state_dir();
    options.settle = std::chrono::milliseconds(0);
    options.log = &log;
  }
  std::unique_ptr<ControlSession> session() {
    return std::make_unique<ControlSession>(machine, options, kernel, services);
  }
  bool journal_exists() const { return fs::exists(copy.state_dir() / "journal"); }
  std::string journal() const { return read_file(copy.state_dir() / "journal"); }

  FixtureCopy copy;
  FakeKernel kernel;
  FakeServices services;
  Machine machine;
  ControlOptions options;
  std::ostringstream log;
};

TEST(Control, ManagedQueueIsRefusedWithEpermAndNothingChanges) {
  Lab lab("default");
  {
    auto s = lab.session();
    LayoutReport r = apply_layout(*s, make_layout(lab.machine, {"remote", {}, {}, {}}));
    ASSERT_EQ(r.moves.size(), 4u);
    for (const IrqMove& m : r.moves) {
      EXPECT_EQ(m.status, IrqMove::Status::Refused);
      EXPECT_EQ(m.outcome, "refused by the kernel: managed interrupt (EPERM)");
      EXPECT_EQ(m.after, m.before);
    }
    EXPECT_EQ(r.summary(), "4 interrupts: 0 moved, 4 refused by the kernel: managed interrupt (EPERM)");
    auto j = layout_report_json(r);
    EXPECT_EQ(j["schema"], "irqlab-layout-report");
    EXPECT_EQ(j["interrupts"][0]["status"], "refused");
    EXPECT_EQ(j["interrupts"][0]["errno"], "EPERM");
    EXPECT_EQ(s->restore().summary(), "nothing to put back");
  }
  EXPECT_EQ(lab.copy.read("/proc/irq/29/smp_affinity_list"), "2");
  EXPECT_FALSE(lab.journal_exists()) << "a restored journal is removed";
}

TEST(Control, SpreadLayoutOnTheSpreadIsAlreadyThere) {
  Lab lab("default");
  auto s = lab.session();
  LayoutReport r = apply_layout(*s, make_layout(lab.machine, {"spread", {}, {}, {}}));
  EXPECT_EQ(r.count(IrqMove::Status::AlreadyThere), 4);
  EXPECT_TRUE(lab.kernel.writes.empty());
}

// A kernel that accepts the writes (option 1 / option 3 later): moved,
// verified, journaled first, and put back by the destructor.
TEST(Control, AcceptedMovesAreJournaledFirstVerifiedAndPutBack) {
  Lab lab("nvme-node1");
  for (int irq = 29; irq <= 32; ++irq) lab.copy.write("/sys/kernel/debug/irq/irqs/" + std::to_string(irq), "");
  {
    auto s = lab.session();
    LayoutReport r = apply_layout(*s, make_layout(lab.machine, {"remote", {}, {}, {}}));
    EXPECT_EQ(r.count(IrqMove::Status::Moved), 4) << r.summary();
    EXPECT_EQ(r.moves[0].effective_after, CpuSet{0});
    EXPECT_EQ(lab.copy.read("/proc/irq/29/smp_affinity_list"), "0-1");
    ASSERT_EQ(lab.kernel.journal_at_write.size(), 4u);
    EXPECT_NE(lab.kernel.journal_at_write[0].find("irq 1 29 name=nvme0q1 from=2 to=0-1\n"), std::string::npos)
        << "the record must be on disk before the write:\n"
        << lab.kernel.journal_at_write[0];
  }  // no restore() call: the destructor puts it back
  EXPECT_EQ(lab.copy.read("/proc/irq/29/smp_affinity_list"), "2");
  EXPECT_EQ(lab.copy.read("/proc/irq/32/smp_affinity_list"), "1");
  EXPECT_EQ(lab.log.str(), "irqlab: put back 4 interrupt affinities\n");
  EXPECT_FALSE(lab.journal_exists());
}

TEST(Control, UnwindingFromASignalRestores) {
  Lab lab("default");
  try {
    auto s = lab.session();
    s->set_cpu_online(3, false);
    EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-2");
    throw Interrupted(SIGTERM);  // what run_process throws after SIGTERM
  } catch (const Interrupted&) {
  }
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/cpu3/online"), "1");
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
}

TEST(Control, HotplugRefusesBootCpuLastCpuOfANodeAndHarnessCpus) {
  Lab lab("default");
  lab.options.harness_cpus = {1};
  auto s = lab.session();
  auto error = [&](int cpu) { return error_of([&] { s->set_cpu_online(cpu, false); }); };
  EXPECT_EQ(error(0), "CPU 0 cannot be taken offline: it has no online file (the boot CPU)");
  EXPECT_EQ(error(1), "CPU 1 runs the harness (harness CPUs 1): not taken offline");
  EXPECT_EQ(error(9), "CPU 9 does not exist (CPUs 0-3)");
  EXPECT_TRUE(s->set_cpu_online(2, false).changed);
  EXPECT_EQ(error(3), "CPU 3 is the last online CPU of node 1: not taken offline");
  EXPECT_FALSE(s->set_cpu_online(2, false).changed) << "already offline";
  EXPECT_TRUE(s->set_cpu_online(2, true).changed);
  EXPECT_TRUE(s->set_cpu_online(2, false).changed);
  s->restore();
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
  // Two offlines and an online of CPU 2: put back to its first state, online,
  // without going through offline again.
  EXPECT_EQ(lab.kernel.writes.back(), "/sys/devices/system/cpu/cpu2/online 1");
}

// Option 1 (irq_managed=spread) and every non-managed interrupt: the kernel
// breaks the affinity of an interrupt whose CPUs all go offline and never
// restores it. irqlab journals it before the offline and puts it back.
TEST(Control, AffinityBrokenByOfflineIsJournaledAndPutBack) {
  Lab lab("default");
  lab.copy.write("/proc/irq/28/smp_affinity_list", "3\n");  // the admin queue: not managed
  {
    auto s = lab.session();
    s->set_cpu_online(3, false);
    EXPECT_EQ(lab.copy.read("/proc/irq/28/smp_affinity_list"), "0-2") << "the kernel broke it";
    EXPECT_EQ(lab.copy.read("/proc/irq/30/smp_affinity_list"), "3") << "managed: shut down, not broken";
    const std::string journal = lab.kernel.journal_at_write.back();
    EXPECT_NE(journal.find("irq 1 28 name=nvme0q0 from=3 to=0-2\nirq 1 30 name=nvme0q2 from=3 to=0-2\ncpu 1 3"),
              std::string::npos)
        << journal;
  }
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
  EXPECT_EQ(lab.copy.read("/proc/irq/28/smp_affinity_list"), "3");
  EXPECT_EQ(lab.log.str(), "irqlab: put back 1 interrupt affinity and 1 CPU\n");
}

TEST(Control, KernelRefusingHotplugAndNonRootAreErrors) {
  Lab lab("default");
  lab.kernel.refuse_cpus = {2};
  auto s = lab.session();
  try {
    s->set_cpu_online(2, false);
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "the kernel refused to take CPU 2 offline: Device or resource busy (EBUSY)");
  }
  lab.kernel.deny_open = true;
  try {
    s->move_irq(28, {2, 3});
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "cannot open " + lab.copy.path("/proc/irq/28/smp_affinity_list").string() +
                  " for writing: Permission denied (irqlab must run as root to change the machine)");
  }
  try {
    s->move_irq(99, {2});
    FAIL();
  } catch (const Error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with("irq 99 does not exist")) << e.what();
  }
}

TEST(Control, AllOfflinePlanIsSkippedNotWritten) {
  Lab lab("default-cpu3-offline");
  auto s = lab.session();
  IrqMove m = s->move_irq(28, {3});
  EXPECT_EQ(m.status, IrqMove::Status::Skipped);
  EXPECT_TRUE(lab.kernel.writes.empty());
}

// The crash: a child makes changes and dies without unwinding (as after
// SIGKILL); the journal stays; `irqlab restore` puts everything back.
TEST(Control, RestoreAfterASimulatedCrash) {
  Lab lab("default");
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    auto* s = new ControlSession(lab.machine, lab.options, lab.kernel, lab.services);
    s->move_irq(28, {2, 3});       // the admin queue: not managed, accepted
    s->set_cpu_online(3, false);
    s->set_cpu_online(1, false);
    _exit(0);                      // no destructor, no restore
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0,2");
  EXPECT_EQ(lab.copy.read("/proc/irq/28/smp_affinity_list"), "2-3");
  ASSERT_TRUE(lab.journal_exists());

  // A new run refuses to start on top of the crash.
  try {
    lab.session();
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("holds changes of an irqlab run that did not finish"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("run `irqlab restore` first"), std::string::npos);
  }

  std::ostringstream out;
  RestoreReport r = restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, out);
  EXPECT_EQ(r.summary(), "put back 1 interrupt affinity and 2 CPUs");
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
  EXPECT_EQ(lab.copy.read("/proc/irq/28/smp_affinity_list"), "0-1");
  EXPECT_FALSE(lab.journal_exists());
  // CPUs come back before the affinity that may name them (the child's own
  // writes were recorded in its memory, not here).
  ASSERT_EQ(lab.kernel.writes.size(), 3u);
  EXPECT_EQ(lab.kernel.writes[0], "/sys/devices/system/cpu/cpu1/online 1");
  EXPECT_EQ(lab.kernel.writes[1], "/sys/devices/system/cpu/cpu3/online 1");
  EXPECT_EQ(lab.kernel.writes[2], "/proc/irq/28/smp_affinity_list 0-1");

  std::ostringstream again;
  restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, again);
  EXPECT_EQ(again.str(), "nothing to restore: no journal in " + lab.copy.state_dir().string() + "\n");
}

TEST(Control, RestoreOfAJournalFromAnEarlierBootTouchesNothing) {
  Lab lab("default");
  fs::create_directories(lab.copy.state_dir());
  std::ofstream(lab.copy.state_dir() / "journal")
      << "irqlab-journal 1\nsession 1 pid=1 boot=another-boot time=t root=" << lab.copy.root().string()
      << "\ncpu 1 3 from=0 to=1\n";
  std::ostringstream out;
  restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, out);
  EXPECT_TRUE(lab.kernel.writes.empty());
  EXPECT_NE(out.str().find("the journal is from an earlier boot (another-boot)"), std::string::npos) << out.str();
  EXPECT_FALSE(lab.journal_exists());
}

TEST(Control, CorruptJournalIsOneLineNamingFileAndLine) {
  Lab lab("default");
  fs::create_directories(lab.copy.state_dir());
  std::ofstream(lab.copy.state_dir() / "journal")
      << "irqlab-journal 1\nsession 1 pid=1 boot=b time=t root=/\nirq 1 x\n";
  std::ostringstream out;
  try {
    restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "corrupt journal " + (lab.copy.state_dir() / "journal").string() + ":3: bad irq number 'x'");
  }
  EXPECT_TRUE(lab.journal_exists()) << "a corrupt journal is kept for a human";
}

TEST(Control, IncompleteRestoreKeepsTheJournal) {
  Lab lab("default");
  auto s = lab.session();
  s->set_cpu_online(3, false);
  lab.kernel.refuse_everything = true;
  try {
    s->restore();
    FAIL();
  } catch (const Error& e) {
    EXPECT_TRUE(std::string(e.what()).starts_with(
        "restore incomplete: CPU 3 could not be put online: Input/output error (EIO); run `irqlab restore`"))
        << e.what();
  }
  s.reset();
  EXPECT_TRUE(lab.journal_exists());
  lab.kernel.refuse_everything = false;
  std::ostringstream out;
  restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, out);
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
}

TEST(Control, KeptChangesStackAndRestoreToTheFirstState) {
  Lab lab("default");
  {
    auto s = lab.session();
    s->set_cpu_online(3, false);
    s->keep();
  }
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-2");
  {
    auto s = lab.session();  // a kept journal does not block a new run
    s->set_cpu_online(3, true);
    s->set_cpu_online(2, false);
    EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-1,3");
  }  // this run's own changes are put back: 2 online, 3 offline again (as it found it)
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-2");
  std::ostringstream out;
  restore_journal(lab.copy.state_dir(), lab.kernel, lab.services, out);
  EXPECT_EQ(lab.copy.read("/sys/devices/system/cpu/online"), "0-3");
  EXPECT_FALSE(lab.journal_exists());
}

TEST(Control, IrqbalanceIsStoppedForTheRunAndStartedAfter) {
  Lab lab("default");
  lab.copy.write("/proc/777/comm", "irqbalance\n");
  lab.services.active = {kIrqbalanceUnit};
  {
    auto s = lab.session();
    EXPECT_TRUE(s->stop_irqbalance());
    EXPECT_NE(lab.journal().find("service 1 stop unit=irqbalance.service\n"), std::string::npos);
    EXPECT_FALSE(lab.services.is_active(kIrqbalanceUnit));
  }
  EXPECT_EQ(lab.services.log, (std::vector<std::string>{"stop irqbalance.service", "start irqbalance.service"}));
}

TEST(Control, IrqbalanceOutsideSystemdIsNotStopped) {
  Lab lab("default");
  lab.copy.write("/proc/777/comm", "irqbalance\n");
  auto s = lab.session();
  try {
    s->stop_irqbalance();
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "irqbalance (pid 777) is not run by systemd's irqbalance.service: stop it yourself (irqlab would "
                 "not know how to start it again)");
  }
}

TEST(Control, SecondRunWaitsForTheFirst) {
  Lab lab("default");
  auto first = lab.session();
  first->set_cpu_online(3, false);
  pid_t pid = fork();
  if (pid == 0) {
    try {
      ControlSession second(lab.machine, lab.options, lab.kernel, lab.services);
    } catch (const Error& e) {
      _exit(std::string(e.what()).find("is in use by another irqlab (pid") != std::string::npos ? 0 : 2);
    }
    _exit(1);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
}

}  // namespace
}  // namespace irqlab
