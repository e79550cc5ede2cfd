// A guest that panics, hangs or is interrupted is reported with one clear
// line and the console's tail, and no qemu is left running.
#include <gtest/gtest.h>

#include "cli_harness.h"
#include "irqlab/common/process.h"

namespace irqlab::test {
namespace fs = std::filesystem;

TEST(LabFailure, KernelPanicAtBootIsReportedWithTheConsoleTail) {
  fs::path dir = make_temp_dir("panic");
  // An init that does not exist makes the kernel panic at the end of boot.
  CliRun run = run_irqlab({"lab", "run", "--run-dir", (dir / "run").string(), "--append",
                           "init=/nonexistent/irqlab-init", "--", "true"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(error_line(run.err).starts_with("irqlab: error: guest kernel panic: Kernel panic - not syncing"))
      << run.err;
  EXPECT_NE(run.err.find("/nonexistent/irqlab-init"), std::string::npos) << "no console tail:\n" << run.err;
  EXPECT_TRUE(no_process_mentions((dir / "run").string()));
  fs::remove_all(dir);
}

TEST(LabFailure, HungGuestHitsTheHardTimeout) {
  fs::path dir = make_temp_dir("hung");
  CliRun run = run_irqlab({"lab", "run", "--run-dir", (dir / "run").string(), "--timeout", "20", "--", "sleep",
                           "1000"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(error_line(run.err), "irqlab: error: guest did not finish within 20 s") << run.err;
  EXPECT_TRUE(no_process_mentions((dir / "run").string()));
  fs::remove_all(dir);
}

TEST(LabFailure, SigtermStopsTheGuest) {
  fs::path dir = make_temp_dir("sigterm");
  const std::string run_dir = (dir / "run").string();
  ProcessResult r = run_process(
      {"sh", "-c",
       "\"$0\" lab run --run-dir \"$1\" -- sleep 1000 2>\"$1.err\" & pid=$!; sleep 8; kill -TERM $pid; wait $pid; "
       "echo status=$?; cat \"$1.err\"",
       IRQLAB_BINARY, run_dir});
  EXPECT_NE(r.output.find("status=143"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("irqlab: error: interrupted by SIGTERM"), std::string::npos) << r.output;
  EXPECT_TRUE(no_process_mentions(run_dir)) << "qemu survived SIGTERM";
  fs::remove_all(dir);
}

}  // namespace irqlab::test
