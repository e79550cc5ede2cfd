// The fleet path end to end, without a LAVA server: `irqlab lava jobs` for a
// night, each job run by Debian's lava-dispatcher (`lava-run`) on the qemu
// device type, `irqlab lava collect` on the jobs' logs, and the night
// reported and gated by `irqlab nightly --backend collected`.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_harness.h"
#include "irqlab/common/process.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

const std::string kSource = IRQLAB_TEST_SOURCE_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<fs::path> job_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST(Lava, GeneratedJobsPassUnderLavaRunAndTheirRecordsMakeANight) {
  const fs::path dir = make_temp_dir("lava-lab");
  const fs::path out = dir / "lava";
  const CliRun jobs = run_irqlab({"lava", "jobs", kSource + "/tests/nights/lava.night", "--device-type", "qemu",
                                  "--out", out.string()});
  ASSERT_EQ(jobs.exit_code, 0) << jobs.out << jobs.err;
  const std::vector<fs::path> files = job_files(out / "jobs");
  ASSERT_EQ(files.size(), 2u);  // spread-1 and override-1
  const std::string device = (out / "device-short.yaml").string();
  ASSERT_TRUE(fs::exists(device));

  std::vector<std::string> logs;
  unsigned id = 0;
  for (const fs::path& job : files) {
    const fs::path log = dir / "logs" / (job.stem().string() + ".log");
    fs::create_directories(log.parent_path());
    ProcessOptions po;
    po.log_file = log;
    po.capture = false;
    po.timeout = std::chrono::minutes(20);
    const ProcessResult r = run_process({"lava-run", "--job-id", std::to_string(++id), "--output-dir",
                                         (dir / "lava-run" / std::to_string(id)).string(), "--device", device,
                                         job.string()},
                                        po);
    const std::string text = slurp(log);
    EXPECT_TRUE(r.ok()) << job << ": " << r.describe();
    EXPECT_NE(text.find(R"("msg": {"case": "scenario-run", "definition": "0_irqlab")"), std::string::npos) << job;
    EXPECT_NE(text.find(R"({"case": "job", "definition": "lava", "result": "pass"})"), std::string::npos)
        << job << ": the job did not pass; its log: " << log;
    logs.push_back(log.string());
  }

  std::vector<std::string> collect = {"lava", "collect"};
  collect.insert(collect.end(), logs.begin(), logs.end());
  collect.insert(collect.end(), {"--out", (dir / "collected").string()});
  const CliRun collected = run_irqlab(collect);
  ASSERT_EQ(collected.exit_code, 0) << collected.out << collected.err;

  std::vector<std::string> night = {"nightly", kSource + "/tests/nights/lava.night", "--backend", "collected",
                                    "--night-id", "lava-1", "--nights", (dir / "nights").string(),
                                    "--history", (dir / "history").string(), "--publish", (dir / "pub").string(),
                                    "--machine", "lava-qemu", "--runs"};
  for (const fs::path& job : files) night.push_back((dir / "collected" / job.stem() / "records").string());
  const CliRun reported = run_irqlab(night);
  EXPECT_EQ(reported.exit_code, 0) << reported.out << reported.err;
  const std::string report = slurp(dir / "nights" / "lava-1" / "short" / "report.md");
  EXPECT_NE(report.find("spread"), std::string::npos) << report;
  EXPECT_NE(report.find("override"), std::string::npos) << report;
  EXPECT_TRUE(fs::exists(dir / "pub" / "index.html"));

  // A log whose records were damaged on the way gives no run directory,
  // and says so in one line.
  std::string damaged = slurp(logs.front());
  const std::size_t at = damaged.find("irqlab-records-begin");
  ASSERT_NE(at, std::string::npos);
  const std::size_t line = damaged.find("\"msg\": \"", damaged.find('\n', at)) + 8;
  damaged[line] = damaged[line] == 'A' ? 'B' : 'A';
  std::ofstream(dir / "damaged.log") << damaged;
  const CliRun refused = run_irqlab({"lava", "collect", (dir / "damaged.log").string(), "--out", (dir / "d").string()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("SHA-256 does not match"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(dir / "d" / "damaged" / "records"));
  fs::remove_all(dir);
}

}  // namespace irqlab::test
