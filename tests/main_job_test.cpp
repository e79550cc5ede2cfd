// The main job end to end on a short scenario: kernel (cached), one guest per
// mode running `irqlab scenario run`, metrics, the three-mode table and
// results.json. Checks that every injected event appears in the metrics with
// timestamps that agree with each other and with the load, and that what
// each mode must and must not show does.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab::test {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const json* run_of(const json& doc, const std::string& mode) {
  for (const json& r : doc["runs"])
    if (r["mode"] == mode) return &r;
  return nullptr;
}

}  // namespace

TEST(MainJob, ThreeModesOfAShortScenario) {
  fs::path results = make_temp_dir("mainjob");
  const std::string scenario = std::string(IRQLAB_TEST_SOURCE_DIR) + "/tests/scenarios/short.scenario";
  CliRun run = run_irqlab({"run", scenario, "--results", results.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err << run.out;
  for (const char* stage : {"] kernel ", "] lab      stock (strict) 1/1", "] lab      opt 1 (spread) 1/1",
                            "] lab      opt 3 (override) 1/1", "] report "})
    EXPECT_NE(run.out.find(stage), std::string::npos) << "no progress line " << stage << "\n" << run.out;
  // The table: one column per mode; stock refuses moves and says why.
  EXPECT_NE(run.out.find("stock        opt 1        opt 3        opt 3 vs opt 1\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("every move was refused: refused by the kernel: managed interrupt (EPERM)"),
            std::string::npos)
      << run.out;
  // The table fits 78 columns (the run directory line may not: it is a path).
  const auto table = run.out.substr(run.out.find("irqlab: scenario "));
  for (const std::string& line : split(table.substr(0, table.find("run directory: ")), '\n'))
    EXPECT_LE(line.size(), 78u) << line;

  fs::path json_file;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "results.json") json_file = entry.path();
  ASSERT_FALSE(json_file.empty()) << "no results.json under " << results;
  const json doc = json::parse(read_file(json_file));
  EXPECT_EQ(doc["schema"], "irqlab.results/2");
  EXPECT_EQ(doc["environment"]["series_hash"].get<std::string>().size(), 64u);
  ASSERT_EQ(doc["runs"].size(), 3u);

  for (const char* mode : {"strict", "spread", "override"}) {
    SCOPED_TRACE(mode);
    const json* r = run_of(doc, mode);
    ASSERT_NE(r, nullptr);
    const json& m = (*r)["metrics"];
    EXPECT_NE((*r)["cmdline"].get<std::string>().find(std::string("irq_managed=") + mode), std::string::npos);
    // Every planned event (4 moves, an offline and an online) is in the metrics, in order,
    // stamped after the load began and before it ended, issued no earlier than planned.
    ASSERT_EQ(m["events"].size(), 6u) << m["events"];
    const std::int64_t start = m["start_ns"], end = m["end_ns"];
    std::int64_t previous = start;
    for (const json& e : m["events"]) {
      SCOPED_TRACE(e["description"].get<std::string>());
      const std::int64_t planned = start + static_cast<std::int64_t>(e["at_s"].get<double>() * 1e9);
      const std::int64_t issued = e["issued_ns"], returned = e["returned_ns"], effective = e["effective_ns"];
      if (e["status"] == "refused" || e["status"] == "done" || e["status"] == "moved") {
        EXPECT_GE(issued, planned);
        EXPECT_LT(issued, planned + 1'000'000'000) << "injected more than 1 s late";
        EXPECT_GE(issued, previous);
        EXPECT_GE(returned, issued);
        EXPECT_LE(returned, end);
        previous = issued;
      }
      if (e["status"] == "moved") {
        EXPECT_GE(effective, issued);
        EXPECT_NEAR(e["write_ms"].get<double>(), (returned - issued) / 1e6, 1e-3);
      }
    }
    EXPECT_EQ(m["correctness"]["fio_error"], 0);
    EXPECT_TRUE(m["correctness"]["kernel_problems"].empty()) << m["correctness"];
    EXPECT_TRUE(m["correctness"]["vector_checked"]);
    EXPECT_GT(m["throughput"]["read_iops"].get<double>(), 1000.0);
    EXPECT_GT(m["throughput"]["steady_iops"].get<double>(), 1000.0);
    EXPECT_TRUE(m["throughput"]["tracing_overhead_percent"].is_number());
    EXPECT_GE(m["throughput"]["probe_pairs"].get<int>(), 1);
    const json& overhead = doc["tracing_overhead"]["arms"][mode];
    EXPECT_TRUE(overhead["verdict"] == "met" || overhead["verdict"] == "exceeded" || overhead["verdict"] == "unresolved")
        << overhead;
    // trace-cmd took the queue interrupts, through the kernel's irq filter:
    // the guest's virtio (9p root) interrupts fire all through the run and
    // must not be in the records; perf did not take them a second time.
    const fs::path records((*r)["dir"].get<std::string>());
    const json run_json = json::parse(read_file(records / "run.json"));
    EXPECT_EQ(run_json["trace_cmd_events"], json::array({"irq:irq_handler_entry"}));
    const std::string irqs = read_file(records / "trace-cmd.txt");
    EXPECT_NE(irqs.find("irq_handler_entry:"), std::string::npos);
    EXPECT_NE(irqs.find("name=nvme0q"), std::string::npos);
    EXPECT_EQ(irqs.find("name=virtio"), std::string::npos) << "irq_handler_entry not filtered to the queues";
    EXPECT_EQ(read_file(records / "perf.script").find("irq_handler_entry"), std::string::npos);
    EXPECT_EQ(m["cpu_events"]["planned"], 2);
    EXPECT_EQ(m["cpu_events"]["failed"], 0);
    EXPECT_GT(m["locality"]["run"]["interrupts"].get<int>(), 100);
  }

  const json& strict = (*run_of(doc, "strict"))["metrics"];
  EXPECT_EQ(strict["moves"]["accepted"], 0);
  // the two moves home find the interrupts where they are: nothing to write
  EXPECT_EQ(strict["moves"]["refused"], 2);
  EXPECT_EQ(strict["moves"]["planned"], 4);
  EXPECT_TRUE(strict["move_latency_ms"]["write_returned"].is_null());

  // Stock blk-mq drains the queue whose only CPU goes offline (nvme0q2 on CPU 3).
  EXPECT_GE(strict["drain_stall"]["drain_ms"]["count"].get<int>(), 1) << strict["drain_stall"];

  const json& spread = (*run_of(doc, "spread"))["metrics"];
  EXPECT_EQ(spread["moves"]["accepted"], 4);
  EXPECT_TRUE(spread["move_latency_ms"]["kernel_move"].is_null()) << "spread moves irqs like ordinary ones";

  const json& override_mode = (*run_of(doc, "override"))["metrics"];
  EXPECT_EQ(override_mode["moves"]["accepted"], 4);
  EXPECT_EQ(override_mode["move_latency_ms"]["kernel_move"]["count"], 4) << "a move without its tracepoint";
  EXPECT_EQ(override_mode["move_latency_ms"]["write_returned"]["count"], 4);
  EXPECT_GT(override_mode["move_latency_ms"]["write_returned"]["max"].get<double>(), 0.0);
  // Each move drains its queue; so does taking away the CPU nvme0q4 was moved to
  // (recorded by ftrace: perf has left a CPU when its hotplug drain runs).
  EXPECT_GE(override_mode["drain_stall"]["drain_ms"]["count"].get<int>(), 5) << override_mode["drain_stall"];
  for (const json& e : override_mode["events"])
    if (e["kind"] == "move") {
      EXPECT_TRUE(e["move_trace_ms"].is_number()) << e;
      // the kernel's own duration lies inside the write as user space saw it
      EXPECT_LE(e["move_trace_ms"].get<double>(), e["write_ms"].get<double>() + 0.01) << e;
    }
  // The live micro-benchmarks ran in each guest and their JSON joined the results:
  // stock refuses the move, the others time it.
  for (const char* mode : {"strict", "spread", "override"}) {
    SCOPED_TRACE(mode);
    const json& micro = (*run_of(doc, mode))["microbench"];
    ASSERT_TRUE(micro.is_object()) << micro;
    const json& benchmarks = micro["benchmarks"];
    ASSERT_EQ(benchmarks.size(), 2u) << micro;
    const json& move = benchmarks[0];
    EXPECT_TRUE(move["name"].get<std::string>().starts_with("BM_LiveMoveQueueIrq")) << move;
    if (std::string(mode) == "strict") {
      EXPECT_TRUE(move.value("error_occurred", false)) << move;
    } else {
      EXPECT_FALSE(move.value("error_occurred", false)) << move;
      EXPECT_GT(move["real_time"].get<double>(), 0.0) << move;
    }
    EXPECT_FALSE(benchmarks[1].value("error_occurred", false)) << benchmarks[1];
    EXPECT_GT(benchmarks[1]["real_time"].get<double>(), 0.0) << benchmarks[1];
  }
  EXPECT_NE(run.out.find("  move->effective"), std::string::npos) << run.out;
  fs::remove_all(results);
}

}  // namespace irqlab::test
