// Bad scenario input: one error line naming the cause, non-zero exit, and
// nothing changed on the machine (none of these gets that far).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "cli_harness.h"
#include "irqlab/common/files.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

fs::path write_scenario(const fs::path& dir, const std::string& text) {
  fs::path file = dir / "bad.scenario";
  std::ofstream(file) << text;
  return file;
}

void expect_error(const CliRun& run, const std::string& line) {
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(error_line(run.err), line) << run.err;
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << "more than one line:\n" << run.err;
}

// A root captured from the lab's default guest: 4 CPUs, nvme0 with 4 queues.
const std::string kFixtureRoot = std::string(IRQLAB_TEST_SOURCE_DIR) + "/topology/tests/fixtures/default";

}  // namespace

TEST(ScenarioErrors, UnknownKey) {
  fs::path dir = make_temp_dir("scenario-key");
  fs::path file = write_scenario(dir, "duration = 5s\nfio.iodeph = 32\n");
  for (const char* sub : {"check", "run"}) {
    std::vector<std::string> args{"scenario", sub, file.string()};
    if (sub == std::string("run")) args.insert(args.end(), {"--out", (dir / "out").string()});
    expect_error(run_irqlab(args), "irqlab: error: " + file.string() + ":2: unknown key 'fio.iodeph'");
  }
  expect_error(run_irqlab({"run", file.string()}), "irqlab: error: " + file.string() + ":2: unknown key 'fio.iodeph'");
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(ScenarioErrors, TimeOutsideTheRun) {
  fs::path dir = make_temp_dir("scenario-time");
  fs::path file = write_scenario(dir, "duration = 10s\nevent = every 2s from 1s to 11s offline cpu 1\n");
  expect_error(run_irqlab({"scenario", "check", file.string()}),
               "irqlab: error: " + file.string() + ":2: event at 11s lies outside the run (duration 10s)");
  fs::remove_all(dir);
}

TEST(ScenarioErrors, CpuThatDoesNotExist) {
  fs::path dir = make_temp_dir("scenario-cpu");
  fs::path file = write_scenario(dir, "duration = 10s\nevent = at 2s cycle cpu 12 for 1s\n");
  expect_error(run_irqlab({"scenario", "check", file.string(), "--plan", "--root", kFixtureRoot}),
               "irqlab: error: " + file.string() + ":2: CPU 12 does not exist (CPUs: 0-3)");
  fs::remove_all(dir);
}

TEST(ScenarioErrors, UnknownScenarioNamesTheShippedOnes) {
  CliRun run = run_irqlab({"scenario", "check", "no-such-scenario"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(error_line(run.err).starts_with("irqlab: error: unknown scenario 'no-such-scenario' (scenarios in "))
      << run.err;
  EXPECT_NE(run.err.find("default, drain-stall, hotplug-storm"), std::string::npos) << run.err;
}

TEST(ScenarioErrors, AbsentPerf) {
  fs::path dir = make_temp_dir("scenario-perf");
  CliRun run = run_irqlab({"scenario", "run", "default", "--out", (dir / "out").string(), "--perf", "/nonexistent/perf"});
  expect_error(run, "irqlab: error: perf not found ('/nonexistent/perf'): install linux-perf, or pass --perf");
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(ScenarioErrors, ShippedScenariosPlanOnTheLabTopology) {
  for (const char* name : {"default", "hotplug-storm", "torture", "long-soak"}) {
    CliRun run = run_irqlab({"scenario", "check", name, "--plan", "--root", kFixtureRoot});
    EXPECT_EQ(run.exit_code, 0) << name << "\n" << run.err;
    EXPECT_NE(run.out.find("\t"), std::string::npos) << run.out;
  }
}

}  // namespace irqlab::test

namespace irqlab::test {

namespace {

CliRun check_scenario_promptly(const std::string& file) { return run_irqlab_promptly({"scenario", "check", file}); }

// irqlab started with SIGTERM already pending: the child blocks it, raises it
// and execs irqlab, which keeps both. irqlab unblocks it when it installs its
// handlers, before it reads anything, so the signal is there when the parse
// begins, every time (one sent from outside races with a parse that the
// input ceilings keep well under a second).
CliRun check_scenario_with_sigterm_pending(const fs::path& file, const fs::path& dir) {
  const std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  const std::vector<std::string> args = {IRQLAB_BINARY, "scenario", "check", file.string()};
  std::vector<char*> argv;
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    sigset_t term;
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, nullptr);
    ::raise(SIGTERM);
    const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out_fd < 0 || err_fd < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd, 2) < 0) ::_exit(126);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid) return {};
  CliRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = read_file(out);
  run.err = read_file(err);
  return run;
}

}  // namespace

TEST(ScenarioInputFile, DevZeroIsRefusedAsADevice) {
  expect_error(check_scenario_promptly("/dev/zero"),
               "irqlab: error: /dev/zero: not a regular file (a character device)");
}

TEST(ScenarioInputFile, FifoIsRefusedWithoutBlocking) {
  fs::path dir = make_temp_dir("scenario-fifo");
  const fs::path fifo = dir / "fifo.scenario";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  expect_error(check_scenario_promptly(fifo.string()),
               "irqlab: error: " + fifo.string() + ": not a regular file (a FIFO)");
  fs::remove_all(dir);
}

TEST(ScenarioInputFile, FileAboveTheLimitIsRefused) {
  fs::path dir = make_temp_dir("scenario-huge");
  const fs::path file = write_scenario(dir, "duration = 5s\n" + std::string(1 << 20, '#') + "\n");
  expect_error(check_scenario_promptly(file.string()), "irqlab: error: " + file.string() + ": larger than 1 MiB");
  fs::remove_all(dir);
}

TEST(ScenarioInputFile, MissingFileIsNamed) {
  expect_error(check_scenario_promptly("/nonexistent/x.scenario"),
               "irqlab: error: scenario file not found: /nonexistent/x.scenario");
}

// Through the whole CLI: a SIGTERM there when the parse begins ends it at the
// check of its first line, with the interrupted line and 128 + SIGTERM, before
// line 2 and its error are reached.
TEST(ScenarioErrors, SigtermAsTheParseBeginsEndsItAtItsFirstLine) {
  const fs::path dir = make_temp_dir("scenario-sigterm");
  const fs::path file = write_scenario(dir, "duration = 5s\nno-such-key = 1\n");
  const CliRun run = check_scenario_with_sigterm_pending(file, dir);
  EXPECT_EQ(run.exit_code, 128 + SIGTERM) << run.err;
  EXPECT_EQ(run.err, "irqlab: error: interrupted by SIGTERM, cleaned up\n");
  fs::remove_all(dir);
}

TEST(ScenarioErrors, ReportFilesThatCannotBeWrittenAreNamed) {
  const std::string fixtures = std::string(IRQLAB_TEST_SOURCE_DIR) + "/record/tests/fixtures";
  const fs::path dir = make_temp_dir("scenario-report");
  const std::vector<std::string> runs{"scenario", "report", fixtures + "/run-strict", fixtures + "/run-override"};
  auto with = [&runs](std::vector<std::string> more) {
    more.insert(more.begin(), runs.begin(), runs.end());
    return run_irqlab(more);
  };
  const CliRun ok = with({"--json", (dir / "results.json").string(), "--markdown", (dir / "report.md").string(),
                         "--html", (dir / "report.html").string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  for (const char* name : {"results.json", "report.md", "report.html"}) EXPECT_TRUE(fs::exists(dir / name)) << name;
  const fs::path missing = dir / "no-such-dir" / "report.html";
  expect_error(with({"--html", missing.string()}),
               "irqlab: error: cannot write " + missing.string() + ": No such file or directory");
  expect_error(with({"--markdown", dir.string()}), "irqlab: error: cannot write " + dir.string() + ": Is a directory");
  expect_error(with({"--json", dir.string()}), "irqlab: error: cannot write " + dir.string() + ": Is a directory");
  // Temporary files: report.html.tmp.PID in the missing directory (never made), DIR.tmp.PID beside DIR.
  for (const auto& entry : fs::directory_iterator(dir.parent_path()))
    EXPECT_FALSE(entry.path().filename().string().starts_with(dir.filename().string() + ".tmp."))
        << entry.path() << " left behind";
  fs::remove_all(dir);
}

}  // namespace irqlab::test
