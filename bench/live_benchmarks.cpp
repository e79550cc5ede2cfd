// Timings on the live machine (root; a lab guest or a lab machine), with
// manual time so that only the kernel's part is measured:
//   BM_LiveMoveQueueIrq: one NVMe queue interrupt moved back and forth
//     between two CPUs of different nodes, write issued -> effective
//     affinity showing the new CPU (polled every 1 ms);
//   BM_LiveCpuOfflineOnline: one CPU taken offline and brought back.
// Changes go through the journaled control session and are put back at the
// end of each benchmark. Run them under a load (`irqlab scenario run` with
// microbench = yes starts fio first). Environment: IRQLAB_STATE_DIR (the
// journal), IRQLAB_MICROBENCH_IRQ (which interrupt, default the first NVMe
// I/O queue), IRQLAB_MICROBENCH_CPU (which CPU to cycle).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/control/control_session.h"
#include "irqlab/control/journal.h"
#include "irqlab/control/services.h"
#include "irqlab/control/system_writer.h"
#include "irqlab/topology/discovery.h"

namespace irqlab {
namespace {

std::optional<int> env_int(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  auto n = parse_int(v);
  return n ? std::optional<int>(static_cast<int>(*n)) : std::nullopt;
}

struct Live {
  Machine machine;
  KernelFileWriter writer;
  SystemdServices services;
  std::optional<ControlSession> session;
};

// A control session on this machine, or nullopt after marking the benchmark skipped.
bool open_session(benchmark::State& state, Live& live) {
  if (geteuid() != 0) {
    state.SkipWithError("live benchmarks change interrupts and CPUs: run as root");
    return false;
  }
  try {
    live.machine = discover(DiscoveryOptions{});
    ControlOptions options;
    const char* dir = std::getenv("IRQLAB_STATE_DIR");
    options.state_dir = resolve_state_dir(dir ? dir : "");
    options.harness_cpus = {0};
    live.session.emplace(live.machine, options, live.writer, live.services);
  } catch (const Error& e) {
    state.SkipWithError(e.what());
    return false;
  }
  return true;
}

// Puts back what the benchmark changed; a failure marks the benchmark (the
// journal stays for `irqlab restore`) instead of ending the process.
void restore(benchmark::State& state, Live& live) {
  try {
    live.session->restore();
  } catch (const Error& e) {
    state.SkipWithError(e.what());
  }
}

void BM_LiveMoveQueueIrq(benchmark::State& state) {
  Live live;
  if (!open_session(state, live)) return;
  const NvmeQueue* queue = nullptr;
  const auto wanted = env_int("IRQLAB_MICROBENCH_IRQ");
  for (const NvmeController& c : live.machine.controllers)
    for (const NvmeQueue* q : c.io_queues())
      if (!queue && (!wanted || q->irq == *wanted)) queue = q;
  if (!wanted) {
    // The busiest queue: x86 applies a move at the queue's next interrupt, so
    // a queue no submitter of the load reaches would never settle.
    usleep(200'000);
    const Machine later = discover(DiscoveryOptions{});
    std::uint64_t most = 0;
    for (const NvmeController& c : later.controllers)
      for (const NvmeQueue* now : c.io_queues())
        for (const NvmeController& c0 : live.machine.controllers)
          for (const NvmeQueue* then : c0.io_queues())
            if (then->irq == now->irq && !then->effective.empty() && now->count > then->count + most) {
              most = now->count - then->count;
              queue = then;
            }
  }
  if (!queue || queue->effective.empty()) {
    state.SkipWithError("no NVMe I/O queue interrupt with an online CPU");
    return;
  }
  // Its CPU and the first online CPU of another node (or any other CPU).
  const int home = *queue->effective.begin();
  int away = -1;
  const auto home_node = live.machine.node_of_cpu(home);
  for (int cpu : live.machine.online_cpus)
    if (away < 0 && cpu != home && live.machine.node_of_cpu(cpu) != home_node) away = cpu;
  for (int cpu : live.machine.online_cpus)
    if (away < 0 && cpu != home) away = cpu;
  if (away < 0) {
    state.SkipWithError("one online CPU: nowhere to move to");
    return;
  }
  state.SetLabel(queue->name + " cpu" + std::to_string(home) + "<->cpu" + std::to_string(away));
  bool there = false;
  double write_ms = 0;
  int iteration = 0;
  for (auto _ : state) {
    ++iteration;
    const int target = there ? home : away;
    IrqMove m = live.session->move_irq(queue->irq, {target});
    if (m.status != IrqMove::Status::Moved) {
      state.SkipWithError((queue->name + " to cpu" + std::to_string(target) + " (iteration " +
                           std::to_string(iteration) + ", affinity was " + format_cpu_list(m.before) +
                           ", effective " + format_cpu_list(m.effective_before) + "): " + m.outcome)
                              .c_str());
      break;
    }
    there = !there;
    write_ms += m.write_ms;
    state.SetIterationTime(static_cast<double>(m.effective_seen_ns - m.write_issued_ns) / 1e9);
    // Untimed: x86 may keep a request pending until the next interrupt while
    // the effective CPU already changed; the next move starts from a settled irq.
    const std::string affinity = "/proc/irq/" + std::to_string(queue->irq) + "/smp_affinity_list";
    for (int i = 0; i < 1000 && live.session->sys().read_cpu_list(affinity) != CpuSet{target}; ++i) usleep(1000);
  }
  state.counters["write_ms"] = benchmark::Counter(write_ms, benchmark::Counter::kAvgIterations);
  restore(state, live);
}

void BM_LiveCpuOfflineOnline(benchmark::State& state) {
  Live live;
  if (!open_session(state, live)) return;
  // The last hotpluggable CPU of the last node with two or more: never the boot CPU.
  int cpu = env_int("IRQLAB_MICROBENCH_CPU").value_or(-1);
  if (cpu < 0)
    for (int c : live.machine.hotpluggable_cpus) cpu = c;
  if (cpu < 0) {
    state.SkipWithError("no CPU can go offline here");
    return;
  }
  state.SetLabel("cpu" + std::to_string(cpu));
  double offline_ms = 0, online_ms = 0;
  for (auto _ : state) {
    try {
      CpuChange off = live.session->set_cpu_online(cpu, false);
      CpuChange on = live.session->set_cpu_online(cpu, true);
      offline_ms += off.ms;
      online_ms += on.ms;
      state.SetIterationTime(static_cast<double>(on.write_returned_ns - off.write_issued_ns) / 1e9);
    } catch (const Error& e) {
      state.SkipWithError(e.what());
      break;
    }
  }
  state.counters["offline_ms"] = benchmark::Counter(offline_ms, benchmark::Counter::kAvgIterations);
  state.counters["online_ms"] = benchmark::Counter(online_ms, benchmark::Counter::kAvgIterations);
  restore(state, live);
}

// Fixed iteration counts: each iteration changes the machine, and the run
// must take the same time on every mode.
BENCHMARK(BM_LiveMoveQueueIrq)->UseManualTime()->Iterations(40)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LiveCpuOfflineOnline)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace irqlab
