#pragma once
// The text `perf script -F comm,pid,tid,cpu,time,event,trace --ns
// --show-lost-events` prints for a `perf record -k mono` of the tracepoints a
// scenario records, as typed events, and the events perf lost. perf 6.1 cannot format the cpumask fields of irq:irq_managed_move
// (libtraceevent lacks __get_cpumask) and prints "[FAILED TO PARSE]" before
// the raw fields; the masks are then offsets, not masks, and are ignored:
// the injector knows what it wrote.
#include <cstdint>
#include <map>
#include <optional>
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

// Events a tracer lost on one CPU (its ring buffer was full): reported
// with the first event recorded after them on that CPU, so they fell in
// (since_ns, time_ns].
struct TraceLoss {
  std::int64_t time_ns = 0;   // the first event after the loss on its CPU; INT64_MAX: none came
  std::int64_t since_ns = 0;  // the last event before it on that CPU; 0: none, from the start
  int cpu = -1;
  std::uint64_t count = 0;    // events lost; 0: the tracer did not say how many
};

struct TraceLog {
  std::vector<TraceEvent> events;         // in the order perf printed them (time order)
  std::map<int, std::string> irq_names;   // from irq_handler_entry name=: 29 -> "nvme0q1"
  std::size_t skipped_lines = 0;          // perf's own warnings and blank lines
  // Events lost: the sum of the losses' counts, a loss of unknown size
  // counting 1 (at least one was lost).
  std::uint64_t lost_events = 0;
  std::vector<TraceLoss> losses;          // in time order
};

// Losses come from perf's "PERF_RECORD_LOST lost N" lines and from the lines
// of ftrace and trace-cmd that ftrace_as_perf_script() keeps (below).
// Throws Error naming the line number for an event line it cannot read
// (a known event with a missing or malformed field, a bad time or CPU).
TraceLog parse_perf_script(std::string_view text);

// ftrace's line for events a CPU's ring buffer lost, printed before the first
// event after them: "CPU:3 [LOST 42 EVENTS]" or "CPU:3 [LOST EVENTS]" (the
// kernel's print_trace_line), "CPU:3 [42 EVENTS DROPPED]" or "CPU:3 [EVENTS
// DROPPED]" (trace-cmd report), after trace-cmd's "<instance>: " if any. The
// CPU and the count (0: not said); nullopt for any other line.
std::optional<std::pair<int, std::uint64_t>> parse_ftrace_loss_line(std::string_view line);

// An ftrace text trace ("comm-pid [cpu] flags time: event: fields", or
// without the flags as `trace-cmd report` prints it) as the lines
// `perf script -F comm,pid,tid,cpu,time,event,trace` prints, so one parser
// reads all three. Lines that are not events (the header) are dropped, but
// for those that say a CPU lost events (parse_ftrace_loss_line), kept as they
// are. events: "sys:name", which qualify ftrace's bare event names.
std::string ftrace_as_perf_script(std::string_view text, const std::vector<std::string>& events);

// "259,0" -> 259 << 20 | 0, as TraceEvent::dev stores it.
std::uint32_t make_block_dev(unsigned major, unsigned minor);

}  // namespace irqlab
