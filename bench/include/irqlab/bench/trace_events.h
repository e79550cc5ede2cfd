#pragma once
// The text `perf script -F comm,pid,tid,cpu,time,event,trace --ns` prints for
// a `perf record -k mono` of the tracepoints a scenario records, as typed
// events. perf 6.1 cannot format the cpumask fields of irq:irq_managed_move
// (libtraceevent lacks __get_cpumask) and prints "[FAILED TO PARSE]" before
// the raw fields; the masks are then offsets, not masks, and are ignored:
// the injector knows what it wrote.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

enum class TraceKind : std::uint8_t {
  IrqHandlerEntry,  // irq:irq_handler_entry        irq=, name=
  BlockRqIssue,     // block:block_rq_issue         dev
  BlockRqComplete,  // block:block_rq_complete      dev
  ManagedMove,      // irq:irq_managed_move         irq=, ret=, duration_ns=
  HctxDrain,        // block:block_mq_hctx_drain    dev, hctx=, inflight=, ret=, duration_ns=
  VectorUpdate,     // irq_vectors:vector_update    irq=, cpu= (the new target CPU)
  CpuhpEnter,       // cpuhp:cpuhp_enter            cpu: (the CPU going on/offline)
  CpuhpExit,        // cpuhp:cpuhp_exit             cpu:, ret:
  Other,            // any other event: kept with its time and CPU only
};

struct TraceEvent {
  std::int64_t time_ns = 0;      // CLOCK_MONOTONIC
  TraceKind kind = TraceKind::Other;
  int cpu = -1;                  // the CPU the event was recorded on ([003])
  int irq = -1;                  // IrqHandlerEntry, ManagedMove, VectorUpdate
  int ret = 0;                   // ManagedMove, HctxDrain, CpuhpExit
  std::int64_t duration_ns = 0;  // ManagedMove, HctxDrain
  int hctx = -1;                 // HctxDrain
  unsigned inflight = 0;         // HctxDrain
  int target_cpu = -1;           // VectorUpdate (cpu=), CpuhpEnter/Exit (cpu:)
  std::uint32_t dev = 0;         // BlockRq*, HctxDrain: major << 20 | minor ("259,0")
};

struct TraceLog {
  std::vector<TraceEvent> events;         // in the order perf printed them (time order)
  std::map<int, std::string> irq_names;   // from irq_handler_entry name=: 29 -> "nvme0q1"
  std::size_t skipped_lines = 0;          // perf's own warnings and blank lines
};

// Throws Error naming the line number for an event line it cannot read
// (a known event with a missing or malformed field, a bad time or CPU).
TraceLog parse_perf_script(std::string_view text);

// "259,0" -> 259 << 20 | 0, as TraceEvent::dev stores it.
std::uint32_t make_block_dev(unsigned major, unsigned minor);

}  // namespace irqlab
