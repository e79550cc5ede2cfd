// compute_metrics(): per event, then aggregated over the run.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "irqlab/common/statistics.h"
#include "irqlab/common/text.h"
#include "irqlab/metrics/kernel_log.h"
#include "irqlab/metrics/metrics.h"

namespace irqlab {
using json = nlohmann::ordered_json;

namespace {

constexpr std::int64_t kMs = 1'000'000;

double ms(std::int64_t ns) { return static_cast<double>(ns) / 1e6; }

// Interrupts handled per queue irq, in time order: (time, cpu).
using IrqLine = std::vector<std::pair<std::int64_t, int>>;
using IrqTimeline = std::map<int, IrqLine>;

IrqTimeline queue_timelines(const RunRecords& r) {
  IrqTimeline t;
  for (const RecordedQueue& q : r.queues) t[q.irq];
  for (const TraceEvent& e : r.trace.events)
    if (e.kind == TraceKind::IrqHandlerEntry) {
      auto it = t.find(e.irq);
      if (it != t.end()) it->second.emplace_back(e.time_ns, e.cpu);
    }
  for (auto& [irq, v] : t) std::sort(v.begin(), v.end());
  return t;
}

// The span of trace time a figure was computed from, [from, to]: a loss
// the tracer reported inside it makes the figure invalid.
struct TraceSpan {
  std::int64_t from = std::numeric_limits<std::int64_t>::max();
  std::int64_t to = std::numeric_limits<std::int64_t>::min();
  void widen(std::int64_t a, std::int64_t b) {
    from = std::min(from, a);
    to = std::max(to, b);
  }
  // A loss happened after its CPU's previous event and at or before the next.
  bool touched_by(const TraceLoss& loss) const { return from <= to && loss.since_ns < to && loss.time_ns >= from; }
};

// The longest gap between a queue's completions around an event: from its
// last completion at or before `before` to its first at or after `after`,
// or to the end of the load if it never completes again, so a silence
// that spans either end of [before, after] is measured whole. None for a
// queue idle throughout: no completion from 1 s before `before` to `after`.
std::optional<double> longest_gap_ms(const IrqLine& line, std::int64_t before, std::int64_t after,
                                     std::int64_t load_end, TraceSpan& span) {
  const auto recent = std::lower_bound(line.begin(), line.end(), std::make_pair(before - 1000 * kMs, -1));
  if (recent == line.end() || recent->first > after) {
    span.widen(before - 1000 * kMs, after);  // idle, unless a loss hid its completions
    return std::nullopt;
  }
  auto first = std::upper_bound(line.begin(), line.end(), std::make_pair(before, std::numeric_limits<int>::max()));
  if (first != line.begin()) --first;  // the last at or before `before`, else the first after it
  const auto last = std::lower_bound(first, line.end(), std::make_pair(after, -1));
  const bool completes_again = last != line.end();
  std::int64_t worst = -1, prev = first->first;
  for (auto it = std::next(first); it != (completes_again ? std::next(last) : line.end()); ++it) {
    worst = std::max(worst, it->first - prev);
    prev = it->first;
  }
  if (!completes_again && load_end > prev) worst = std::max(worst, load_end - prev);
  span.widen(std::min(first->first, before), completes_again ? last->first : std::max(load_end, after));
  if (worst < 0) return std::nullopt;
  return ms(worst);
}

// Steady-state IOPS: the median interval, leaving out fio's ramp at each end.
double steady_iops(const std::vector<FioLogSample>& iops) {
  std::vector<double> v;
  for (std::size_t i = 2; i + 2 < iops.size(); ++i) v.push_back(static_cast<double>(iops[i].value));
  if (v.empty())
    for (const FioLogSample& s : iops) v.push_back(static_cast<double>(s.value));
  return median(v);
}

std::optional<Locality> locality(const RunRecords& r, const IrqTimeline& lines, std::int64_t from, std::int64_t to) {
  std::map<int, int> node_of;
  for (const auto& [node, cpus] : r.node_cpus)
    for (int c : cpus) node_of[c] = node;
  Locality l;
  std::uint64_t on_controller = 0, on_submitter = 0, with_controller = 0;
  for (const RecordedQueue& q : r.queues) {
    std::set<int> submitter_nodes;
    for (int c : q.hctx_cpus)
      if (node_of.count(c)) submitter_nodes.insert(node_of[c]);
    auto it = lines.find(q.irq);
    if (it == lines.end()) continue;
    for (const auto& [t, cpu] : it->second) {
      if (t < from || t > to) continue;
      ++l.interrupts;
      const auto node = node_of.find(cpu);
      if (q.controller_node) {
        ++with_controller;
        if (node != node_of.end() && node->second == *q.controller_node) ++on_controller;
      }
      if (node != node_of.end() && submitter_nodes.count(node->second)) ++on_submitter;
    }
  }
  if (l.interrupts == 0) return std::nullopt;
  l.controller_node_share = with_controller ? static_cast<double>(on_controller) / static_cast<double>(with_controller) : 0;
  l.submitter_node_share = static_cast<double>(on_submitter) / static_cast<double>(l.interrupts);
  return l;
}

template <typename Get>
std::optional<Distribution> over_events(const std::vector<EventMetrics>& events, Get get) {
  std::vector<double> v;
  for (const EventMetrics& e : events)
    if (auto x = get(e)) v.push_back(*x);
  return distribution(std::move(v));
}

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json dist(const std::optional<Distribution>& d) {
  if (!d) return nullptr;
  return {{"count", d->count}, {"p50", d->p50}, {"p90", d->p90}, {"max", d->max}};
}

json locality_json(const std::optional<Locality>& l) {
  if (!l) return nullptr;
  return {{"interrupts", l->interrupts},
          {"controller_node_share", l->controller_node_share},
          {"submitter_node_share", l->submitter_node_share}};
}

// What every event's figures read: the queues' interrupts, the kernel's
// drains and moves, fio's steady state and log interval.
struct RunView {
  const RunRecords& r;
  IrqTimeline lines;
  std::vector<const TraceEvent*> drains, moves;
  double steady = 0;
  std::int64_t interval = kMs;
};

RunView run_view(const RunRecords& r) {
  RunView v{r, queue_timelines(r), {}, {}, steady_iops(r.iops), std::max<std::int64_t>(r.log_interval_ns, kMs)};
  for (const TraceEvent& e : r.trace.events) {
    if (e.kind == TraceKind::HctxDrain) v.drains.push_back(&e);
    if (e.kind == TraceKind::ManagedMove) v.moves.push_back(&e);
  }
  return v;
}

bool is_cpu_event(const RecordedEvent& ev) { return is_cpu_event(ev.kind); }

void count_event(const RecordedEvent& ev, RunMetrics& m) {
  if (is_cpu_event(ev)) {
    ++m.cpu_events;
    if (ev.status == EventStatus(CpuEventStatus::Failed)) ++m.cpu_events_failed;
    return;
  }
  ++m.moves;
  if (ev.accepted()) ++m.moves_accepted;
  else if (ev.status == EventStatus(MoveStatus::Refused)) {
    ++m.moves_refused;
    if (m.refusal.empty()) m.refusal = ev.outcome;
  } else if (ev.status == EventStatus(MoveStatus::Skipped)) ++m.moves_skipped;
}

// A move's own figures: effective affinity, first interrupt on the new CPUs
// (searched from the write on), the kernel's irq_managed_move.
void add_move_figures(const RunView& v, const RecordedEvent& ev, EventMetrics& em, TraceSpan& span) {
  if (ev.effective_ns > 0) em.effective_ms = ms(ev.effective_ns - ev.issued_ns);
  std::int64_t first_irq = std::numeric_limits<std::int64_t>::max();  // none: the whole rest was searched
  auto it = v.lines.find(ev.irq);
  if (it != v.lines.end())
    for (auto p = std::lower_bound(it->second.begin(), it->second.end(), std::make_pair(ev.issued_ns, -1));
         p != it->second.end(); ++p)
      if (ev.cpus.count(p->second)) {
        first_irq = p->first;
        em.first_irq_ms = ms(first_irq - ev.issued_ns);
        break;
      }
  span.widen(ev.issued_ns, first_irq);
  span.widen(ev.issued_ns, ev.returned_ns + 50 * kMs);
  for (const TraceEvent* t : v.moves)
    if (t->irq == ev.irq && t->time_ns >= ev.issued_ns && t->time_ns <= ev.returned_ns + 50 * kMs) {
      em.move_trace_ms = ms(t->duration_ns);
      break;
    }
}

// Drains the write waited for: they end inside it.
void add_drain_figures(const RunView& v, const RecordedEvent& ev, EventMetrics& em, TraceSpan& span) {
  span.widen(ev.issued_ns, ev.returned_ns);
  for (const TraceEvent* d : v.drains)
    if (d->time_ns >= ev.issued_ns && d->time_ns <= ev.returned_ns) {
      ++em.drains;
      if (!em.drain_ms || ms(d->duration_ns) > *em.drain_ms) {
        em.drain_ms = ms(d->duration_ns);
        em.drain_inflight = d->inflight;
      }
    }
}

// The queues the event disturbs: the moved one, or those whose interrupts
// the offlined CPU handled in the second before.
std::vector<int> disturbed_irqs(const RunView& v, const RecordedEvent& ev) {
  if (!is_cpu_event(ev)) return {ev.irq};
  std::vector<int> irqs;
  for (const auto& [irq, line] : v.lines)
    for (auto p = std::lower_bound(line.begin(), line.end(), std::make_pair(ev.issued_ns - 1000 * kMs, -1));
         p != line.end() && p->first <= ev.issued_ns; ++p)
      if (p->second == ev.cpu) {
        irqs.push_back(irq);
        break;
      }
  return irqs;
}

void add_completion_gap(const RunView& v, const RecordedEvent& ev, EventMetrics& em, TraceSpan& span) {
  for (int irq : disturbed_irqs(v, ev)) {
    auto it = v.lines.find(irq);
    if (it == v.lines.end()) continue;
    auto gap = longest_gap_ms(it->second, ev.issued_ns - 100 * kMs, ev.returned_ns + 500 * kMs, v.r.end_ns, span);
    if (gap && (!em.completion_gap_ms || *gap > *em.completion_gap_ms)) em.completion_gap_ms = gap;
  }
}

// Figures from a span in which the tracer lost events are no figures of
// what happened (a lost interrupt reads as a gap, a lost drain as none):
// they go, and the event says why.
void invalidate_where_lost(const TraceLog& trace, const TraceSpan& span, EventMetrics& em) {
  if (std::none_of(trace.losses.begin(), trace.losses.end(),
                   [&span](const TraceLoss& loss) { return span.touched_by(loss); }))
    return;
  em.trace_lost = true;
  em.first_irq_ms.reset();
  em.move_trace_ms.reset();
  em.drain_ms.reset();
  em.drain_inflight = 0;
  em.completion_gap_ms.reset();
}

// fio's view: its worst completion in the second after the event, and the
// IOPS dip in the intervals that end after the event was issued and no
// later than window_end (the next event, the end of the load, 2 s).
// The deepest IOPS drop below steady state in the intervals that end in
// (from, to], and the time below 90% of it: {percent, ms}. None without
// steady state or intervals.
std::optional<std::pair<double, double>> dip_after(const RunView& v, std::int64_t from, std::int64_t to) {
  if (v.steady <= 0) return std::nullopt;
  double lowest = -1;
  std::int64_t below_ms = 0;
  for (const FioLogSample& s : v.r.iops) {
    if (s.time_ms * kMs <= from || s.time_ms * kMs > to) continue;
    const double value = static_cast<double>(s.value);
    if (lowest < 0 || value < lowest) lowest = value;
    if (value < 0.9 * v.steady) below_ms += v.interval / kMs;
  }
  if (lowest < 0) return std::nullopt;
  return std::pair{std::max(0.0, (1 - lowest / v.steady) * 100), static_cast<double>(below_ms)};
}

// The dip figure where nothing happened: at every whole second of the load
// whose 2 s window no event's 2 s window touches, what an event would get.
// Its largest value is the noise floor a dip after an event must clear.
void add_quiet_dips(const RunView& v, RunMetrics& m) {
  constexpr std::int64_t kWindow = 2000 * kMs;
  for (std::int64_t t = v.r.start_ns + 1000 * kMs; t + kWindow <= v.r.end_ns; t += 1000 * kMs) {
    const bool quiet = std::none_of(v.r.events.begin(), v.r.events.end(), [t](const RecordedEvent& ev) {
      return ev.issued_ns > 0 && ev.issued_ns < t + kWindow && ev.issued_ns + kWindow > t;
    });
    if (!quiet) continue;
    if (const auto dip = dip_after(v, t, t + kWindow)) {
      ++m.quiet_instants;
      m.quiet_dip_percent = std::max(m.quiet_dip_percent.value_or(0), dip->first);
    }
  }
}

void add_fio_figures(const RunView& v, const RecordedEvent& ev, std::int64_t window_end, EventMetrics& em) {
  const std::int64_t issued_ms = ev.issued_ns / kMs, returned_ms = ev.returned_ns / kMs;
  for (const FioLogSample& s : v.r.clat_max)
    if (s.time_ms >= issued_ms && s.time_ms <= returned_ms + 1000 + v.interval / kMs) {
      const double value = static_cast<double>(s.value) / 1e6;
      if (!em.fio_worst_clat_ms || value > *em.fio_worst_clat_ms) em.fio_worst_clat_ms = value;
    }
  if (const auto dip = dip_after(v, ev.issued_ns, window_end)) {
    em.dip_percent = dip->first;
    em.dip_ms = dip->second;
  }
}

// Where an event's disturbance may be seen: until the next event is issued
// (any kind: a disturbance counts once), the load ends, or 2 s have passed.
std::int64_t disturbance_end(const RunRecords& r, const RecordedEvent& ev) {
  std::int64_t end = ev.issued_ns + 2000 * kMs;
  if (r.end_ns > ev.issued_ns) end = std::min(end, r.end_ns);
  for (const RecordedEvent& other : r.events)
    if (other.issued_ns > ev.issued_ns) end = std::min(end, other.issued_ns);
  return end;
}

EventMetrics event_metrics(const RunView& v, const RecordedEvent& ev) {
  EventMetrics em;
  em.event = ev;
  const bool cpu_event = is_cpu_event(ev);
  const bool wrote = ev.issued_ns > 0 && ev.returned_ns >= ev.issued_ns;
  if (!wrote || (!cpu_event && !ev.accepted()) || (cpu_event && ev.status != EventStatus(CpuEventStatus::Done))) return em;
  em.write_ms = ms(ev.returned_ns - ev.issued_ns);
  TraceSpan span;
  if (!cpu_event) add_move_figures(v, ev, em, span);
  add_drain_figures(v, ev, em, span);
  add_completion_gap(v, ev, em, span);
  invalidate_where_lost(v.r.trace, span, em);
  add_fio_figures(v, ev, disturbance_end(v.r, ev), em);
  return em;
}

void add_event_distributions(RunMetrics& m) {
  m.write_ms = over_events(m.events, [](const EventMetrics& e) { return is_cpu_event(e.event) ? std::nullopt : e.write_ms; });
  auto writes_of = [&m](EventKind kind) {
    return over_events(m.events, [kind](const EventMetrics& e) { return e.event.kind == kind ? e.write_ms : std::nullopt; });
  };
  m.offline_write_ms = writes_of(EventKind::Offline);
  m.online_write_ms = writes_of(EventKind::Online);
  m.effective_ms = over_events(m.events, [](const EventMetrics& e) { return e.effective_ms; });
  m.first_irq_ms = over_events(m.events, [](const EventMetrics& e) { return e.first_irq_ms; });
  m.move_trace_ms = over_events(m.events, [](const EventMetrics& e) { return e.move_trace_ms; });
  m.drain_ms = over_events(m.events, [](const EventMetrics& e) { return e.drain_ms; });
  m.completion_gap_ms = over_events(m.events, [](const EventMetrics& e) { return e.completion_gap_ms; });
  m.fio_worst_clat_ms = over_events(m.events, [](const EventMetrics& e) { return e.fio_worst_clat_ms; });
  m.dip_percent = over_events(m.events, [](const EventMetrics& e) { return e.dip_percent; });
  m.dip_ms = over_events(m.events, [](const EventMetrics& e) { return e.dip_ms; });
}

// Intervals wholly inside a probe window count for it; the first one of a
// window, which straddles the switch, does not.
// The overhead is the median over neighbouring (untraced, traced) window
// pairs, with their quartiles: a shared host drifts, and single windows stall.
void add_probe_overhead(const RunRecords& r, std::int64_t interval, RunMetrics& m) {
  double sum[2] = {0, 0};
  int n[2] = {0, 0};
  std::vector<double> window_iops(r.probe_windows.size(), 0);
  std::vector<int> window_n(r.probe_windows.size(), 0);
  for (const FioLogSample& s : r.probe_iops) {
    const std::int64_t end = s.time_ms * kMs, begin = end - interval;
    for (std::size_t w = 0; w < r.probe_windows.size(); ++w)
      if (begin >= r.probe_windows[w].from_ns && end <= r.probe_windows[w].to_ns) {
        sum[r.probe_windows[w].traced] += static_cast<double>(s.value);
        ++n[r.probe_windows[w].traced];
        window_iops[w] += static_cast<double>(s.value);
        ++window_n[w];
      }
  }
  std::vector<double> pairs;
  // Neighbours that differ pair up, each window once: off-on-on-off gives
  // (off, on) and (on, off) per block; the older off-on runs (off, on).
  std::vector<bool> used(r.probe_windows.size(), false);
  for (std::size_t w = 0; w + 1 < r.probe_windows.size(); ++w) {
    if (used[w] || r.probe_windows[w].traced == r.probe_windows[w + 1].traced) continue;
    used[w] = used[w + 1] = true;
    const std::size_t off = r.probe_windows[w].traced ? w + 1 : w, on = off == w ? w + 1 : w;
    if (!window_n[off] || !window_n[on]) continue;
    const double untraced = window_iops[off] / window_n[off], traced = window_iops[on] / window_n[on];
    if (untraced > 0) pairs.push_back((untraced - traced) / untraced * 100);
  }
  m.probe_pair_overheads = pairs;
  if (n[0] && n[1] && !pairs.empty()) {
    m.probe_untraced_iops = sum[0] / n[0];
    m.probe_traced_iops = sum[1] / n[1];
  }
}

void add_localities(const RunRecords& r, const IrqTimeline& lines, RunMetrics& m) {
  std::int64_t first_cpu_event = 0, last_cpu_event = 0;
  for (const RecordedEvent& ev : r.events)
    if (is_cpu_event(ev) && ev.issued_ns > 0) {
      if (!first_cpu_event) first_cpu_event = ev.issued_ns;
      last_cpu_event = std::max(last_cpu_event, ev.returned_ns);
    }
  m.locality_run = locality(r, lines, r.start_ns, r.end_ns);
  if (first_cpu_event) {
    m.locality_before = locality(r, lines, r.start_ns, first_cpu_event);
    m.locality_after = locality(r, lines, last_cpu_event, r.end_ns);
  }
}

// Layout segments: a layout event is one record per interrupt, all planned at once.
void add_layouts(const RunRecords& r, const IrqTimeline& lines, RunMetrics& m) {
  for (const RecordedEvent& ev : r.events) {
    if (ev.kind != EventKind::Layout) continue;
    const std::int64_t at = r.start_ns + ev.at_ns;
    if (!m.layouts.empty() && m.layouts.back().from_ns == at + 500 * kMs) continue;
    if (!m.layouts.empty()) m.layouts.back().to_ns = at;
    m.layouts.push_back({ev.layout, at + 500 * kMs, r.end_ns, 0, std::nullopt});
  }
  for (LayoutSegment& seg : m.layouts) {
    std::vector<double> v;
    for (const FioLogSample& s : r.iops)
      if (s.time_ms * kMs >= seg.from_ns && s.time_ms * kMs <= seg.to_ns) v.push_back(static_cast<double>(s.value));
    seg.steady_iops = median(v);
    seg.locality = locality(r, lines, seg.from_ns, seg.to_ns);
  }
}

}  // namespace

// Kept for the metrics' callers; the statistics live in one place.
double median(std::vector<double> v) { return stats::median(std::move(v)); }

std::optional<std::pair<double, double>> median_ci95(std::vector<double> v) {
  const auto ci = stats::median_ci(std::move(v), 0.95);
  if (!ci) return std::nullopt;
  return std::pair{ci->low, ci->high};
}

std::optional<OverheadEstimate> overhead_estimate(std::vector<double> pairs) {
  if (pairs.empty()) return std::nullopt;
  std::sort(pairs.begin(), pairs.end());
  auto quantile = [&](double q) {
    return pairs[static_cast<std::size_t>(q * static_cast<double>(pairs.size() - 1) + 0.5)];
  };
  OverheadEstimate e;
  e.median_percent = median(pairs);
  e.quartiles = {quantile(0.25), quantile(0.75)};
  e.ci95 = median_ci95(pairs);
  e.pairs = pairs.size();
  return e;
}

std::optional<Distribution> distribution(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  auto rank = [&](double p) {
    // nearest rank: the smallest value with at least p of the values at or below it
    std::size_t i = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, i == 0 ? 0 : i - 1)];
  };
  return Distribution{v.size(), rank(0.5), rank(0.9), v.back()};
}

RunMetrics compute_metrics(const RunRecords& r) {
  RunMetrics m;
  m.mode = r.mode;
  m.start_ns = r.start_ns;
  m.end_ns = r.end_ns;
  m.trace_event_count = r.trace.events.size();
  m.lost_trace_events = r.trace.lost_events;
  auto recorded = [&](const char* name) {
    return std::find(r.trace_events.begin(), r.trace_events.end(), name) != r.trace_events.end();
  };
  m.has_move_tracepoint = recorded("irq:irq_managed_move");
  m.has_drain_tracepoint = recorded("block:block_mq_hctx_drain");
  const RunView v = run_view(r);
  m.steady_iops = v.steady;
  m.drains = static_cast<unsigned>(v.drains.size());
  for (const RecordedEvent& ev : r.events) {
    count_event(ev, m);
    m.events.push_back(event_metrics(v, ev));
  }
  add_event_distributions(m);
  add_quiet_dips(v, m);

  m.read_iops = r.fio.read_iops;
  m.write_iops = r.fio.write_iops;
  m.clat_p50_ms = r.fio.completion.percentiles_us.count(50) ? r.fio.completion.percentiles_us.at(50) / 1e3 : 0;
  m.clat_p99_ms = r.fio.completion.percentiles_us.count(99) ? r.fio.completion.percentiles_us.at(99) / 1e3 : 0;
  m.clat_max_ms = r.fio.completion.max_us / 1e3;
  m.fio_error = r.fio.error;
  add_probe_overhead(r, v.interval, m);
  add_localities(r, v.lines, m);
  add_layouts(r, v.lines, m);

  for (const KernelLogProblem& p : kernel_log_problems(kernel_log_since(r.dmesg_before, r.dmesg_after)))
    m.kernel_problems.push_back(p.kind + ": " + std::string(trim(p.line)));
  if (r.vector_before && r.vector_after) {
    m.vector_checked = true;
    m.vector_drift = managed_reservation_drift(*r.vector_before, *r.vector_after);
  }
  return m;
}

json metrics_json(const RunMetrics& m) {
  json events = json::array();
  for (const EventMetrics& e : m.events) {
    json j;
    j["index"] = e.event.index;
    j["kind"] = to_text(e.event.kind);
    j["description"] = e.event.description;
    j["status"] = to_text(e.event.status);
    j["outcome"] = e.event.outcome;
    j["at_s"] = static_cast<double>(e.event.at_ns) / 1e9;
    j["issued_ns"] = e.event.issued_ns;
    j["returned_ns"] = e.event.returned_ns;
    j["effective_ns"] = e.event.effective_ns;
    j["write_ms"] = opt(e.write_ms);
    j["effective_ms"] = opt(e.effective_ms);
    j["first_irq_ms"] = opt(e.first_irq_ms);
    j["move_trace_ms"] = opt(e.move_trace_ms);
    j["drain_ms"] = opt(e.drain_ms);
    j["drains"] = e.drains;
    j["drain_inflight"] = e.drain_inflight;
    j["completion_gap_ms"] = opt(e.completion_gap_ms);
    j["fio_worst_clat_ms"] = opt(e.fio_worst_clat_ms);
    j["dip_percent"] = opt(e.dip_percent);
    j["dip_ms"] = opt(e.dip_ms);
    j["trace_lost"] = e.trace_lost;
    events.push_back(std::move(j));
  }
  json j;
  j["mode"] = to_text(m.mode);
  j["start_ns"] = m.start_ns;
  j["end_ns"] = m.end_ns;
  j["moves"] = {{"planned", m.moves}, {"accepted", m.moves_accepted}, {"refused", m.moves_refused},
                {"skipped", m.moves_skipped}, {"refusal", m.refusal}};
  j["cpu_events"] = {{"planned", m.cpu_events}, {"failed", m.cpu_events_failed},
                     {"offline_write_ms", dist(m.offline_write_ms)}, {"online_write_ms", dist(m.online_write_ms)}};
  j["move_latency_ms"] = {{"write_returned", dist(m.write_ms)},
                          {"effective", dist(m.effective_ms)},
                          {"first_interrupt", dist(m.first_irq_ms)},
                          {"kernel_move", dist(m.move_trace_ms)}};
  j["drain_stall"] = {{"drain_ms", dist(m.drain_ms)},
                      {"drains_in_run", m.drains},
                      {"completion_gap_ms", dist(m.completion_gap_ms)},
                      {"fio_worst_clat_ms", dist(m.fio_worst_clat_ms)}};
  const auto overhead = overhead_estimate(m.probe_pair_overheads);
  auto range = [](const std::pair<double, double>& p) { return json::array({p.first, p.second}); };
  j["throughput"] = {{"read_iops", m.read_iops},     {"write_iops", m.write_iops},
                     {"steady_iops", m.steady_iops}, {"dip_percent", dist(m.dip_percent)},
                     {"quiet_dip_percent", opt(m.quiet_dip_percent)}, {"quiet_instants", m.quiet_instants},
                     {"dip_ms", dist(m.dip_ms)},     {"clat_p50_ms", m.clat_p50_ms},
                     {"clat_p99_ms", m.clat_p99_ms}, {"clat_max_ms", m.clat_max_ms},
                     {"tracing_overhead_percent", overhead ? json(overhead->median_percent) : json(nullptr)},
                     {"probe_untraced_iops", m.probe_untraced_iops}, {"probe_traced_iops", m.probe_traced_iops},
                     {"tracing_overhead_quartiles", overhead ? range(overhead->quartiles) : json(nullptr)},
                     {"tracing_overhead_ci95", overhead && overhead->ci95 ? range(*overhead->ci95) : json(nullptr)},
                     {"probe_pair_overheads", m.probe_pair_overheads},
                     {"probe_pairs", m.probe_pair_overheads.size()}};
  j["locality"] = {{"run", locality_json(m.locality_run)},
                   {"before_hotplug", locality_json(m.locality_before)},
                   {"after_hotplug", locality_json(m.locality_after)}};
  j["correctness"] = {{"fio_error", m.fio_error},
                      {"kernel_problems", m.kernel_problems},
                      {"vector_checked", m.vector_checked},
                      {"vector_drift", m.vector_drift}};
  json layouts = json::array();
  for (const LayoutSegment& seg : m.layouts)
    layouts.push_back({{"layout", seg.layout}, {"from_ns", seg.from_ns}, {"to_ns", seg.to_ns},
                       {"steady_iops", seg.steady_iops}, {"locality", locality_json(seg.locality)}});
  j["layouts"] = std::move(layouts);
  j["trace_events"] = m.trace_event_count;
  j["lost_trace_events"] = m.lost_trace_events;
  j["tracepoints"] = {{"irq_managed_move", m.has_move_tracepoint}, {"block_mq_hctx_drain", m.has_drain_tracepoint}};
  j["events"] = std::move(events);
  return j;
}

}  // namespace irqlab
