#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/scenario/scenario.h"
#include "irqlab/testing/error_of.h"

namespace irqlab {
namespace {

// "" for a scenario that parses: the tests of good ones compare with that.
std::string error_of(const std::string& text) {
  return irqlab::error_of([&] { parse_scenario(text, "t.scenario"); }, "");
}

// Two nodes of two CPUs, CPU 0 the boot CPU; one controller on node 0 with
// four I/O queues, as the lab's default preset boots.
Machine lab_machine() {
  Machine m;
  m.present_cpus = {0, 1, 2, 3};
  m.online_cpus = {0, 1, 2, 3};
  m.hotpluggable_cpus = {1, 2, 3};
  m.nodes = {{0, {0, 1}, 1u << 30, {10, 20}}, {1, {2, 3}, 1u << 30, {20, 10}}};
  NvmeController c;
  c.name = "nvme0";
  c.serial = "irqlab0";
  c.pci_address = "0000:01:00.0";
  c.numa_node = 0;
  c.local_cpus = {0, 1};
  c.namespaces.push_back({"nvme0n1", "/sys/class/nvme/nvme0/nvme0n1", "259:0", 1u << 30, {}, {}});
  for (int q = 0; q <= 4; ++q) {
    NvmeQueue queue;
    queue.qid = q;
    queue.irq = 24 + q;
    queue.name = "nvme0q" + std::to_string(q);
    if (q > 0) {
      queue.hctx = q - 1;
      queue.hctx_cpus = {q - 1};
      queue.affinity = {q - 1};
    }
    c.queues.push_back(queue);
  }
  m.controllers.push_back(c);
  return m;
}

TEST(Scenario, ParsesEveryKey) {
  const Scenario s = parse_scenario(
      "# comment\n"
      "name = demo\n"
      "description = a demo  # trailing comment\n"
      "preset = numa4-2nvme\n"
      "modes = spread override\n"
      "duration = 1.5m\n"
      "repetitions = 3\n"
      "seed = 42\n"
      "overhead-probe = 2s\n"
      "overhead-target = 2.5%\n"
      "microbench = yes\n"
      "trace = irq:irq_handler_entry cpuhp:cpuhp_enter\n"
      "fio.rw = randwrite\n"
      "fio.bs = 8k\n"
      "fio.iodepth = 64\n"
      "fio.rate-iops = 5000\n"
      "fio.numjobs = 4\n"
      "fio.ioengine = libaio\n"
      "fio.direct = no\n"
      "fio.targets = nvme0n1 nvme1n1\n"
      "fio.size = 256M\n"
      "fio.verify = crc32c\n"
      "fio.log-interval = 250ms\n"
      "event = at 2s move nvme0q1 to remote\n",
      "demo.scenario");
  EXPECT_EQ(s.name, "demo");
  EXPECT_EQ(s.description, "a demo");
  EXPECT_EQ(s.preset, "numa4-2nvme");
  EXPECT_EQ(s.modes, (std::vector<ManagedMode>{ManagedMode::Spread, ManagedMode::Override}));
  EXPECT_EQ(s.duration_ns, 90'000'000'000);
  EXPECT_EQ(s.repetitions, 3u);
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.overhead_probe_ns, 2'000'000'000);
  EXPECT_EQ(s.overhead_target_percent, 2.5);
  EXPECT_TRUE(s.microbench);
  EXPECT_EQ(s.trace_events.size(), 2u);
  EXPECT_EQ(s.fio.rw, "randwrite");
  EXPECT_EQ(s.fio.block_size, 8192u);
  EXPECT_EQ(s.fio.iodepth, 64u);
  EXPECT_EQ(s.fio.rate_iops, 5000u);
  EXPECT_EQ(s.fio.numjobs, 4u);
  EXPECT_EQ(s.fio.ioengine, "libaio");
  EXPECT_FALSE(s.fio.direct);
  EXPECT_EQ(s.fio_targets, (std::vector<std::string>{"nvme0n1", "nvme1n1"}));
  EXPECT_EQ(s.fio.size_bytes, 256u << 20);
  EXPECT_EQ(s.fio_verify, "crc32c");
  EXPECT_EQ(s.fio_log_interval_ns, 250'000'000);
  EXPECT_EQ(s.fio.runtime_s, 90u);
  ASSERT_EQ(s.events.size(), 1u);
  EXPECT_EQ(s.events[0].source, "demo.scenario:24");
}

TEST(Scenario, ParsesEventRules) {
  const Scenario s = parse_scenario(
      "duration = 20s\n"
      "event = at 500ms move irqlab1:q2 to node 1\n"
      "event = every 2s from 1s to 9s cycle cpu 3 for 300ms\n"
      "event = random 10 from 1s to 19s move random to random\n"
      "event = at 3s offline cpu random\n"
      "event = at 4s online cpu 2\n"
      "event = at 5s layout interleaved\n",
      "t.scenario");
  ASSERT_EQ(s.events.size(), 6u);
  EXPECT_EQ(s.events[0].when, EventRule::When::At);
  EXPECT_EQ(s.events[0].at_ns, 500'000'000);
  EXPECT_EQ(s.events[0].action.queue, "irqlab1:q2");
  EXPECT_EQ(s.events[0].action.target, "node 1");
  EXPECT_EQ(s.events[1].when, EventRule::When::Every);
  EXPECT_EQ(s.events[1].period_ns, 2'000'000'000);
  EXPECT_EQ(s.events[1].action.kind, EventAction::Kind::Cycle);
  EXPECT_EQ(s.events[1].action.hold_ns, 300'000'000);
  EXPECT_EQ(s.events[2].count, 10u);
  EXPECT_EQ(s.events[3].action.cpu, "random");
  EXPECT_EQ(s.events[5].action.layout, "interleaved");
}

TEST(Scenario, RejectsBadInputNamingFileAndLine) {
  EXPECT_EQ(error_of("duration = 5s\nfoo = 1\n"), "t.scenario:2: unknown key 'foo'");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 6s offline cpu 1\n"),
            "t.scenario:2: event at 6s lies outside the run (duration 5s)");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 4s cycle cpu 1 for 2s\n"),
            "t.scenario:2: event at 6s lies outside the run (duration 5s)");
  EXPECT_EQ(error_of("duration = 5 parsecs\n"),
            "t.scenario:1: 'duration' wants a duration such as 500ms, 12s or 10m, not '5 parsecs'");
  EXPECT_EQ(error_of("duration = 5s\nmodes = strict option2\n"),
            "t.scenario:2: unknown mode 'option2' (modes: strict, spread, override)");
  EXPECT_EQ(error_of("fio.rw = randread\n"), "t.scenario: no 'duration' (e.g. duration = 12s)");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s jump cpu 1\n"),
            "t.scenario:2: event: unknown action 'jump' (move, offline, online, cycle, layout)");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s move nvme0q1 to somewhere\n"),
            "t.scenario:2: event: move target 'somewhere' is not a CPU list, node N, local, remote, home or random");
  EXPECT_EQ(error_of("duration = 5s\nfio.verify = crc32c\n"),
            "t.scenario: 'fio.verify' needs a write load (fio.rw = write, randwrite, rw or randrw)");
  EXPECT_EQ(error_of("duration = 5s\noverhead-target = lots\n"),
            "t.scenario:2: 'overhead-target' wants a percentage above 0 and at most 100 such as 3%, not 'lots'");
  EXPECT_EQ(error_of("duration = 5s\noverhead-target = 0%\n"),
            "t.scenario:2: 'overhead-target' wants a percentage above 0 and at most 100 such as 3%, not '0%'");
  EXPECT_EQ(error_of("duration = 5s\nthis line has no equals sign\n"),
            "t.scenario:2: expected 'key = value', found 'this line has no equals sign'");
}

TEST(Scenario, PlansConcreteEventsInTimeOrder) {
  const Scenario s = parse_scenario(
      "duration = 12s\n"
      "event = at 2s move nvme0q1 to remote\n"
      "event = at 4s move nvme0q1 to home\n"
      "event = at 6s cycle cpu 3 for 2s\n"
      "event = at 5s move irqlab0:q2 to 3\n"
      "event = at 7s move nvme0q3 to local\n",
      "t.scenario");
  const auto plan = plan_events(s, lab_machine(), {0});
  ASSERT_EQ(plan.size(), 6u);
  EXPECT_EQ(plan[0].describe(), "move nvme0q1 -> 2-3");
  EXPECT_EQ(plan[0].irq, 25);
  EXPECT_EQ(plan[1].describe(), "move nvme0q1 -> 0");
  EXPECT_EQ(plan[2].describe(), "move nvme0q2 -> 3");
  EXPECT_EQ(plan[3].describe(), "offline cpu3");
  EXPECT_EQ(plan[3].at_ns, 6'000'000'000);
  EXPECT_EQ(plan[4].describe(), "move nvme0q3 -> 0-1");
  EXPECT_EQ(plan[5].describe(), "online cpu3");
  EXPECT_EQ(plan[5].at_ns, 8'000'000'000);
}

TEST(Scenario, RandomChoicesFollowTheSeed) {
  const std::string text =
      "duration = 10s\nseed = 5\n"
      "event = random 20 from 1s to 9s move random to random\n"
      "event = random 5 from 1s to 8s cycle cpu random for 500ms\n";
  const auto a = plan_events(parse_scenario(text, "t"), lab_machine(), {0});
  const auto b = plan_events(parse_scenario(text, "t"), lab_machine(), {0});
  ASSERT_EQ(a.size(), 30u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].at_ns, b[i].at_ns);
    EXPECT_EQ(a[i].describe(), b[i].describe());
    EXPECT_GE(a[i].at_ns, 1'000'000'000);
    EXPECT_LE(a[i].at_ns, 9'000'000'000);
    // Random hotplug never takes the first CPU of a node (0 and 2 here).
    if (a[i].kind == PlannedEvent::Kind::Offline) {
      EXPECT_TRUE(a[i].cpu == 1 || a[i].cpu == 3) << a[i].cpu;
    }
  }
  std::string reseeded = text;
  reseeded.replace(reseeded.find("seed = 5"), 8, "seed = 6");
  const auto c = plan_events(parse_scenario(reseeded, "t"), lab_machine(), {0});
  bool differs = false;
  for (std::size_t i = 0; i < a.size(); ++i) differs = differs || a[i].describe() != c[i].describe() || a[i].at_ns != c[i].at_ns;
  EXPECT_TRUE(differs);
}

std::string plan_error(const std::string& events) {
  return irqlab::error_of(
      [&] { plan_events(parse_scenario("duration = 10s\n" + events, "t.scenario"), lab_machine(), {0}); });
}

TEST(Scenario, PlanRejectsWhatTheMachineLacks) {
  EXPECT_EQ(plan_error("event = at 1s offline cpu 9\n"), "t.scenario:2: CPU 9 does not exist (CPUs: 0-3)");
  EXPECT_EQ(plan_error("event = at 1s move nvme0q1 to 7\n"), "t.scenario:2: CPU 7 does not exist (CPUs: 0-3)");
  EXPECT_EQ(plan_error("event = at 1s offline cpu 0\n"),
            "t.scenario:2: CPU 0 cannot go offline (the boot CPU has no online file)");
  EXPECT_EQ(plan_error("event = at 1s move nvme3q1 to 1\n"),
            "t.scenario:2: no NVMe I/O queue 'nvme3q1' (queues: nvme0q1, nvme0q2, nvme0q3, nvme0q4)");
  EXPECT_EQ(plan_error("event = at 1s move nvme0q1 to node 5\n"), "t.scenario:2: node 5 does not exist (nodes: 2)");
  EXPECT_EQ(plan_error("event = at 1s offline cpu 2\nevent = at 2s offline cpu 3\n"),
            "t.scenario: the events take every CPU of node 1 (2-3) offline; a node keeps at least one");
}

TEST(Scenario, ResolvesFioTargets) {
  Scenario s = parse_scenario("duration = 3s\n", "t.scenario");
  FioLoad load = resolve_fio_load(s, lab_machine());
  EXPECT_EQ(load.filenames, (std::vector<std::string>{"/dev/nvme0n1"}));
  EXPECT_EQ(load.runtime_s, 3u);
  s.fio_targets = {"nvme5n1"};
  EXPECT_THROW(resolve_fio_load(s, lab_machine()), Error);
}

TEST(Scenario, ShippedScenariosParse) {
  const auto names = scenario_names(IRQLAB_SCENARIOS_DIR);
  ASSERT_GE(names.size(), 4u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    Scenario s = load_scenario(name, IRQLAB_SCENARIOS_DIR);
    EXPECT_EQ(s.name, name);
    EXPECT_FALSE(s.description.empty());
  }
  const Scenario d = load_scenario("default", IRQLAB_SCENARIOS_DIR);
  EXPECT_NO_THROW(plan_events(d, lab_machine(), {0}));
}


// Numbers are range-checked where they are read: a CPU or node id that
// would wrap in an int (4294967297 is 1) or build a huge set is refused.
TEST(Scenario, RefusesIdsAboveTheLimits) {
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s offline cpu 4294967297\n"),
            "t.scenario:2: event: CPU 4294967297 is above the limit of 8191");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s move nvme0q1 to node 4294967297\n"),
            "t.scenario:2: event: node 4294967297 is above the limit of 1023");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s move nvme0q1 to 0-1048576\n"),
            "t.scenario:2: event: CPU 1048576 is above the limit of 8191");
}

TEST(Scenario, RefusesNumbersThatAreNotFinite) {
  EXPECT_EQ(error_of("duration = 5s\noverhead-target = nan\n"),
            "t.scenario:2: 'overhead-target' wants a percentage above 0 and at most 100 such as 3%, not 'nan'");
  EXPECT_EQ(error_of("duration = 5s\noverhead-target = -nan\n"),
            "t.scenario:2: 'overhead-target' wants a percentage above 0 and at most 100 such as 3%, not '-nan'");
}

// A duration past a year cannot be meant, and one near the int64 limit of
// nanoseconds would overflow when an event time and its hold are added.
TEST(Scenario, RefusesDurationsThatWouldOverflow) {
  EXPECT_EQ(error_of("duration = 9999999999999h\n"),
            "t.scenario:1: 'duration' wants at most 8760h (a year), not '9999999999999h'");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s cycle cpu 1 for 9223372036854775807s\n"),
            "t.scenario:2: event: the time offline wants at most 8760h (a year), not '9223372036854775807s'");
}

TEST(Scenario, RefusesDuplicateKeysNamingBothLines) {
  EXPECT_EQ(error_of("name = a\nduration = 5s\n\nduration = 6s\n"),
            "t.scenario:4: duplicate key 'duration' (first at line 2)");
  EXPECT_EQ(error_of("duration = 5s\nname = a\nname = b\n"), "t.scenario:3: duplicate key 'name' (first at line 2)");
  EXPECT_EQ(error_of("duration = 5s\nmodes = strict\nmodes = spread\n"),
            "t.scenario:3: duplicate key 'modes' (first at line 2)");
  EXPECT_EQ(error_of("duration = 5s\nmodes = strict strict strict\n"), "t.scenario:2: 'modes' lists 'strict' twice");
  EXPECT_EQ(error_of("duration = 5s\nevent = at 1s offline cpu 1\nevent = at 2s online cpu 1\n"), "");
}

// Rules are expanded into events only when planned; a rule that would make
// millions is refused while parsing, before any memory is spent on it.
TEST(Scenario, RefusesRulesThatWouldMakeTooManyEvents) {
  EXPECT_EQ(error_of("duration = 12s\nevent = every 1us from 0s to 12s offline cpu 1\n"),
            "t.scenario:2: event: the rule makes 12000001 events, more than the limit of 100000");
  EXPECT_EQ(error_of("duration = 12s\nevent = random 60000 from 0s to 12s move random to random\n"
                     "event = random 60000 from 0s to 12s move random to random\n"),
            "t.scenario:3: event: the rules up to this one make 120000 events, more than the limit of 100000");
  EXPECT_EQ(error_of("duration = 12s\nevent = random 100000 from 0s to 12s move random to random\n"), "");
}

// The name goes into run directories and reports: one plain word.
TEST(Scenario, RefusesNamesThatAreNotOneWord) {
  using namespace std::string_literals;
  const std::string rule =
      "'name' wants one word of letters, digits, '.', '_' and '-' (not starting with '.', at most 64 characters)";
  EXPECT_EQ(error_of("name = ../x\nduration = 5s\n"), "t.scenario:1: " + rule + ", not '../x'");
  EXPECT_EQ(error_of("name = a\0b\nduration = 5s\n"s), "t.scenario:1: " + rule + ", not 'a\\x00b'");
  EXPECT_EQ(error_of("name = .hidden\nduration = 5s\n"), "t.scenario:1: " + rule + ", not '.hidden'");
  EXPECT_EQ(error_of("name = " + std::string(65, 'a') + "\nduration = 5s\n"),
            "t.scenario:1: " + rule + ", not '" + std::string(65, 'a') + "'");
  EXPECT_EQ(error_of("name = hotplug-storm_2.1\nduration = 5s\n"), "");
}

// SIGTERM while a long scenario is parsed ends the parse at the next line
// (the timeout of a CI job must be able to stop irqlab).
TEST(ScenarioDeathTest, ParsingStopsOnSigterm) {
  EXPECT_EXIT(
      {
        install_signal_handlers();
        std::raise(SIGTERM);
        try {
          parse_scenario("duration = 5s\n", "t.scenario");
        } catch (const Interrupted& e) {
          std::_Exit(128 + e.signal());
        }
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(128 + SIGTERM), "");
}

}  // namespace
}  // namespace irqlab
