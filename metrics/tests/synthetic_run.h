#pragma once
// Synthetic run records for metric tests: a load from 10 s to 30 s and
// events issued at chosen instants.
#include <cstdint>
#include <string>
#include <vector>

#include "irqlab/metrics/metrics.h"

namespace irqlab::synthetic {

inline constexpr std::int64_t kMs = 1'000'000;

inline RunRecords run(std::vector<FioLogSample> iops = {}) {
  RunRecords r;
  r.mode = ManagedMode::Override;
  r.start_ns = 10'000 * kMs;
  r.end_ns = 30'000 * kMs;
  r.iops = std::move(iops);
  return r;
}

// fio's merged IOPS: one bucket per 100 ms over the load, all at one value.
inline std::vector<FioLogSample> flat_iops(std::uint64_t value) {
  std::vector<FioLogSample> out;
  for (std::int64_t end = 10'100; end <= 30'000; end += 100) out.push_back({end, value, 0});
  return out;
}

// A move the kernel took, its write returning 1 ms after it was issued.
inline RecordedEvent move_issued_at(std::int64_t issued_ns, int irq = 29, CpuSet cpus = {1}) {
  RecordedEvent e;
  e.kind = EventKind::Move;
  e.description = "move irq " + std::to_string(irq) + " at " + std::to_string(issued_ns);
  e.status = MoveStatus::Moved;
  e.outcome = "moved";
  e.irq = irq;
  e.cpus = std::move(cpus);
  e.issued_ns = issued_ns;
  e.returned_ns = issued_ns + kMs;
  return e;
}

// An NVMe I/O queue of the run, its interrupt handled on cpu.
inline RecordedQueue queue(const std::string& name, int irq, int cpu) {
  RecordedQueue q;
  q.name = name;
  q.irq = irq;
  q.controller_node = 0;
  q.hctx_cpus = {cpu};
  return q;
}

// irq_handler_entry of irq on cpu every period_ns in [from_ns, to_ns).
inline void add_interrupts(TraceLog& trace, int irq, int cpu, std::int64_t from_ns, std::int64_t to_ns,
                           std::int64_t period_ns) {
  for (std::int64_t t = from_ns; t < to_ns; t += period_ns) {
    TraceEvent e;
    e.time_ns = t;
    e.kind = TraceKind::IrqHandlerEntry;
    e.cpu = cpu;
    e.irq = irq;
    trace.events.push_back(e);
  }
}

// A CPU offline or online that was done.
inline RecordedEvent cpu_event(EventKind kind, int cpu, std::int64_t issued_ns, std::int64_t returned_ns) {
  RecordedEvent e;
  e.kind = kind;
  e.description = to_text(kind) + " cpu" + std::to_string(cpu);
  e.status = CpuEventStatus::Done;
  e.outcome = to_text(kind);
  e.cpu = cpu;
  e.issued_ns = issued_ns;
  e.returned_ns = returned_ns;
  return e;
}

}  // namespace irqlab::synthetic
