// `irqlab restore` trusts the journal only as far as it must: writes stay
// beneath the journal's root with no symlink followed, a root that resolves
// to / is refused, only irqbalance is started again, and only where the
// service control manages the root.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fake_kernel.h"
#include "fixture_root.h"
#include "irqlab/common/files.h"
#include "irqlab/control/restore.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/topology/discovery.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;

// A fixture copy with a journal written by hand, and files outside its root.
struct HostileJournal {
  HostileJournal() : copy("default"), kernel(copy.root(), journal_path()) {
    outside = copy.root().parent_path() / "outside";
    fs::create_directories(outside);
    fs::create_directories(copy.state_dir());
  }
  fs::path journal_path() const { return copy.state_dir() / "journal"; }
  void write_journal(const std::string& root, const std::string& changes) const {
    std::ofstream(journal_path()) << "irqlab-journal 1\nsession 1 pid=1 boot=" << copy.read("/proc/sys/kernel/random/boot_id")
                                  << " time=t root=" << root << "\n"
                                  << changes;
  }
  // restore_journal's error, or "(restored)".
  std::string restore(SystemWriter& writer) {
    std::ostringstream out;
    return error_of([&] { restore_journal(copy.state_dir(), writer, services, out); }, "(restored)");
  }
  // A file outside the root, and a symlink to it at `abs` inside.
  fs::path plant_symlink(const std::string& abs, const std::string& name, const std::string& content) const {
    std::ofstream(outside / name) << content;
    fs::remove_all(copy.path(abs));
    fs::create_symlink(outside / name, copy.path(abs));
    return outside / name;
  }

  test::FixtureCopy copy;
  test::FakeKernel kernel;
  test::FakeServices services;
  fs::path outside;
};

TEST(RestoreSafety, ASymlinkInsideTheRootIsNotFollowedAndNothingOutsideIsWritten) {
  HostileJournal h;
  const fs::path affinity = h.plant_symlink("/proc/irq/28/smp_affinity_list", "affinity", "2-3\n");
  fs::create_directories(h.outside / "cpu3");
  std::ofstream(h.outside / "cpu3/online") << "0\n";
  fs::remove_all(h.copy.path("/sys/devices/system/cpu/cpu3"));
  fs::create_symlink(h.outside / "cpu3", h.copy.path("/sys/devices/system/cpu/cpu3"));
  h.write_journal(h.copy.root().string(), "irq 1 28 name=nvme0q0 from=0-1 to=2-3\ncpu 1 3 from=1 to=0\n");

  KernelFileWriter writer;  // the real one, on a root the test owns
  const std::string error = h.restore(writer);
  EXPECT_TRUE(error.starts_with("restore incomplete: CPU 3 could not be put online: Too many levels of symbolic "
                                "links (ELOOP) (a symlink on the way: irqlab never writes through one) (and 1 more)"))
      << error;
  EXPECT_EQ(read_file(affinity), "2-3\n");
  EXPECT_EQ(read_file(h.outside / "cpu3/online"), "0\n");
  EXPECT_TRUE(fs::exists(h.journal_path())) << "kept for a human to look at";
}

TEST(RestoreSafety, ARootThatResolvesToSlashIsRefusedBeforeAnyWrite) {
  HostileJournal h;
  h.kernel.deny_open = true;  // records writes without making any
  fs::create_symlink("/", h.outside / "to-slash");
  for (const std::string& root : {(h.outside / "to-slash").string(), h.copy.root().string() + "/../../../../../.."}) {
    h.write_journal(root, "cpu 1 3 from=1 to=0\n");
    EXPECT_EQ(h.restore(h.kernel), h.journal_path().string() + ":2: root " + root +
                                       " resolves to / (the live system): a journal of another root never writes "
                                       "there; refused");
  }
  EXPECT_TRUE(h.kernel.writes.empty());
}

TEST(RestoreSafety, AServiceOtherThanIrqbalanceIsRefused) {
  HostileJournal h;
  h.write_journal("/", "service 1 stop unit=sshd.service\n");
  EXPECT_EQ(h.restore(h.kernel), "corrupt journal " + h.journal_path().string() +
                                     ":3: service 'sshd.service' is not one irqlab stops (only irqbalance.service)");
  EXPECT_TRUE(h.services.log.empty());
}

TEST(RestoreSafety, IrqbalanceUnderARootTheServicesDoNotManageIsRefused) {
  HostileJournal h;
  h.services.manages_roots = false;  // as systemctl for anything but /
  h.write_journal(h.copy.root().string(), "cpu 1 3 from=1 to=0\nservice 1 stop unit=irqbalance.service\n");
  EXPECT_EQ(h.restore(h.kernel), h.journal_path().string() + ":4: service irqbalance.service stopped under root " +
                                     fs::canonical(h.copy.root()).string() +
                                     ": irqlab stops services only on the live system; refused");
  EXPECT_TRUE(h.services.log.empty());
  EXPECT_TRUE(h.kernel.writes.empty()) << "refused before the first write";
}

TEST(RestoreSafety, ARootThatIsGoneIsNothingToPutBack) {
  HostileJournal h;
  h.write_journal((h.outside / "gone").string(), "cpu 1 3 from=1 to=0\n");
  EXPECT_EQ(h.restore(h.kernel), "(restored)");
  EXPECT_TRUE(h.kernel.writes.empty());
}

}  // namespace
}  // namespace irqlab
