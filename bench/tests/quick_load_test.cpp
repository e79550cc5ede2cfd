#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "irqlab/bench/quick_load.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

const fs::path kGuest = fs::path(IRQLAB_FIXTURES_DIR) / "guest-default";

using PerCpu = std::map<int, std::uint64_t>;

// A scratch directory removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "irqlab-bench-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

TEST(QuickLoad, ReadsTheLabGuestCapture) {
  QuickLoadResult r = read_quick_load(kGuest);
  EXPECT_EQ(r.guest_kernel_release, "6.12.117+");
  EXPECT_EQ(r.guest_cmdline.rfind("console=ttyS0 root=root rootfstype=9p", 0), 0u) << r.guest_cmdline;
  EXPECT_EQ(r.fio_exit_status, 0);
  EXPECT_EQ(r.fio.error, 0);
  EXPECT_EQ(r.fio.total_ios, 226716u);

  ASSERT_EQ(r.queues.size(), 5u);
  const char* names[] = {"nvme0q0", "nvme0q1", "nvme0q2", "nvme0q3", "nvme0q4"};
  const char* irqs[] = {"28", "29", "30", "31", "32"};
  const char* affinity[] = {"0-1", "2", "3", "0", "1"};
  const char* effective[] = {"1", "2", "3", "0", "1"};
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(r.queues[i].name, names[i]);
    EXPECT_EQ(r.queues[i].irq, irqs[i]);
    EXPECT_EQ(r.queues[i].affinity, affinity[i]);
    EXPECT_EQ(r.queues[i].effective_affinity, effective[i]);
  }
  // Deltas over the load; the admin queue did not fire during it.
  EXPECT_EQ(r.queues[0].interrupts_per_cpu, PerCpu{});
  EXPECT_EQ(r.queues[1].interrupts_per_cpu, (PerCpu{{2, 2578}}));
  EXPECT_EQ(r.queues[2].interrupts_per_cpu, (PerCpu{{3, 17521}}));
  EXPECT_EQ(r.queues[3].interrupts_per_cpu, (PerCpu{{0, 2246}}));
  EXPECT_EQ(r.queues[4].interrupts_per_cpu, (PerCpu{{1, 19187}}));  // 19188 after, 1 before
  EXPECT_EQ(r.queues[4].total_interrupts(), 19187u);
}

TEST(QuickLoad, NvmeQueueNames) {
  EXPECT_EQ(parse_nvme_queue_name("nvme0q1"), (NvmeQueueId{0, 1}));
  EXPECT_EQ(parse_nvme_queue_name("nvme12q0"), (NvmeQueueId{12, 0}));
  for (const char* bad : {"nvme0", "nvmeq1", "nvme0q", "nvme0q1x", "virtio0-requests", "nvme0q-1", ""})
    EXPECT_FALSE(parse_nvme_queue_name(bad).has_value()) << bad;
  EXPECT_LT(*parse_nvme_queue_name("nvme0q2"), *parse_nvme_queue_name("nvme0q10"));
  EXPECT_LT(*parse_nvme_queue_name("nvme0q10"), *parse_nvme_queue_name("nvme1q0"));
}

TEST(QuickLoad, QueuesSortNaturallyAndCpusAreMatchedByNumber) {
  TempDir d;
  for (const char* f : {"fio.json", "fio.status", "cmdline", "kernel-release"})
    fs::copy_file(kGuest / f, d.path / f);
  // cpu1 went offline between the snapshots: columns shift, numbers do not.
  write(d.path / "interrupts.before",
        "      CPU0       CPU1       CPU2\n"
        " 40:    5    7    0  PCI-MSIX-0000:81:00.0  10-edge  nvme0q10\n"
        " 41:    0    0    0  PCI-MSIX-0000:81:00.0   2-edge  nvme0q2\n"
        " 42:    1    0    0  PCI-MSIX-0000:82:00.0   0-edge  nvme1q0\n"
        " 43:    0    0    9  IO-APIC   4-edge  ttyS0\n");
  write(d.path / "interrupts.after",
        "      CPU0       CPU2\n"
        " 40:    8    0  PCI-MSIX-0000:81:00.0  10-edge  nvme0q10\n"
        " 41:    0    4  PCI-MSIX-0000:81:00.0   2-edge  nvme0q2\n"
        " 42:    1    0  PCI-MSIX-0000:82:00.0   0-edge  nvme1q0\n"
        " 44:    0    6  PCI-MSIX-0000:81:00.0   1-edge  nvme0q1\n"
        " 43:    0   30  IO-APIC   4-edge  ttyS0\n");
  write(d.path / "irq-affinity", "40 0-1 0\n41 2 2\n42 0-2 -\n43 0-2 2\n");
  QuickLoadResult r = read_quick_load(d.path);
  ASSERT_EQ(r.queues.size(), 4u);
  EXPECT_EQ(r.queues[0].name, "nvme0q1");
  EXPECT_EQ(r.queues[1].name, "nvme0q2");
  EXPECT_EQ(r.queues[2].name, "nvme0q10");
  EXPECT_EQ(r.queues[3].name, "nvme1q0");
  EXPECT_EQ(r.queues[0].interrupts_per_cpu, (PerCpu{{2, 6}}));  // new irq: counted from zero
  EXPECT_EQ(r.queues[0].affinity, "-");                        // not in irq-affinity
  EXPECT_EQ(r.queues[1].interrupts_per_cpu, (PerCpu{{2, 4}}));
  EXPECT_EQ(r.queues[2].interrupts_per_cpu, (PerCpu{{0, 3}}));
  EXPECT_EQ(r.queues[3].effective_affinity, "-");
}

TEST(QuickLoad, MissingOrBadFilesAreNamed) {
  TempDir d;
  write(d.path / "fio.log", "fio: failed to open /dev/nvme0n1: No such file or directory\n");
  try {
    read_quick_load(d.path);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("fio.json is missing"), std::string::npos) << e.what();
    EXPECT_NE(e.detail().find("No such file"), std::string::npos) << e.detail();
  }
  fs::copy_file(kGuest / "fio.json", d.path / "fio.json");
  for (const char* f : {"fio.status", "cmdline", "kernel-release", "interrupts.before", "interrupts.after"}) {
    try {
      read_quick_load(d.path);
      FAIL() << "no error without " << f;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(f), std::string::npos) << e.what();
    }
    fs::copy_file(kGuest / f, d.path / f);
  }
  write(d.path / "irq-affinity", "28 0-1\n");
  try {
    read_quick_load(d.path);
    FAIL() << "no error on a bad irq-affinity";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("irq-affinity line 1"), std::string::npos) << e.what();
  }
  write(d.path / "interrupts.after", "garbage\n");
  EXPECT_THROW(read_quick_load(d.path), Error);
}

TEST(QuickLoad, GuestScriptRecordsEverythingAroundFio) {
  FioLoad load;
  load.filenames = {"/dev/nvme0n1"};
  std::string s = quick_load_guest_script(load);
  EXPECT_EQ(s.rfind("#!/bin/sh\n", 0), 0u);
  std::size_t before = s.find("/proc/interrupts > interrupts.before");
  std::size_t fio = s.find("\nfio --name=irqlab");  // the run, not the printf
  std::size_t after = s.find("/proc/interrupts > interrupts.after");
  ASSERT_NE(before, std::string::npos);
  ASSERT_NE(fio, std::string::npos);
  ASSERT_NE(after, std::string::npos);
  EXPECT_LT(before, fio);
  EXPECT_LT(fio, after);
  for (const char* part : {" --output=fio.json", " --output-format=json+", " --readonly", "> fio.log 2>&1",
                           "effective_affinity_list", "smp_affinity_list", "/proc/cmdline > cmdline",
                           "uname -r > kernel-release", "> fio.status", "exit \"$status\""})
    EXPECT_NE(s.find(part), std::string::npos) << part;
  load.filenames = {"/dev/it's"};
  EXPECT_NE(quick_load_guest_script(load).find("'--filename=/dev/it'\\''s'"), std::string::npos);
}

TEST(QuickLoad, GuestScriptRunsUnderShWithAStubFio) {
  // The script runs for real on this host, with a stub fio that leaves a
  // captured json+ and fails: every file must appear and the status must pass through.
  TempDir d;
  fs::create_directory(d.path / "bin");
  fs::create_directory(d.path / "share");
  write(d.path / "bin" / "fio",
        "#!/bin/sh\n"
        "for a in \"$@\"; do case \"$a\" in --output=*) cp '" + (kGuest / "fio.json").string() +
            "' \"${a#--output=}\";; esac; done\n"
        "echo 'stub fio ran'\n"
        "exit 3\n");
  fs::permissions(d.path / "bin" / "fio", fs::perms::owner_all);
  FioLoad load;
  load.filenames = {"/dev/nvme0n1"};
  write(d.path / "quick-load.sh", quick_load_guest_script(load));
  ProcessOptions options;
  options.cwd = d.path / "share";
  const char* path = getenv("PATH");
  options.extra_env = {"PATH=" + (d.path / "bin").string() + ":" + (path ? path : "/usr/bin:/bin")};
  ProcessResult run = run_process({"sh", (d.path / "quick-load.sh").string()}, options);
  EXPECT_EQ(run.exit_code, 3) << run.output;
  EXPECT_EQ(read_file(d.path / "share" / "fio.log"), "stub fio ran\n");
  EXPECT_NE(read_file(d.path / "share" / "fio.command").find("--output=fio.json\n"), std::string::npos);
  QuickLoadResult r = read_quick_load(d.path / "share");
  EXPECT_EQ(r.fio_exit_status, 3);
  EXPECT_EQ(r.fio.total_ios, 226716u);
  EXPECT_FALSE(r.guest_kernel_release.empty());
  EXPECT_FALSE(read_file(d.path / "share" / "irq-affinity").empty());
}

}  // namespace
}  // namespace irqlab
