// The main job end to end: kernel (cached), the default preset, a short fio
// load, the summary screen and results.json.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab::test {
namespace fs = std::filesystem;

TEST(MainJob, DefaultPresetReportsIopsLatencyAndQueueCpus) {
  fs::path results = make_temp_dir("mainjob");
  CliRun run = run_irqlab({"run", "--preset", "default", "--runtime", "2", "--results", results.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  for (const char* stage : {"] kernel ", "] lab ", "] report "})
    EXPECT_NE(run.out.find(stage), std::string::npos) << "no progress line for" << stage << "\n" << run.out;
  EXPECT_NE(run.out.find("IOPS"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("nvme0q1"), std::string::npos) << run.out;

  fs::path json_file;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "results.json") json_file = entry.path();
  ASSERT_FALSE(json_file.empty()) << "no results.json under " << results;
  auto doc = nlohmann::json::parse(read_file(json_file));
  EXPECT_EQ(doc["schema"], "irqlab.quickrun/1");
  EXPECT_TRUE(doc["run"]["kernel_version"].get<std::string>().starts_with("6.12.")) << doc["run"];
  EXPECT_EQ(doc["run"]["series_hash"].get<std::string>().size(), 64u);
  EXPECT_GT(doc["fio"]["read_iops"].get<double>(), 100.0);
  EXPECT_EQ(doc["fio"]["error"], 0);
  EXPECT_GT(doc["fio"]["completion_latency_us"]["percentiles"]["99"].get<double>(), 0.0);

  // Admin queue plus 4 I/O queues; the I/O queue interrupts fired during the
  // load, each on a CPU of its effective affinity.
  ASSERT_EQ(doc["queues"].size(), 5u) << doc["queues"];
  std::uint64_t io_interrupts = 0;
  for (const auto& q : doc["queues"]) {
    if (q["name"] == "nvme0q0") continue;
    io_interrupts += q["interrupts_total"].get<std::uint64_t>();
    auto effective = parse_cpu_list(q["effective_affinity"].get<std::string>());
    ASSERT_TRUE(effective) << q;
    for (const auto& [cpu, count] : q["interrupts_per_cpu"].items())
      EXPECT_TRUE(effective->count(std::stoi(cpu)))
          << q["name"] << " fired on CPU " << cpu << " outside its effective affinity";
  }
  EXPECT_GT(io_interrupts, 100u);
  fs::remove_all(results);
}

}  // namespace irqlab::test
