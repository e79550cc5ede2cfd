// Hostile input to the commands that change the machine or run tools:
// restore confined to its journal's root, reports that read only their run
// directory, device checks that fail closed, and system files read bounded.
// Each answers with one line and a non-zero exit, promptly; nothing here
// touches the machine the tests run on (roots and journals are under /tmp).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kSource = IRQLAB_TEST_SOURCE_DIR;
const std::string kRootFixture = kSource + "/topology/tests/fixtures/default";
const std::string kRunFixture = kSource + "/record/tests/fixtures/run-strict";

void expect_error(const CliRun& run, const std::string& line) {
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err, line + "\n");
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A directory under /tmp holding a copy of a fixture, removed at the end.
struct TempCopy {
  TempCopy(const std::string& label, const std::string& fixture) : base(make_temp_dir(label)), copy(base / "copy") {
    fs::copy(fixture, copy, fs::copy_options::recursive);
  }
  ~TempCopy() { fs::remove_all(base); }
  fs::path base, copy;
};

void set_perf_data(const fs::path& run, const std::string& name) {
  nlohmann::json j = nlohmann::json::parse(read_text(run / "run.json"));
  j["perf_data"] = {name};
  std::ofstream(run / "run.json") << j.dump();
}

}  // namespace

TEST(SafetyErrors, RestoreDoesNotFollowASymlinkOutOfItsRoot) {
  TempCopy t("restore-escape", kRootFixture);
  fs::create_directories(t.base / "outside");
  std::ofstream(t.base / "outside/affinity") << "2-3\n";
  fs::remove(t.copy / "proc/irq/28/smp_affinity_list");
  fs::create_symlink(t.base / "outside/affinity", t.copy / "proc/irq/28/smp_affinity_list");
  fs::create_directories(t.base / "state");
  std::ofstream(t.base / "state/journal") << "irqlab-journal 1\nsession 1 pid=1 boot= time=t root=" << t.copy.string()
                                          << "\nirq 1 28 name=nvme0q0 from=0-1 to=2-3\n";
  const CliRun run = run_irqlab({"restore", "--state-dir", (t.base / "state").string()});
  expect_error(run, "irqlab: error: restore incomplete: irq 28 (nvme0q0) could not be put back on CPUs 0-1: Too many "
                    "levels of symbolic links (ELOOP) (a symlink on the way: irqlab never writes through one); the "
                    "journal stays at " + (t.base / "state/journal").string());
  EXPECT_EQ(read_text(t.base / "outside/affinity"), "2-3\n") << "written outside the root";
}

TEST(SafetyErrors, RestoreStartsNoServiceButIrqbalance) {
  TempCopy t("restore-service", kRootFixture);
  fs::create_directories(t.base / "state");
  const fs::path journal = t.base / "state/journal";
  std::ofstream(journal) << "irqlab-journal 1\nsession 1 pid=1 boot= time=t root=/\nservice 1 stop unit=sshd.service\n";
  expect_error(run_irqlab({"restore", "--state-dir", (t.base / "state").string()}),
               "irqlab: error: corrupt journal " + journal.string() +
                   ":3: service 'sshd.service' is not one irqlab stops (only irqbalance.service)");
  std::ofstream(journal) << "irqlab-journal 1\nsession 1 pid=1 boot= time=t root=" << t.copy.string()
                         << "\nservice 1 stop unit=irqbalance.service\n";
  expect_error(run_irqlab({"restore", "--state-dir", (t.base / "state").string()}),
               "irqlab: error: " + journal.string() + ":3: service irqbalance.service stopped under root " +
                   fs::canonical(t.copy).string() + ": irqlab stops services only on the live system; refused");
}

TEST(SafetyErrors, ReportRunsPerfOnlyOnAFileOfTheRunDirectory) {
  TempCopy t("report-perf-data", kRunFixture);
  fs::remove(t.copy / "perf.script");
  set_perf_data(t.copy, "/etc/hostname");
  expect_error(run_irqlab({"scenario", "report", t.copy.string(), "--perf", "/bin/echo"}),
               "irqlab: error: " + (t.copy / "run.json").string() +
                   ": perf_data '/etc/hostname' is not a file name in the run directory " + t.copy.string());
  EXPECT_FALSE(fs::exists(t.copy / "perf.script"));
}

TEST(SafetyErrors, ReportNamesAMalformedMicrobenchFile) {
  TempCopy t("report-microbench", kRunFixture);
  std::ofstream(t.copy / "microbench.json") << R"({"benchmarks": [{"name": 7}]})";
  expect_error(run_irqlab({"scenario", "report", t.copy.string()}),
               "irqlab: error: " + (t.copy / "microbench.json").string() + ": malformed: \"name\" is not a string");
  std::ofstream(t.copy / "microbench.json") << "[1, 2]";
  expect_error(run_irqlab({"scenario", "report", t.copy.string()}),
               "irqlab: error: " + (t.copy / "microbench.json").string() +
                   ": malformed: expected an object (Google Benchmark JSON)");
}

TEST(SafetyErrors, ARunDirectoryGivenTwiceIsNotTwoRepetitions) {
  expect_error(run_irqlab({"scenario", "report", kRunFixture, kRunFixture + "/."}),
               "irqlab: error: " + kRunFixture + "/.: run directory given twice");
}

TEST(SafetyErrors, DeviceCheckRefusesWhenSwapsIsMissing) {
  TempCopy t("device-no-swaps", kRootFixture);
  fs::remove(t.copy / "proc/swaps");
  expect_error(run_irqlab({"device", "check", "nvme0n1", "--root", t.copy.string()}),
               "irqlab: error: nvme0n1 is in use: cannot tell whether it is swap (" + (t.copy / "proc/swaps").string() +
                   " is missing or empty); pass --allow-in-use to read from it anyway");
}

TEST(SafetyErrors, AFifoAsProcInterruptsIsRefusedWithinASecond) {
  TempCopy t("fifo-interrupts", kRootFixture);
  fs::remove(t.copy / "proc/interrupts");
  ASSERT_EQ(::mkfifo((t.copy / "proc/interrupts").c_str(), 0600), 0);
  const CliRun run = run_irqlab_promptly({"topology", "--root", t.copy.string()});
  expect_error(run, "irqlab: error: " + (t.copy / "proc/interrupts").string() + ": not a regular file (a FIFO)");
}

TEST(SafetyErrors, DevZeroAsAnAffinityFileIsRefused) {
  TempCopy t("zero-affinity", kRootFixture);
  fs::remove(t.copy / "proc/irq/29/smp_affinity_list");
  fs::create_symlink("/dev/zero", t.copy / "proc/irq/29/smp_affinity_list");
  expect_error(run_irqlab({"topology", "--root", t.copy.string()}, {}, 10),
               "irqlab: error: " + (t.copy / "proc/irq/29/smp_affinity_list").string() +
                   ": not a regular file (a character device)");
}

}  // namespace irqlab::test
