// run.json: the runner writes it and read_run() reads it through one type.
#include <gtest/gtest.h>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/record/run_manifest.h"

namespace irqlab {
namespace {

RunManifest sample() {
  RunManifest m;
  m.scenario = "default";
  m.kernel_release = "6.12.117-irqlab";
  m.cmdline = "console=ttyS0 irq_managed=override";
  m.managed_mode = "override";
  m.injector_cpu = 0;
  m.injector_pinned = true;
  m.trace_events = {"irq:irq_handler_entry", "irq:irq_managed_move"};
  m.missing_trace_events = {"block:block_rq_issue"};
  m.trace_cmd_events = {"irq:irq_handler_entry"};
  m.ftrace_events = {"block:block_mq_hctx_drain"};
  m.duration_ns = 12'000'000'000;
  m.log_interval_ns = 100'000'000;
  m.start_ns = 5;
  m.end_ns = 12'000'000'005;
  m.nodes = {{0, {0, 1}}, {1, {2, 3}}};
  m.queues = {{"nvme0q1", "nvme0", 29, 0, {2}, {2}}, {"nvme0q2", "nvme0", 30, std::nullopt, {3}, {3}}};
  m.perf_command = {"perf", "record"};
  m.fio_command = {"fio", "--name=x"};
  m.perf_data = {"perf.data", "perf-cpu3.data"};
  m.perf_notes = {"cpu 3 recorded again"};
  m.restored = "2 changes";
  m.fio_status = "exit 0";
  m.perf_status = "exit 0";
  m.trace_cmd_status = "exit 0";
  m.fio_exit = 0;
  return m;
}

TEST(RunManifest, RoundTripsThroughItsJson) {
  const RunManifest m = sample();
  const RunManifest back = parse_manifest(nlohmann::json::parse(manifest_json(m).dump()), "run.json");
  EXPECT_EQ(manifest_json(back).dump(), manifest_json(m).dump());
  EXPECT_EQ(back.managed_mode, std::optional<std::string>("override"));
  ASSERT_EQ(back.queues.size(), 2u);
  EXPECT_EQ(back.queues[1].controller_node, std::nullopt);
  EXPECT_EQ(back.nodes.at(1), (CpuSet{2, 3}));
  EXPECT_EQ(back.perf_data.size(), 2u);
}

TEST(RunManifest, ReadsTheRecordedFixtures) {
  for (const char* dir : {"run-strict", "run-override"}) {
    const std::string path = std::string(IRQLAB_FIXTURES_DIR) + "/" + dir + "/run.json";
    const RunManifest m = parse_manifest(nlohmann::json::parse(read_file(path)), path);
    EXPECT_FALSE(m.kernel_release.empty()) << dir;
    EXPECT_FALSE(m.queues.empty()) << dir;
    EXPECT_LT(m.start_ns, m.end_ns) << dir;
  }
}

TEST(RunManifest, NamesTheFileAndWhatIsWrong) {
  nlohmann::json j = nlohmann::json::parse(manifest_json(sample()).dump());
  j.erase("kernel_release");
  try {
    parse_manifest(j, "x/run.json");
    FAIL() << "accepted a manifest without kernel_release";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("x/run.json: malformed"), std::string::npos) << e.what();
  }
  j = nlohmann::json::parse(manifest_json(sample()).dump());
  j["schema"] = "irqlab.run/0";
  EXPECT_THROW(parse_manifest(j, "x/run.json"), Error);
}

}  // namespace
}  // namespace irqlab
