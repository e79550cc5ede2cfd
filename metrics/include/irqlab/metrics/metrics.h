#pragma once
// Metrics of one run, from the records the runner left in its directory:
// per injected event and aggregated. All times come from one clock
// (CLOCK_MONOTONIC): the injector's stamps, perf -k mono, fio's logs.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "irqlab/metrics/fio_json.h"
#include "irqlab/metrics/fio_log.h"
#include "irqlab/metrics/vector_matrix.h"
#include "irqlab/record/trace_events.h"
#include "irqlab/scenario/event_status.h"
#include "irqlab/topology/machine.h"
#include "irqlab/topology/managed_mode.h"

namespace irqlab {

struct RecordedEvent {                 // one entry of events.json
  int index = 0;
  EventKind kind = EventKind::Move;
  EventStatus status = MoveStatus::Skipped;  // in the vocabulary of its kind (event_status.h)
  std::string description, outcome;
  std::string layout;                  // layout events: the layout's name
  int irq = -1, cpu = -1, error = 0;
  CpuSet cpus;
  std::int64_t at_ns = 0;              // planned, from the start of the load
  std::int64_t issued_ns = 0, returned_ns = 0, effective_ns = 0;  // 0: not reached
  bool accepted() const;               // a move the kernel took (moved, pending, unverified)
};

struct RecordedQueue {                 // an NVMe I/O queue when the run started
  std::string name;                    // nvme0q1
  int irq = -1;
  std::optional<int> controller_node;
  CpuSet hctx_cpus;                    // the CPUs that submit to it
};

struct RunRecords {
  std::filesystem::path dir;
  std::optional<ManagedMode> kernel_mode;  // what the kernel reported; nullopt: a kernel without the series
  ManagedMode mode = ManagedMode::Strict;  // the mode in force: mode_in_force(kernel_mode)
  std::string kernel_release, cmdline;
  std::int64_t start_ns = 0, end_ns = 0;
  std::int64_t log_interval_ns = 100'000'000;
  std::vector<std::string> trace_events, missing_trace_events;
  std::vector<RecordedEvent> events;
  std::vector<RecordedQueue> queues;
  std::map<int, CpuSet> node_cpus;
  TraceLog trace;
  FioResult fio;
  // Per log interval (merge_fio_logs): IOPS summed over fio's jobs, and the
  // worst completion over them (ns); only intervals every job covered.
  std::vector<FioLogSample> iops;
  std::vector<FioLogSample> clat_max;
  struct ProbeWindow {
    std::int64_t from_ns = 0, to_ns = 0;
    bool traced = false;
  };
  std::vector<ProbeWindow> probe_windows;  // the overhead probe: perf off and on in turn
  std::vector<FioLogSample> probe_iops;    // its IOPS, summed over the jobs
  std::optional<VectorMatrix> vector_before, vector_after;
  std::string dmesg_before, dmesg_after;
};

// Reads a run directory; makes perf.script from perf.data and trace-cmd.txt
// from trace-cmd.dat first when they are missing (`perf script`,
// `trace-cmd report`). Throws Error naming a missing or
// malformed record.
RunRecords read_run(const std::filesystem::path& dir, const std::string& perf = "perf",
                    const std::string& trace_cmd = "trace-cmd");

// Helpers read_run() uses, for tests on recorded inputs.
std::vector<RecordedEvent> parse_events_json(std::string_view text);
// fio's per-job logs on one grid of interval_ms buckets, each sample at its
// bucket's end: a sample is the job's average over the span since its
// previous one (a span of 1.5 ticks or more without one: silence, then the
// sample's own tick), spread onto the buckets by overlap; sum: rates summed
// over the jobs, else the worst overlapping value. Only buckets wholly
// inside the span every job covered; a silence inside it is there at 0.
std::vector<FioLogSample> merge_fio_logs(const std::vector<std::vector<FioLogSample>>& jobs,
                                         std::int64_t interval_ms, bool sum);

struct Distribution {
  std::size_t count = 0;
  double p50 = 0, p90 = 0, max = 0;
};
std::optional<Distribution> distribution(std::vector<double> values);
// The middle value (mean of the two middle ones for an even count); 0 when empty.
double median(std::vector<double> values);
// The distribution-free 95% confidence interval of the median: the order
// statistics at the binomial ranks that cover it with at least 95%. None
// below 6 values, where even the extremes cover less.
std::optional<std::pair<double, double>> median_ci95(std::vector<double> values);

// The tracing overhead over the overhead probe's window pairs (percent IOPS
// lost): their median, quartiles, and the 95% confidence interval of the
// median (none below 6 pairs). nullopt without pairs.
struct OverheadEstimate {
  double median_percent = 0;
  std::pair<double, double> quartiles{0, 0};
  std::optional<std::pair<double, double>> ci95;
  std::size_t pairs = 0;
};
std::optional<OverheadEstimate> overhead_estimate(std::vector<double> pairs);

struct EventMetrics {
  RecordedEvent event;
  std::optional<double> write_ms;           // write issued -> write returned
  std::optional<double> effective_ms;       // write issued -> effective affinity showed the new CPUs
  std::optional<double> first_irq_ms;       // write issued -> first interrupt handled on the new CPUs
  std::optional<double> move_trace_ms;      // irq:irq_managed_move duration (the kernel's own view)
  std::optional<double> drain_ms;           // longest block_mq_hctx_drain inside the write
  unsigned drains = 0, drain_inflight = 0;  // how many, requests in flight at the longest
  // Longest gap between the disturbed queue's interrupts, from its last one at
  // or before issued - 100 ms to its first at or after returned + 500 ms (or
  // the end of the load if it never comes): a silence that spans either end
  // is measured whole. Before, only [issued - 100 ms, returned + 500 ms] was
  // looked at, so a 3 s silence from 1 ms after a move read 1 ms. None for a
  // queue with no interrupt from 1.1 s before the write to 500 ms after it.
  std::optional<double> completion_gap_ms;
  std::optional<double> fio_worst_clat_ms;  // fio's worst completion in the second after the event
  // The IOPS intervals after the event, until the next event is issued (any
  // kind), the load ends or 2 s pass: before, every event had 2 s, so one
  // disturbance counted for each event in the 2 s before it.
  std::optional<double> dip_percent;        // deepest IOPS drop below steady state in them
  std::optional<double> dip_ms;             // time below 90% of steady state in them
  // A tracer lost events inside the span the trace-based figures above came
  // from (first_irq_ms, move_trace_ms, drain_ms, completion_gap_ms): those
  // four are then null (drain_inflight 0; drains counts what was recorded),
  // not figures of what happened.
  bool trace_lost = false;
};

struct Locality {
  std::uint64_t interrupts = 0;             // queue interrupts counted
  double controller_node_share = 0;         // handled on a CPU of the controller's node
  double submitter_node_share = 0;          // handled on the node of the queue's submitting CPUs
};

// The steady state under one layout of a scenario's layout sequence: from
// 500 ms after its event (the moves settle) to the next layout's.
struct LayoutSegment {
  std::string layout;
  std::int64_t from_ns = 0, to_ns = 0;
  double steady_iops = 0;                   // median of the intervals, 0 if none
  std::optional<Locality> locality;
};

struct RunMetrics {
  ManagedMode mode = ManagedMode::Strict;  // in force in the kernel (RunRecords::mode)
  std::int64_t start_ns = 0, end_ns = 0;   // the load, CLOCK_MONOTONIC
  std::vector<EventMetrics> events;
  unsigned moves = 0, moves_accepted = 0, moves_refused = 0, moves_skipped = 0;
  std::string refusal;                      // the first refusal's outcome
  unsigned cpu_events = 0, cpu_events_failed = 0;
  std::optional<Distribution> write_ms, effective_ms, first_irq_ms, move_trace_ms, drain_ms, completion_gap_ms,
      fio_worst_clat_ms, dip_percent, dip_ms;
  // write issued -> returned of the CPU offline and online writes (write_ms
  // above is the moves' alone)
  std::optional<Distribution> offline_write_ms, online_write_ms;
  // The dip figure at instants no event disturbs: its max over them (the
  // noise floor of dip_percent in this boot), and how many there were.
  std::optional<double> quiet_dip_percent;
  unsigned quiet_instants = 0;
  unsigned drains = 0;                      // block_mq_hctx_drain events in the whole run
  double read_iops = 0, write_iops = 0;     // fio's averages over the run
  double steady_iops = 0;                   // median of the per-interval IOPS
  double clat_p50_ms = 0, clat_p99_ms = 0, clat_max_ms = 0;
  double probe_untraced_iops = 0, probe_traced_iops = 0;  // mean IOPS of the probe's windows
  // Each (untraced, traced) window pair's (untraced - traced) / untraced IOPS,
  // percent, in time order; overhead_estimate() sums them up.
  std::vector<double> probe_pair_overheads;
  std::optional<Locality> locality_before, locality_after, locality_run;  // before the first CPU event, after the last
  std::vector<LayoutSegment> layouts;       // in scenario order; empty without layout events
  int fio_error = 0;
  std::vector<std::string> kernel_problems;  // "nvme timeout: <line>"
  std::vector<std::string> vector_drift;     // empty: the managed reservation is back
  bool vector_checked = false;
  std::size_t trace_event_count = 0;
  std::uint64_t lost_trace_events = 0;    // events the tracers lost (TraceLog::lost_events)
  bool has_move_tracepoint = false;       // the kernel had irq:irq_managed_move and it was recorded
  bool has_drain_tracepoint = false;      // likewise block:block_mq_hctx_drain
};

RunMetrics compute_metrics(const RunRecords& r);

// irqlab.metrics/1 (scenario/scenarios/README.md documents the fields).
nlohmann::ordered_json metrics_json(const RunMetrics& m);

}  // namespace irqlab
