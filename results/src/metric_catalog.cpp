// What is compared: one value per run for each metric, and why a run has none.
#include <algorithm>

#include "irqlab/common/statistics.h"
#include "irqlab/results/summary.h"

namespace irqlab {

namespace {

using Field = std::optional<double> EventMetrics::*;
using Value = std::function<std::optional<double>(const ModeRun&)>;
using Absent = std::function<std::string(const ModeRun&)>;

bool cpu_event(const EventMetrics& e) { return is_cpu_event(e.event.kind); }

// A run's figures of one field over the events that `want` selects.
std::vector<double> event_values(const ModeRun& r, Field field, const std::function<bool(const EventMetrics&)>& want) {
  std::vector<double> v;
  for (const EventMetrics& e : r.metrics.events)
    if (want(e) && (e.*field)) v.push_back(*(e.*field));
  return v;
}

enum class Reduce { P50, Max };

std::optional<double> reduce(std::vector<double> v, Reduce how) {
  if (v.empty()) return std::nullopt;
  if (how == Reduce::Max) return *std::max_element(v.begin(), v.end());
  return stats::median(std::move(v));
}

Value over_moves(Field field, Reduce how) {
  return [field, how](const ModeRun& r) {
    return reduce(event_values(r, field, [](const EventMetrics& e) { return !cpu_event(e); }), how);
  };
}

Value over_events(Field field, Reduce how) {
  return [field, how](const ModeRun& r) {
    return reduce(event_values(r, field, [](const EventMetrics&) { return true; }), how);
  };
}

// Why a move figure is missing, before the figure's own reason.
Absent move_absent(std::string otherwise) {
  return [otherwise](const ModeRun& r) -> std::string {
    const RunMetrics& m = r.metrics;
    if (m.moves == 0) return "the scenario moves no interrupt";
    if (m.moves_accepted == 0) {
      if (m.moves_refused) return "every move was refused: " + m.refusal;
      return "no move was made (every target CPU was offline)";
    }
    return otherwise;
  };
}

Absent constant(std::string why) {
  return [why](const ModeRun&) { return why; };
}

std::optional<double> microbench_ms(const ModeRun& r, const std::string& name, std::string* why) {
  if (r.microbench.is_null()) {
    *why = "no micro-benchmark run in this mode";
    return std::nullopt;
  }
  for (const auto& b : r.microbench.value("benchmarks", nlohmann::ordered_json::array())) {
    if (b.value("name", "").rfind(name, 0) != 0) continue;
    if (b.value("error_occurred", false)) {
      *why = name + ": " + b.value("error_message", "failed");
      return std::nullopt;
    }
    double t = b.value("real_time", 0.0);
    const std::string unit = b.value("time_unit", "ns");
    return t / (unit == "s" ? 1e-3 : unit == "ms" ? 1.0 : unit == "us" ? 1e3 : 1e6);
  }
  *why = name + " did not run";
  return std::nullopt;
}

MetricSpec micro(std::string key, std::string label, std::string name) {
  MetricSpec s;
  s.key = std::move(key);
  s.group = "micro-benchmarks (Google Benchmark, mean ms)";
  s.label = std::move(label);
  s.unit = "ms";
  s.value = [name](const ModeRun& r) {
    std::string why;
    return microbench_ms(r, name, &why);
  };
  s.absent = [name](const ModeRun& r) {
    std::string why;
    microbench_ms(r, name, &why);
    return why;
  };
  return s;
}

MetricSpec spec(std::string key, std::string group, std::string label, std::string unit, Value value, Absent absent,
                Better better = Better::Lower) {
  MetricSpec s;
  s.key = std::move(key);
  s.group = std::move(group);
  s.label = std::move(label);
  s.unit = std::move(unit);
  s.better = better;
  s.value = std::move(value);
  s.absent = std::move(absent);
  return s;
}

std::vector<MetricSpec> move_metrics() {
  const std::string g = "move latency (ms, per boot: p50 and max of its moves)";
  std::vector<MetricSpec> out;
  struct Row {
    const char* key;
    const char* label;
    Field field;
    const char* absent;
  };
  for (const Row& row : {Row{"write_returned", "write returned", &EventMetrics::write_ms, "no move returned"},
                         Row{"effective", "effective", &EventMetrics::effective_ms,
                             "the effective affinity never showed the new CPUs in time"},
                         Row{"first_irq", "first irq", &EventMetrics::first_irq_ms,
                             "no interrupt on the new CPUs after a move (no I/O there)"}})
    for (Reduce how : {Reduce::P50, Reduce::Max}) {
      const bool p50 = how == Reduce::P50;
      out.push_back(spec(std::string("move.") + row.key + (p50 ? ".p50_ms" : ".max_ms"), g,
                         std::string("  ") + row.label + (p50 ? " p50" : " max"), "ms", over_moves(row.field, how),
                         move_absent(row.absent)));
    }
  for (Reduce how : {Reduce::P50, Reduce::Max}) {
    const bool p50 = how == Reduce::P50;
    out.push_back(spec(std::string("move.kernel") + (p50 ? ".p50_ms" : ".max_ms"), g,
                       std::string("  in-kernel move") + (p50 ? " p50" : " max"), "ms",
                       over_moves(&EventMetrics::move_trace_ms, how), [](const ModeRun& r) -> std::string {
                         if (!r.metrics.has_move_tracepoint) return "the kernel has no irq:irq_managed_move tracepoint";
                         std::string why = move_absent("")(r);
                         return why.empty() ? "no managed move: this mode moves queue irqs like ordinary ones" : why;
                       }));
  }
  return out;
}

std::vector<MetricSpec> hotplug_and_drain_metrics() {
  std::vector<MetricSpec> out;
  const std::string hotplug = "CPU hotplug (ms to write returned, per boot)";
  for (EventKind cpu_kind : {EventKind::Offline, EventKind::Online}) {
    const std::string kind = to_text(cpu_kind);
    out.push_back(spec("cpu." + kind + ".max_ms", hotplug, "  " + kind + " write max", "ms",
                       [cpu_kind](const ModeRun& r) -> std::optional<double> {
                         const auto& d = cpu_kind == EventKind::Offline ? r.metrics.offline_write_ms
                                                                       : r.metrics.online_write_ms;
                         if (!d) return std::nullopt;
                         return d->max;
                       },
                       [kind](const ModeRun& r) -> std::string {
                         if (r.metrics.cpu_events == 0) return "the scenario takes no CPU offline";
                         return std::string("no CPU ") + kind + " write completed";
                       }));
  }
  const std::string g = "drain stall (ms, per boot)";
  for (Reduce how : {Reduce::P50, Reduce::Max}) {
    const bool p50 = how == Reduce::P50;
    out.push_back(spec(std::string("drain.hctx") + (p50 ? ".p50_ms" : ".max_ms"), g,
                       std::string("  hctx drain") + (p50 ? " p50" : " max"), "ms",
                       over_events(&EventMetrics::drain_ms, how), [](const ModeRun& r) -> std::string {
                         if (!r.metrics.has_drain_tracepoint) return "the kernel has no block:block_mq_hctx_drain tracepoint";
                         return "no queue drained at an event in this mode";
                       }));
  }
  out.push_back(spec("drain.completion_gap.max_ms", g, "  completion gap max", "ms",
                     over_events(&EventMetrics::completion_gap_ms, Reduce::Max),
                     constant("no completions on the queues around the events")));
  out.push_back(spec("drain.fio_worst_clat.max_ms", g, "  fio worst clat max", "ms",
                     over_events(&EventMetrics::fio_worst_clat_ms, Reduce::Max), constant("no event took effect")));
  return out;
}

std::vector<MetricSpec> throughput_metrics() {
  const std::string g = "throughput (per boot)";
  std::vector<MetricSpec> out;
  auto iops = [&](std::string key, std::string label, std::function<double(const RunMetrics&)> f) {
    // No I/O is no figure, not a rate of 0 that a ratio could not take.
    auto positive = [f](const ModeRun& r) -> std::optional<double> {
      const double v = f(r.metrics);
      if (v > 0) return v;
      return std::nullopt;
    };
    MetricSpec s = spec(std::move(key), g, std::move(label), "IOPS", positive, constant("fio reported no I/O"),
                        Better::Higher);
    s.rate = true;
    s.format = MetricFormat::Iops;
    out.push_back(std::move(s));
  };
  iops("iops.mean", "  IOPS mean", [](const RunMetrics& m) { return m.read_iops + m.write_iops; });
  iops("iops.steady", "  IOPS steady", [](const RunMetrics& m) { return m.steady_iops; });
  MetricSpec dip = spec("dip.max_percent", g, "  dip after event max", "%",
                        over_events(&EventMetrics::dip_percent, Reduce::Max), constant("no event took effect"));
  dip.format = MetricFormat::Percent;
  out.push_back(std::move(dip));
  MetricSpec quiet = spec("dip.quiet.max_percent", g, "  dip, no event max", "%",
                          [](const ModeRun& r) { return r.metrics.quiet_dip_percent; },
                          constant("no instant of the load was 2 s clear of every event"));
  quiet.format = MetricFormat::Percent;
  out.push_back(std::move(quiet));
  MetricSpec below = spec("dip.below_90.max_ms", g, "  below 90% max (ms)", "ms",
                          over_events(&EventMetrics::dip_ms, Reduce::Max), constant("no event took effect"));
  below.relative = false;  // 0 in a boot without a dip
  out.push_back(std::move(below));
  out.push_back(spec("clat.p50_ms", g, "  clat p50 (ms)", "ms",
                     [](const ModeRun& r) -> std::optional<double> { return r.metrics.clat_p50_ms; },
                     constant("fio reported no completion latency")));
  out.push_back(spec("clat.p99_ms", g, "  clat p99 (ms)", "ms",
                     [](const ModeRun& r) -> std::optional<double> { return r.metrics.clat_p99_ms; },
                     constant("fio reported no completion latency")));
  MetricSpec overhead = spec(
      "tracing_overhead.percent", g, "  tracing overhead", "%",
      [](const ModeRun& r) -> std::optional<double> {
        if (r.metrics.probe_pair_overheads.empty()) return std::nullopt;
        return stats::median(r.metrics.probe_pair_overheads);
      },
      constant("the scenario has no overhead probe"));
  overhead.format = MetricFormat::Percent;
  out.push_back(std::move(overhead));
  return out;
}

std::vector<MetricSpec> locality_metrics() {
  const std::string g = "locality (share of queue irqs, per boot)";
  std::vector<MetricSpec> out;
  using Part = std::optional<Locality> RunMetrics::*;
  struct Row {
    const char* key;
    const char* label;
    Part part;
    double Locality::*share;
  };
  for (const Row& row : {Row{"controller.before", "  controller, before", &RunMetrics::locality_before,
                             &Locality::controller_node_share},
                         Row{"controller.after", "  controller, after", &RunMetrics::locality_after,
                             &Locality::controller_node_share},
                         Row{"submitters.before", "  submitters, before", &RunMetrics::locality_before,
                             &Locality::submitter_node_share},
                         Row{"submitters.after", "  submitters, after", &RunMetrics::locality_after,
                             &Locality::submitter_node_share}}) {
    MetricSpec s = spec(std::string("locality.") + row.key + "_share", g, row.label, "share",
                        [row](const ModeRun& r) -> std::optional<double> {
                          const auto& l = r.metrics.*row.part;
                          if (!l) return std::nullopt;
                          return (*l).*row.share;
                        },
                        [](const ModeRun& r) -> std::string {
                          if (r.metrics.cpu_events == 0) return "the scenario takes no CPU offline";
                          return "no queue interrupt was recorded";
                        },
                        Better::Neither);
    s.format = MetricFormat::Share;
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<MetricSpec> layout_metrics(const std::vector<ModeRun>& runs) {
  std::vector<std::string> names;
  for (const ModeRun& r : runs)
    for (const LayoutSegment& seg : r.metrics.layouts)
      if (std::find(names.begin(), names.end(), seg.layout) == names.end()) names.push_back(seg.layout);
  std::vector<MetricSpec> out;
  const std::string g = "per layout (steady IOPS, share on controller's node)";
  for (const std::string& name : names) {
    auto segment = [name](const ModeRun& r) -> const LayoutSegment* {
      for (const LayoutSegment& seg : r.metrics.layouts)
        if (seg.layout == name) return &seg;
      return nullptr;
    };
    MetricSpec iops = spec("layout." + name + ".steady_iops", g, "  " + name + " IOPS", "IOPS",
                           [segment](const ModeRun& r) -> std::optional<double> {
                             const LayoutSegment* s = segment(r);
                             if (!s || s->steady_iops <= 0) return std::nullopt;
                             return s->steady_iops;
                           },
                           constant("the layout was not applied in this mode"), Better::Higher);
    iops.rate = true;
    iops.format = MetricFormat::Iops;
    out.push_back(std::move(iops));
    MetricSpec share = spec("layout." + name + ".controller_share", g, "  " + name + " on ctrl", "share",
                            [segment](const ModeRun& r) -> std::optional<double> {
                              const LayoutSegment* s = segment(r);
                              if (!s || !s->locality) return std::nullopt;
                              return s->locality->controller_node_share;
                            },
                            constant("the layout was not applied in this mode"), Better::Neither);
    share.format = MetricFormat::Share;
    out.push_back(std::move(share));
  }
  return out;
}

}  // namespace

std::vector<MetricSpec> metric_catalog(const std::vector<ModeRun>& runs) {
  std::vector<MetricSpec> out = move_metrics();
  for (auto part : {hotplug_and_drain_metrics(), throughput_metrics(), layout_metrics(runs), locality_metrics()})
    for (MetricSpec& s : part) out.push_back(std::move(s));
  out.push_back(micro("micro.move_to_effective_ms", "  move->effective", "BM_LiveMoveQueueIrq"));
  out.push_back(micro("micro.cpu_offline_online_ms", "  CPU off+online", "BM_LiveCpuOfflineOnline"));
  // Shares and percentages compare by points: a relative shift of 1.0% to 1.3% reads +30%.
  for (MetricSpec& s : out)
    if (s.format == MetricFormat::Share || s.format == MetricFormat::Percent) s.relative = false;
  for (MetricSpec& s : out)
    for (const char* prefix : {"move.first_irq.", "move.kernel.", "drain.hctx.", "drain.completion_gap."})
      if (s.key.rfind(prefix, 0) == 0) s.from_trace = true;
  return out;
}

}  // namespace irqlab
