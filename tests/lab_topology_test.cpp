// Discovery, layouts and CPU hotplug inside lab guests of each preset, one
// boot per preset: what irqlab discovers matches the preset; applying the
// local and remote layouts is reported per interrupt (in stock mode the
// kernel refuses managed interrupts with EPERM and nothing changes); CPUs go
// offline and come back through irqlab, after a crash too; and after the run
// every CPU is online and every affinity is what it was.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/preset.h"

namespace irqlab::test {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The guest script: every step writes its output and status into the share.
std::string guest_script(int hotplug_cpu, bool crash_and_restore) {
  const std::string i = IRQLAB_BINARY;
  const std::string cpu = std::to_string(hotplug_cpu);
  std::string s = "set -u; cd \"$IRQLAB_OUT\"; I=" + i + ";";
  auto step = [&](const std::string& name, const std::string& cmd) {
    s += " " + cmd + " >" + name + ".out 2>" + name + ".err; echo $? >" + name + ".rc;";
  };
  step("before", "$I topology --json");
  step("local", "$I layout local --apply --json");
  step("remote", "$I layout remote --apply --json");
  step("offline", "$I cpu offline " + cpu + " -- cat /sys/devices/system/cpu/online");
  step("boot_cpu", "$I cpu offline 0");
  if (crash_and_restore) {
    // SIGKILL while the CPU is offline: nothing unwinds; `irqlab restore` puts it back.
    step("crash", "$I cpu offline " + cpu + " -- sh -c 'cat /sys/devices/system/cpu/online; kill -KILL $PPID'");
    step("after_crash", "cat /sys/devices/system/cpu/online");
    step("restore", "$I restore");
  }
  step("after", "$I topology --json");
  return s;
}

struct GuestRun {
  fs::path share;
  CliRun run;
  std::string file(const std::string& name) const {
    std::error_code ec;
    return fs::exists(share / name, ec) ? read_file(share / name) : "(missing " + name + ")";
  }
  int rc(const std::string& step) const {
    auto v = parse_int(trim(file(step + ".rc")));
    return v ? static_cast<int>(*v) : -1;
  }
  json json_of(const std::string& step) const {
    try {
      return json::parse(file(step + ".out"));
    } catch (const std::exception& e) {
      ADD_FAILURE() << step << ": not JSON: " << e.what() << "\n" << file(step + ".out") << file(step + ".err");
      return json::object();
    }
  }
};

GuestRun boot(const std::string& preset, const std::string& append, const fs::path& dir, int hotplug_cpu,
              bool crash) {
  GuestRun g;
  std::vector<std::string> args = {"lab", "run", "--preset", preset, "--run-dir", (dir / "run").string()};
  if (!append.empty()) args.insert(args.end(), {"--append", append});
  args.insert(args.end(), {"--", "sh", "-c", guest_script(hotplug_cpu, crash)});
  g.run = run_irqlab(args);
  g.share = dir / "run" / "share";
  EXPECT_EQ(g.run.exit_code, 0) << g.run.err << g.run.out;
  EXPECT_TRUE(no_process_mentions((dir / "run").string())) << "qemu left running";
  return g;
}

const json& controller_by_serial(const json& topo, const std::string& serial) {
  for (const json& c : topo["controllers"])
    if (c["serial"] == serial) return c;
  static const json none = json::object();
  ADD_FAILURE() << "no controller with serial " << serial;
  return none;
}

std::map<int, json> affinities(const json& topo) {
  std::map<int, json> out;
  for (const json& c : topo["controllers"])
    for (const json& q : c["queues"]) out[q["irq"].get<int>()] = q["affinity"];
  return out;
}

// The mode of the kernel under test: "stock" without the series.
std::string mode_of(const json& topo) {
  return topo["kernel"]["managed_mode"].is_string() ? topo["kernel"]["managed_mode"].get<std::string>() : "stock";
}

void check_discovery_matches_preset(const json& topo, const LabTopology& preset) {
  ASSERT_EQ(topo["nodes"].size(), preset.nodes.size());
  for (std::size_t n = 0; n < preset.nodes.size(); ++n) {
    std::set<int> cpus = topo["nodes"][n]["cpus"].get<std::set<int>>();
    EXPECT_EQ(cpus, preset.cpus_of_node(preset.nodes[n].id)) << "node " << n;
  }
  EXPECT_EQ(topo["cpus"]["online"].size(), static_cast<std::size_t>(preset.total_cpus()));
  EXPECT_EQ(topo["hwloc"], "live");
  EXPECT_TRUE(topo["warnings"].empty()) << topo["warnings"].dump();
  ASSERT_EQ(topo["controllers"].size(), preset.controllers.size());
  for (const NvmeSpec& spec : preset.controllers) {
    const json& c = controller_by_serial(topo, "irqlab" + std::to_string(spec.index));
    EXPECT_EQ(c["numa_node"], spec.node) << c.dump();
    EXPECT_EQ(c["locality_source"], "hwloc");
    int io = 0;
    for (const json& q : c["queues"]) {
      if (q["type"] != "io") continue;
      ++io;
      EXPECT_FALSE(q["hctx_cpus"].empty()) << q.dump();
      // Option 1 (spread) keeps the spread but treats the interrupts as unmanaged.
      EXPECT_EQ(q["managed"], mode_of(topo) != "spread") << q.dump();
    }
    EXPECT_EQ(io, spec.queues);
    EXPECT_EQ(c["namespaces"].size(), 1u);
  }
}

// Stock 6.12 and strict mode: every queue interrupt is refused with EPERM,
// or already where the plan wants it. Option 1 (spread) and option 3
// (override) must move them where the plan says: effective inside the plan,
// or pending (x86 moves an idle interrupt when it next fires).
void check_layout_report(const json& report, const json& topo, const std::string& layout) {
  EXPECT_EQ(report["schema"], "irqlab-layout-report") << layout;
  const bool movable = mode_of(topo) == "spread" || mode_of(topo) == "override";
  int refused = 0;
  for (const json& irq : report["interrupts"]) {
    const std::string status = irq["status"];
    if (status == "already-there") continue;
    if (movable) {
      EXPECT_TRUE(status == "moved" || status == "pending") << layout << ": " << irq.dump();
      EXPECT_EQ(irq["after"], irq["plan"]) << irq.dump();
      if (status == "moved") {
        std::set<int> plan = irq["plan"].get<std::set<int>>();
        for (int cpu : irq["effective_after"].get<std::set<int>>()) EXPECT_TRUE(plan.count(cpu)) << irq.dump();
      }
    } else {
      EXPECT_EQ(status, "refused") << layout << ": " << irq.dump();
      EXPECT_EQ(irq["outcome"], "refused by the kernel: managed interrupt (EPERM)") << irq.dump();
      EXPECT_EQ(irq["after"], irq["before"]) << irq.dump();
      ++refused;
    }
  }
  if (!movable) {
    EXPECT_GT(refused, 0) << layout << ": " << report.dump();
  }
}

void check_run(const std::string& preset_name, const std::string& append, int hotplug_cpu, bool crash) {
  const LabTopology preset = load_preset(preset_name, fs::path(IRQLAB_TEST_SOURCE_DIR) / "topology" / "presets");
  fs::path dir = make_temp_dir("topology-" + preset_name);
  GuestRun g = boot(preset_name, append, dir, hotplug_cpu, crash);

  ASSERT_EQ(g.rc("before"), 0) << g.file("before.err");
  const json before = g.json_of("before");
  check_discovery_matches_preset(before, preset);
  std::cerr << preset_name << ": kernel " << before["kernel"]["release"] << ", managed irq mode " << mode_of(before)
            << "\n";

  for (const char* layout : {"local", "remote"}) {
    EXPECT_EQ(g.rc(layout), 0) << g.file(std::string(layout) + ".err");
    check_layout_report(g.json_of(layout), before, layout);
  }

  // CPU offline while a command runs, back online after it.
  EXPECT_EQ(g.rc("offline"), 0) << g.file("offline.err");
  std::set<int> all = before["cpus"]["present"].get<std::set<int>>();
  std::set<int> without = all;
  without.erase(hotplug_cpu);
  EXPECT_NE(g.file("offline.out").find("CPU " + std::to_string(hotplug_cpu) + ": offline"), std::string::npos)
      << g.file("offline.out");
  EXPECT_NE(g.file("offline.out").find("\n" + format_cpu_list(without) + "\n"), std::string::npos)
      << "the command did not see the CPU offline:\n" << g.file("offline.out");
  // "put back 1 CPU", or with an affinity the offline broke (option 1).
  EXPECT_TRUE(g.file("offline.err").starts_with("irqlab: put back ")) << g.file("offline.err");
  EXPECT_TRUE(g.file("offline.err").ends_with("1 CPU\n")) << g.file("offline.err");

  EXPECT_EQ(g.rc("boot_cpu"), 1);
  EXPECT_EQ(g.file("boot_cpu.err"),
            "irqlab: error: CPU 0 cannot be taken offline: it has no online file (the boot CPU)\n");

  if (crash) {
    EXPECT_EQ(g.rc("crash"), 137) << g.file("crash.err");
    EXPECT_EQ(trim(g.file("after_crash.out")), format_cpu_list(without)) << "the crash left the CPU offline";
    EXPECT_EQ(g.rc("restore"), 0) << g.file("restore.err");
    EXPECT_NE(g.file("restore.out").find("put back 1 CPU"), std::string::npos) << g.file("restore.out");
  }

  // After the run: every CPU online, every affinity as before.
  ASSERT_EQ(g.rc("after"), 0) << g.file("after.err");
  const json after = g.json_of("after");
  EXPECT_EQ(after["cpus"]["online"], before["cpus"]["present"]);
  EXPECT_EQ(affinities(after), affinities(before));
  fs::remove_all(dir);
}

}  // namespace

// One boot per preset, each in another mode of the series (a kernel without
// the series ignores irq_managed= and shows the stock behaviour in all three).
TEST(LabTopology, DefaultPresetStrictModeWithCrashAndRestore) { check_run("default", "", 3, true); }

// Option 1: single-CPU queues, so taking CPU 1 offline breaks nvme0q4's
// affinity for good; irqlab must put it back.
TEST(LabTopology, NvmeOnNode1SpreadMode) { check_run("nvme-node1", "irq_managed=spread", 1, false); }

// Option 3: managed interrupts moved across four nodes and two controllers.
TEST(LabTopology, FourNodesTwoControllersOverrideMode) { check_run("numa4-2nvme", "irq_managed=override", 7, false); }

}  // namespace irqlab::test
