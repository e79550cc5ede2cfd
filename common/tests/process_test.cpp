#include "irqlab/common/process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>

#include "irqlab/common/error.h"

namespace irqlab {

TEST(Process, CapturesOutputAndExitCode) {
  auto r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.output.find("out"), std::string::npos);
  EXPECT_NE(r.output.find("err"), std::string::npos);
  EXPECT_EQ(r.last_line(), "err");
  EXPECT_EQ(r.describe(), "exit status 3");
}

TEST(Process, MissingProgramIsAnError) {
  EXPECT_THROW(run_process({"/nonexistent/irqlab-no-such-tool"}), Error);
  EXPECT_FALSE(find_executable("/nonexistent/irqlab-no-such-tool"));
  EXPECT_TRUE(find_executable("sh"));
}

TEST(Process, TimeoutKillsTheWholeGroup) {
  // The grandchild holds stdout open; the timeout must still end everything.
  ProcessOptions opt;
  opt.timeout = std::chrono::milliseconds(300);
  auto start = std::chrono::steady_clock::now();
  auto r = run_process({"sh", "-c", "sleep 30 & echo $! ; wait"}, opt);
  EXPECT_TRUE(r.timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  // Killed means gone or a zombie waiting for init to reap it.
  // SIGKILL is delivered asynchronously: allow it a moment to land.
  auto grandchild = std::stoi(r.output);
  std::string state;
  for (int i = 0; i < 100; ++i) {
    std::ifstream stat("/proc/" + std::to_string(grandchild) + "/stat");
    std::string pid, comm;
    if (!(stat >> pid >> comm >> state)) state.clear();
    if (state.empty() || state == "Z") break;
    usleep(20 * 1000);
  }
  EXPECT_TRUE(state.empty() || state == "Z") << "grandchild " << grandchild << " survived in state " << state;
}

TEST(Process, RunCheckedNamesTheFailure) {
  try {
    run_checked({"sh", "-c", "echo first; echo 'the reason' >&2; exit 1"}, "frobnicating");
    FAIL() << "expected an Error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "frobnicating failed (exit status 1): the reason");
  }
}

TEST(Process, FeedsInput) {
  ProcessOptions opt;
  opt.input = "hello\n";
  auto r = run_process({"cat"}, opt);
  EXPECT_EQ(r.output, "hello\n");
}

}  // namespace irqlab
