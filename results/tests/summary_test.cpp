#include "irqlab/results/summary.h"

#include <gtest/gtest.h>

#include <string>

#include "irqlab/common/text.h"

namespace irqlab {
namespace {

const std::string kBench = IRQLAB_BENCH_FIXTURES_DIR;

RunInfo run_info() {
  RunInfo info;
  info.kernel_version = "6.12.117";
  info.series_hash = "1a2b3c4d5e6f";
  info.patches_applied_summary = "3 of 3 patches applied";
  info.cmdline = "console=ttyS0 root=root";
  info.topology_summary = "2 nodes x 2 CPUs, 1G per node; nvme0 on node 0 with 4 queues";
  info.preset = "default";
  info.run_dir = "results/runs/20261125-171114-default";
  return info;
}

FioLoad guest_load() {
  FioLoad load;
  load.filenames = {"/dev/nvme0n1"};
  return load;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The line that starts with prefix (after leading blanks), or "".
std::string line_starting(const std::string& text, const std::string& prefix) {
  for (const std::string& line : split(text, '\n'))
    if (starts_with(trim(line), prefix)) return line;
  return "";
}

TEST(Summary, ScreenOfTheLabGuestRun) {
  QuickLoadResult result = read_quick_load(kBench + "/guest-default");
  std::string s = render_summary(run_info(), guest_load(), result);
  SCOPED_TRACE("\n" + s);

  EXPECT_TRUE(contains(s, "6.12.117 + series 1a2b3c4d5e6f, 3 of 3 patches applied"));
  EXPECT_TRUE(contains(line_starting(s, "guest"), "6.12.117+"));
  EXPECT_TRUE(contains(line_starting(s, "cmdline"), "console=ttyS0 root=root rootfstype=9p"));
  EXPECT_TRUE(contains(s, "default: 2 nodes x 2 CPUs"));
  EXPECT_TRUE(contains(line_starting(s, "load"), "fio-3.33 randread bs 4K, iodepth 16 x 2 jobs, 5 s, io_uring"));
  EXPECT_TRUE(contains(s, "/dev/nvme0n1"));
  EXPECT_TRUE(contains(line_starting(s, "result"), "45307 read IOPS, 226716 I/Os"));
  EXPECT_FALSE(contains(s, "WARNING"));

  // Latency header and values, microseconds with one decimal.
  std::vector<std::string> head = split_whitespace(line_starting(s, "mean"));
  EXPECT_EQ(head, (std::vector<std::string>{"mean", "p50", "p90", "p99", "p99.9", "max"}));
  std::vector<std::string> values = split_whitespace(line_starting(s, "677.0"));
  EXPECT_EQ(values, (std::vector<std::string>{"677.0", "522.2", "938.0", "4046.8", "7962.6", "25596.2"}));

  // Queue table: queue, irq, affinity, effective, CPU:count.
  EXPECT_EQ(split_whitespace(line_starting(s, "queue ")),
            (std::vector<std::string>{"queue", "irq", "affinity", "effective", "fired", "on"}));
  EXPECT_EQ(split_whitespace(line_starting(s, "nvme0q0")), (std::vector<std::string>{"nvme0q0", "28", "0-1", "1", "-"}));
  EXPECT_EQ(split_whitespace(line_starting(s, "nvme0q2")),
            (std::vector<std::string>{"nvme0q2", "30", "3", "3", "3:17521"}));
  EXPECT_EQ(split_whitespace(line_starting(s, "nvme0q4")),
            (std::vector<std::string>{"nvme0q4", "32", "1", "1", "1:19187"}));
  EXPECT_TRUE(contains(line_starting(s, "run dir"), "results/runs/20261125-171114-default"));
}

TEST(Summary, ScreenSurvivesEmailQuoting) {
  QuickLoadResult result = read_quick_load(kBench + "/guest-default");
  // Long values and a queue that fired everywhere must wrap, not overflow.
  result.guest_cmdline += " irqaffinity=0-3 isolcpus=managed_irq,domain,2-3 nohz_full=2-3 rcu_nocbs=2-3 "
                          "a_very_long_option_without_any_spaces_at_all_that_cannot_be_broken_anywhere=1";
  for (int cpu = 0; cpu < 32; ++cpu) result.queues[1].interrupts_per_cpu[cpu] = 1000000 + cpu;
  std::string s = render_summary(run_info(), guest_load(), result);
  SCOPED_TRACE("\n" + s);
  ASSERT_FALSE(s.empty());
  EXPECT_EQ(s.back(), '\n');
  std::size_t lines = 0;
  for (const std::string& line : split(s.substr(0, s.size() - 1), '\n')) {
    ++lines;
    bool unbreakable = contains(line, "a_very_long_option");
    if (!unbreakable) {
      EXPECT_LE(line.size(), kSummaryWidth) << line;
    }
    EXPECT_EQ(line.find('\t'), std::string::npos) << line;
    EXPECT_TRUE(line.empty() || line.back() != ' ') << "trailing blank: [" << line << "]";
    for (char c : line) EXPECT_TRUE(c >= 0x20 && c < 0x7f) << line;
  }
  EXPECT_LE(lines, 50u);  // one screen
  EXPECT_TRUE(contains(s, "31:1000031"));
  EXPECT_TRUE(contains(s, "nohz_full=2-3"));
}

TEST(Summary, FailedFioIsFlagged) {
  QuickLoadResult result;
  result.fio.error = 5;
  result.fio_exit_status = 1;
  RunInfo info = run_info();
  info.series_hash.clear();
  info.patches_applied_summary.clear();
  std::string s = render_summary(info, guest_load(), result);
  SCOPED_TRACE("\n" + s);
  EXPECT_TRUE(contains(line_starting(s, "WARNING"), "fio error 5, exit status 1"));
  EXPECT_TRUE(contains(s, "6.12.117 (stock, no series)"));
  EXPECT_TRUE(contains(s, "no nvme<c>q<n> interrupt found"));
}

TEST(Summary, JsonCarriesTheSameFacts) {
  QuickLoadResult result = read_quick_load(kBench + "/guest-default");
  nlohmann::json j = summary_json(run_info(), guest_load(), result);
  EXPECT_EQ(j["schema"], "irqlab.quickrun/1");
  EXPECT_EQ(j["run"]["series_hash"], "1a2b3c4d5e6f");
  EXPECT_EQ(j["run"]["preset"], "default");
  EXPECT_EQ(j["load"]["rw"], "randread");
  EXPECT_EQ(j["load"]["iodepth"], 16);
  EXPECT_EQ(j["load"]["filenames"], nlohmann::json::array({"/dev/nvme0n1"}));
  EXPECT_EQ(j["guest"]["kernel_release"], "6.12.117+");
  EXPECT_EQ(j["fio"]["version"], "fio-3.33");
  EXPECT_NEAR(j["fio"]["read_iops"].get<double>(), 45306.954436, 1e-6);
  EXPECT_EQ(j["fio"]["total_ios"], 226716);
  EXPECT_EQ(j["fio"]["error"], 0);
  const auto& lat = j["fio"]["completion_latency_us"];
  EXPECT_NEAR(lat["mean"].get<double>(), 677.015578808, 1e-9);
  EXPECT_DOUBLE_EQ(lat["percentiles"]["50"].get<double>(), 522.240);
  EXPECT_DOUBLE_EQ(lat["percentiles"]["99.9"].get<double>(), 7962.624);
  ASSERT_EQ(j["queues"].size(), 5u);
  EXPECT_EQ(j["queues"][4]["name"], "nvme0q4");
  EXPECT_EQ(j["queues"][4]["irq"], "32");
  EXPECT_EQ(j["queues"][4]["effective_affinity"], "1");
  EXPECT_EQ(j["queues"][4]["interrupts_per_cpu"]["1"], 19187);
  EXPECT_EQ(j["queues"][4]["interrupts_total"], 19187);
  EXPECT_TRUE(j["queues"][0]["interrupts_per_cpu"].empty());
  // Round trip through text: what a run directory stores.
  EXPECT_EQ(nlohmann::json::parse(j.dump(2)), j);
}

}  // namespace
}  // namespace irqlab
