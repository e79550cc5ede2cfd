// The scenario runner in lab guests: a load that fails mid-run leaves
// nothing moved or offline; the series' torture run (hundreds of random
// moves, dozens of CPU cycles under fio verify) passes on the lab kernel
// and on its lockdep variant.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab::test {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The start of a guest script: tests/scenarios/short.scenario written to
// /tmp/short.scenario (a source tree under /tmp is out of the guest's sight),
// affinities() printing the affinity of nvme0q1-4, and before=<those>.
std::string short_scenario_prelude() {
  return "set -u\n"
         "cat > /tmp/short.scenario <<'END_OF_SCENARIO'\n" +
         read_file(std::string(IRQLAB_TEST_SOURCE_DIR) + "/tests/scenarios/short.scenario") +
         "END_OF_SCENARIO\n"
         "affinities() { for q in 1 2 3 4; do irq=$(awk -v n=nvme0q$q '$NF == n { sub(\":\", \"\", $1); print $1 }' "
         "/proc/interrupts); printf '%s ' $(cat /proc/irq/$irq/smp_affinity_list); done; }\n"
         "echo before=$(affinities)\n";
}

// The end of a guest script whose run failed or was stopped: its error line,
// and what it may not leave behind (processes, moved affinities, offline
// CPUs, journal entries, ftrace instances).
const char* kLeftBehindFacts =
    "echo error=$(grep '^irqlab: error:' /tmp/err)\n"
    "echo running=$(ps -eo comm | grep -cE '^(perf|fio|trace-cmd)$')\n"
    "echo after=$(affinities)\n"
    "echo online=$(cat /sys/devices/system/cpu/online)\n"
    "echo journal=$(ls /tmp/state | wc -l)\n"
    "echo instances=$(ls /sys/kernel/tracing/instances | wc -l)\n";

// Checks those facts.
void expect_nothing_left_behind(std::map<std::string, std::string>& facts) {
  EXPECT_EQ(facts["running"], "0") << "perf, fio or trace-cmd left running";
  EXPECT_EQ(facts["after"], facts["before"]) << "an affinity was left moved";
  EXPECT_EQ(facts["online"], "0-3") << "a CPU was left offline";
  EXPECT_EQ(facts["journal"], "0") << "the journal was left behind";
  EXPECT_EQ(facts["instances"], "0") << "an ftrace instance (ours or trace-cmd's) was left behind";
}

}  // namespace

TEST(LabScenario, FioFailingMidRunLeavesNothingMovedOrOffline) {
  const std::string i = IRQLAB_BINARY;
  // A stand-in for fio: the overhead probe (probe-fio.json) gets the real
  // one; the run (fio.json) one that reads a little (the load has started)
  // and fails 2.2 s later, when two moves and an offline are done.
  const std::string script =
      short_scenario_prelude() +
      "printf '#!/bin/sh\\ncase \"$*\" in *--output=/tmp/run/fio.json*) ;; *) exec fio \"$@\" ;; esac\\n"
      "dd if=/dev/nvme0n1 of=/dev/null bs=4k count=8 iflag=direct 2>/dev/null\\nsleep 2.2\\necho \"fio: io_u error on file /dev/nvme0n1: Input/output error\" >&2\\nexit 1\\n'"
      " > /tmp/failing-fio; chmod +x /tmp/failing-fio\n" +
      i + " scenario run /tmp/short.scenario"
      " --out /tmp/run --fio /tmp/failing-fio --state-dir /tmp/state --scratch-dir /tmp/scratch"
      " > /tmp/out 2> /tmp/err; echo exit=$?\n" +
      kLeftBehindFacts +
      "echo moved=$(grep -c '\"status\": \"moved\"' /tmp/run/events.json)\n"
      "echo offline=$(grep -c '\"description\": \"offline cpu3\"' /tmp/run/events.json)\n";
  auto facts = guest_facts("default", script, "irq_managed=override");
  EXPECT_EQ(facts["exit"], "1");
  EXPECT_EQ(facts["error"],
            "irqlab: error: fio failed (exit status 1): fio: io_u error on file /dev/nvme0n1: Input/output error");
  expect_nothing_left_behind(facts);
  EXPECT_EQ(facts["moved"], "2") << "the failure came before the moves it should follow";
  EXPECT_EQ(facts["offline"], "1");
}

namespace {

// Runs the torture scenario through the main job with the given kernel
// config fragments; returns the override run's metrics, and whether the
// kernel ran lockdep (its boot banner is in the run's kernel log).
json torture(const std::vector<std::string>& fragments, const std::string& label, bool& lockdep) {
  fs::path results = make_temp_dir(label);
  std::vector<std::string> args{"run", "torture", "--results", results.string()};
  for (const std::string& f : fragments) args.insert(args.end(), {"--config-fragment", f});
  CliRun run = run_irqlab(args, {}, 2400);
  EXPECT_EQ(run.exit_code, 0) << run.err << run.out;
  json doc;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "results.json") doc = json::parse(read_file(entry.path()));
  lockdep = false;
  for (const auto& entry : fs::recursive_directory_iterator(results))
    if (entry.path().filename() == "dmesg.before")
      lockdep = read_file(entry.path()).find("Lock dependency validator") != std::string::npos;
  fs::remove_all(results);
  if (doc.is_null() || doc["runs"].size() != 1) {
    ADD_FAILURE() << "no results.json with one run\n" << run.out;
    return {};
  }
  return doc["runs"][0]["metrics"];
}

void expect_torture_passed(const json& m) {
  ASSERT_FALSE(m.is_null());
  EXPECT_EQ(m["mode"], "override");
  // Hundreds of moves made, dozens of CPU cycles done.
  EXPECT_GE(m["moves"]["accepted"].get<int>(), 200) << m["moves"];
  EXPECT_EQ(m["moves"]["refused"], 0) << m["moves"];
  EXPECT_EQ(m["cpu_events"]["planned"], 60);
  EXPECT_EQ(m["cpu_events"]["failed"], 0);
  // fio verify saw no error; the kernel log has no timeout, reset, warning or lockdep report;
  // the managed reservation is back where it started.
  EXPECT_EQ(m["correctness"]["fio_error"], 0);
  EXPECT_TRUE(m["correctness"]["kernel_problems"].empty()) << m["correctness"]["kernel_problems"];
  EXPECT_TRUE(m["correctness"]["vector_checked"]);
  EXPECT_TRUE(m["correctness"]["vector_drift"].empty()) << m["correctness"]["vector_drift"];
  EXPECT_GT(m["throughput"]["write_iops"].get<double>(), 100.0);
}

}  // namespace

TEST(LabScenario, TortureRunOnTheLabKernel) {
  bool lockdep = true;
  expect_torture_passed(torture({}, "torture", lockdep));
  EXPECT_FALSE(lockdep);
}

TEST(LabScenario, TortureRunOnTheLockdepKernel) {
  const std::string patches = std::string(IRQLAB_TEST_SOURCE_DIR) + "/patches/";
  bool lockdep = false;
  expect_torture_passed(torture({patches + "lab.config", patches + "lab-lockdep.config"}, "torture-lockdep", lockdep));
  EXPECT_TRUE(lockdep) << "the lockdep kernel printed no lockdep banner";
}

TEST(LabScenario, SigtermMidRunRestoresAndLeavesNothingRunning) {
  const std::string i = IRQLAB_BINARY;
  // SIGTERM 2 s into the load, after the first moves: perf, fio, trace-cmd
  // and the ftrace instances must go, and every change must be put back.
  const std::string script =
      short_scenario_prelude() + i + " scenario run /tmp/short.scenario --out /tmp/run --state-dir /tmp/state --scratch-dir /tmp/scratch"
      " > /tmp/out 2> /tmp/err &\n"
      "pid=$!\n"
      "for n in $(seq 600); do grep -q 'irqlab: fio ' /tmp/err && break; sleep 0.1; done\n"
      "sleep 2\n"
      "echo moved_before_kill=$(for q in 3 4; do irq=$(awk -v n=nvme0q$q '$NF == n { sub(\":\", \"\", $1); print $1 }' "
      "/proc/interrupts); cat /proc/irq/$irq/smp_affinity_list; done | tr '\\n' ' ')\n"
      "kill -TERM $pid; wait $pid; echo exit=$?\n" +
      std::string(kLeftBehindFacts);
  auto facts = guest_facts("default", script, "irq_managed=override");
  EXPECT_EQ(facts["exit"], "143");
  EXPECT_EQ(facts["error"], "irqlab: error: interrupted by SIGTERM, cleaned up");
  EXPECT_NE(facts["moved_before_kill"], "0 1 ") << "the kill came before the first moves";
  expect_nothing_left_behind(facts);
}

}  // namespace irqlab::test
