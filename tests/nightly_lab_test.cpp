// The nightly CI on the virtual lab, end to end: a short night whose first
// guest is killed still reports, publishes and names the failed run; running
// it again boots only that run; a second night, through ci/nightly.sh as cron
// would call it, compares with the first.
#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <fstream>
#include <thread>

#include "cli_harness.h"
#include "irqlab/common/process.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kSource = IRQLAB_TEST_SOURCE_DIR;
const std::string kShortNight = kSource + "/tests/nights/short.night";

std::vector<std::string> night_options(const fs::path& dir) {
  return {"--nights", (dir / "nights").string(), "--history", (dir / "history").string(),
          "--publish", (dir / "pub").string(), "--machine", "test-lab"};
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The first qemu whose command line mentions marker: (pid, command line).
std::optional<std::pair<int, std::string>> qemu_mentioning(const std::string& marker) {
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string pid = entry.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = slurp(entry.path() / "cmdline");
    if (cmdline.find("qemu-system") != std::string::npos && cmdline.find(marker) != std::string::npos)
      return std::pair{std::stoi(pid), cmdline};
  }
  return std::nullopt;
}

// Kills the first guest of the night 5 s after it started; returns its run
// directory's name ("override-1") through `killed`.
std::thread guest_killer(const std::string& marker, std::string& killed, std::atomic<bool>& stop) {
  return std::thread([&killed, &stop, marker] {
    while (!stop) {
      if (auto q = qemu_mentioning(marker)) {
        std::this_thread::sleep_for(std::chrono::seconds(5));
        const std::size_t at = q->second.find("/short/");
        killed = q->second.substr(at + 7, q->second.find('/', at + 7) - at - 7);
        ::kill(q->first, SIGKILL);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
}

}  // namespace

TEST(Nightly, AKilledGuestIsRecordedTheRerunCompletesItAndTheNextNightComparesWithIt) {
  const fs::path dir = make_temp_dir("nightly-lab");
  const fs::path night = dir / "nights" / "first";
  std::vector<std::string> args = {"nightly", kShortNight, "--night-id", "first"};
  for (const std::string& o : night_options(dir)) args.push_back(o);

  std::string killed;
  std::atomic<bool> stop{false};
  std::thread killer = guest_killer(night.string(), killed, stop);
  const CliRun broken = run_irqlab(args, {}, 1500);
  stop = true;
  killer.join();
  ASSERT_FALSE(killed.empty()) << "no guest was seen to kill";
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  EXPECT_EQ(error_line(broken.err).rfind("irqlab: error: gate: broken: run short/" + killed + ": qemu failed (killed by SIGKILL)", 0), 0u)
      << broken.err;
  EXPECT_TRUE(fs::exists(night / "short" / killed / "failed.txt"));
  EXPECT_NE(slurp(dir / "pub" / "first" / "night.md").find("## Failed runs"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir / "pub" / "first" / "short" / "report.html")) << "the other runs still report";
  EXPECT_TRUE(no_process_mentions(night.string())) << "qemu left running";

  // The rerun boots the killed run alone: the others keep their records.
  std::map<std::string, fs::file_time_type> recorded;
  for (const auto& e : fs::directory_iterator(night / "short"))
    if (fs::exists(e.path() / "records")) recorded[e.path().filename()] = fs::last_write_time(e.path() / "records");
  ASSERT_EQ(recorded.size(), 3u);
  const CliRun resumed = run_irqlab(args, {}, 900);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.out << resumed.err;
  EXPECT_NE(resumed.out.find("gate: pass (no baseline)"), std::string::npos) << resumed.out;
  EXPECT_TRUE(fs::exists(night / "short" / (killed + ".attempt-1") / "failed.txt"));
  EXPECT_TRUE(fs::exists(night / "short" / killed / "records"));
  for (const auto& [name, when] : recorded)
    EXPECT_EQ(fs::last_write_time(night / "short" / name / "records"), when) << name << " was booted again";

  // The next night, as cron runs it.
  std::vector<std::string> cron = {"sh", kSource + "/ci/nightly.sh", kShortNight, "--night-id", "second"};
  for (const std::string& o : night_options(dir)) cron.push_back(o);
  ProcessOptions po;
  po.timeout = std::chrono::seconds(1500);
  const ProcessResult second = run_process(cron, po);
  ASSERT_TRUE(second.ok()) << second.output;
  EXPECT_NE(second.output.find("night second against baseline first"), std::string::npos) << second.output;
  EXPECT_NE(second.output.find("2 against 2 boots cannot reach p <= 0.05"), std::string::npos) << second.output;
  const std::string index = slurp(dir / "pub" / "index.md");
  EXPECT_LT(index.find("(second/night.md)"), index.find("(first/night.md)")) << index;
  const std::string html = slurp(dir / "nights" / "second" / "short" / "report.html");
  EXPECT_EQ(html.find("No earlier nights to compare with"), std::string::npos) << "the trend plots have the first night";
  fs::remove_all(dir);
}

}  // namespace irqlab::test
