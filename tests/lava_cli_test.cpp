// irqlab lava jobs / collect: bad input is one line, before any kernel build.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {
const std::string kSource = IRQLAB_TEST_SOURCE_DIR;
const std::string kScenario = kSource + "/tests/scenarios/short.scenario";
}  // namespace

TEST(LavaCli, BadJobOptionsAreOneLine) {
  const fs::path dir = make_temp_dir("lava-cli");
  const std::string out = (dir / "out").string();
  auto jobs = [&](std::vector<std::string> more) {
    std::vector<std::string> args = {"lava", "jobs", kScenario, "--out", out};
    args.insert(args.end(), more.begin(), more.end());
    const CliRun r = run_irqlab(args);
    EXPECT_NE(r.exit_code, 0);
    EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;  // one line
    return error_line(r.err);
  };
  EXPECT_EQ(jobs({}), "irqlab: error: --device-type is required (qemu, or the lab's device type with --boot-method)");
  EXPECT_EQ(jobs({"--device-type", "x86"}),
            "irqlab: error: --boot-method: device type 'x86' needs ipxe, grub or u-boot ('' given)");
  EXPECT_EQ(jobs({"--device-type", "qemu", "--boot-method", "ipxe"}),
            "irqlab: error: --boot-method is for device types other than qemu");
  EXPECT_EQ(jobs({"--device-type", "qemu", "--append", "quiet;reboot"}),
            "irqlab: error: --append: 'quiet;reboot' holds a character LAVA's shell would interpret");
  EXPECT_EQ(jobs({"--device-type", "qemu", "--artifact-url", "lab-server/irqlab"}),
            "irqlab: error: --artifact-url: 'lab-server/irqlab' is not a URL (http://..., https://..., file://...)");
  fs::create_directories(out);
  std::ofstream(dir / "out" / "old.yaml") << "x";
  EXPECT_EQ(jobs({"--device-type", "qemu"}),
            "irqlab: error: --out: " + out + " is not empty (the jobs of one night go into a directory of their own)");
  EXPECT_FALSE(fs::exists(dir / "out" / "jobs"));
  fs::remove_all(dir);
}

TEST(LavaCli, LogsWithoutRecordsAreNamedAndTheOthersKept) {
  const fs::path dir = make_temp_dir("lava-cli-collect");
  const CliRun device = run_irqlab({"lava", "collect", "/dev/null", "--out", (dir / "c").string()});
  EXPECT_EQ(device.exit_code, 1);
  EXPECT_EQ(device.err, "irqlab: error: /dev/null: not a regular file (a job log is a file)\n");
  std::ofstream(dir / "failed.log") << R"({"dt": "x", "lvl": "target", "msg": "irqlab-lava: run failed with exit status 1"})"
                                    << "\n"
                                    << R"({"dt": "x", "lvl": "results", "msg": {"case": "job", "definition": "lava", "result": "fail", "error_msg": "irqlab scenario run failed in the guest"}})"
                                    << "\n";
  const CliRun two = run_irqlab({"lava", "collect", (dir / "failed.log").string(), (dir / "missing.log").string(),
                                 "--out", (dir / "c").string()});
  EXPECT_EQ(two.exit_code, 1);
  EXPECT_EQ(two.err, "irqlab: no records: " + (dir / "failed.log").string() +
                         ": no records in this job log (job result: fail, irqlab scenario run failed in the guest)\n"
                         "irqlab: no records: " + (dir / "missing.log").string() +
                         ": cannot read the job log: no such file\n"
                         "irqlab: error: 2 of 2 job logs gave no records (listed above)\n");
  fs::remove_all(dir);
}

}  // namespace irqlab::test
