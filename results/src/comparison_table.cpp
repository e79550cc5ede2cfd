// The fixed-width comparison: one row per metric, one column per mode.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

#include "irqlab/common/text.h"
#include "irqlab/results/comparison.h"

namespace irqlab {

namespace {

constexpr std::size_t kLabelWidth = 26;
constexpr std::size_t kColumnWidth = 18;

std::string num(double v) {
  char buf[32];
  const double a = std::abs(v);
  // Thresholds where rounding would add a digit ("100.0", "10.00").
  if (a >= 99.95) std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (a >= 9.995) std::snprintf(buf, sizeof buf, "%.1f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string kilo(double v) {
  char buf[32];
  if (v >= 1e6) std::snprintf(buf, sizeof buf, "%.2fM", v / 1e6);
  else if (v >= 1e3) std::snprintf(buf, sizeof buf, "%.1fk", v / 1e3);
  else std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

// Words of text in lines of at most 80 columns, continuation lines indented.
std::string wrap(const std::string& text, std::size_t indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > 80) {
      out += line + "\n";
      line = std::string(indent, ' ') + word;
    } else {
      line += (line.empty() ? "" : " ") + word;
    }
    start = end + 1;
  }
  return out + line + "\n";
}

std::string percent(double share) { return num(share * 100) + "%"; }

// A cell is a value or a reason it has none.
struct Cell {
  std::string value;
  std::string reason;  // set: "n/a [k]"
};

Cell na(std::string reason) { return {"", std::move(reason)}; }

struct ModeData {
  std::string mode;
  std::vector<const ModeRun*> runs;
  std::vector<const EventMetrics*> events;
  unsigned moves = 0, accepted = 0, refused = 0, skipped = 0, cpu_events = 0, cpu_failed = 0;
  std::string refusal;
  bool has_move_tracepoint = true, has_drain_tracepoint = true;
};

std::optional<Distribution> collect(const ModeData& d, std::optional<double> EventMetrics::*field) {
  std::vector<double> v;
  for (const EventMetrics* e : d.events)
    if ((e->*field)) v.push_back(*(e->*field));
  return distribution(std::move(v));
}

std::string p50_max(const Distribution& d) { return num(d.p50) + " / " + num(d.max); }

Cell move_cell(const ModeData& d, std::optional<double> EventMetrics::*field, const std::string& absent) {
  if (d.moves == 0) return na("the scenario moves no interrupt");
  if (d.accepted == 0) {
    if (d.refused) return na("every move was refused: " + d.refusal);
    return na("no move was made (every target CPU was offline)");
  }
  auto dist = collect(d, field);
  if (!dist) return na(absent);
  return {p50_max(*dist), ""};
}

}  // namespace

std::string mode_label(const std::string& mode) {
  if (mode == "strict") return "stock (strict)";
  if (mode == "spread") return "opt 1 (spread)";
  if (mode == "override") return "opt 3 (override)";
  return mode;
}

std::string comparison_table(const Comparison& c) {
  std::vector<ModeData> modes;
  for (const ModeRun& r : c.runs) {
    auto it = std::find_if(modes.begin(), modes.end(), [&](const ModeData& d) { return d.mode == r.mode; });
    if (it == modes.end()) {
      modes.push_back({});
      it = std::prev(modes.end());
      it->mode = r.mode;
    }
    it->runs.push_back(&r);
    const RunMetrics& m = r.metrics;
    for (const EventMetrics& e : m.events) it->events.push_back(&e);
    it->moves += m.moves;
    it->accepted += m.moves_accepted;
    it->refused += m.moves_refused;
    it->skipped += m.moves_skipped;
    it->cpu_events += m.cpu_events;
    it->cpu_failed += m.cpu_events_failed;
    if (it->refusal.empty()) it->refusal = m.refusal;
    it->has_move_tracepoint = m.has_move_tracepoint;
    it->has_drain_tracepoint = m.has_drain_tracepoint;
  }

  std::vector<std::string> footnotes;
  auto render = [&](const Cell& cell) {
    if (cell.reason.empty()) return cell.value;
    auto it = std::find(footnotes.begin(), footnotes.end(), cell.reason);
    std::size_t k = static_cast<std::size_t>(it - footnotes.begin()) + 1;
    if (it == footnotes.end()) footnotes.push_back(cell.reason);
    return "n/a [" + std::to_string(k) + "]";
  };
  std::string out;
  auto pad = [](std::string s, std::size_t w) {
    if (s.size() > w - 1) s = s.substr(0, w - 1);
    s.resize(w, ' ');
    return s;
  };
  auto row = [&](const std::string& label, const std::function<Cell(const ModeData&)>& f) {
    std::string line = pad(label, kLabelWidth);
    for (const ModeData& d : modes) line += pad(render(f(d)), kColumnWidth);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  auto heading = [&](const std::string& text) { out += text + "\n"; };

  const ComparisonInfo& i = c.info;
  out += "irqlab: scenario " + i.scenario + ", " + num(i.duration_s) + " s x " + std::to_string(i.repetitions) +
         (i.repetitions == 1 ? " repetition" : " repetitions") + ", seed " + std::to_string(i.seed) + "\n";
  if (!i.description.empty()) out += "  " + i.description + "\n";
  if (!c.runs.empty()) out += "kernel: " + c.runs.front().kernel_release;
  if (!i.series_hash.empty()) out += ", series " + i.series_hash.substr(0, 12) + " (" + i.patches + ")";
  out += "\n";
  if (!i.kernel_source.empty()) out += "source: " + i.kernel_source + "\n";
  if (!i.topology.empty()) out += "topology: " + i.topology + "\n";
  if (!c.runs.empty()) {
    // One line for all modes: they differ only in irq_managed=.
    std::string cmdline = c.runs.front().cmdline;
    const auto at = cmdline.find("irq_managed=" + c.runs.front().mode);
    if (at != std::string::npos) cmdline.replace(at, 12 + c.runs.front().mode.size(), "irq_managed=<mode>");
    // The lab's init= is a path of the run directory, not a kernel setting.
    std::string shown;
    for (const std::string& word : split_whitespace(cmdline))
      if (!starts_with(word, "init=")) shown += (shown.empty() ? "" : " ") + word;
    if (!shown.empty()) out += wrap("cmdline: " + shown, 4);
  }
  if (!i.where.empty()) out += "where: " + i.where + "\n";
  out += "\n";
  {
    std::string line = pad("", kLabelWidth);
    for (const ModeData& d : modes) line += pad(mode_label(d.mode), kColumnWidth);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }

  heading("move latency (ms, p50 / max)");
  row("  moves accepted", [](const ModeData& d) -> Cell {
    if (d.moves == 0) return na("the scenario moves no interrupt");
    return {std::to_string(d.accepted) + " of " + std::to_string(d.moves), ""};
  });
  row("  write returned", [](const ModeData& d) {
    return move_cell(d, &EventMetrics::write_ms, "no move returned");
  });
  row("  effective affinity", [](const ModeData& d) {
    return move_cell(d, &EventMetrics::effective_ms, "the effective affinity never showed the new CPUs in time");
  });
  row("  first irq on new CPUs", [](const ModeData& d) {
    return move_cell(d, &EventMetrics::first_irq_ms, "no interrupt on the new CPUs after a move (no I/O there)");
  });
  row("  in-kernel move (trace)", [](const ModeData& d) -> Cell {
    if (!d.has_move_tracepoint) return na("the kernel has no irq:irq_managed_move tracepoint");
    if (d.accepted == 0) return move_cell(d, &EventMetrics::move_trace_ms, "");
    if (auto dist = collect(d, &EventMetrics::move_trace_ms)) return {p50_max(*dist), ""};
    return na("no managed move: this mode moves queue irqs like ordinary ones");
  });

  heading("drain stall (ms, p50 / max)");
  row("  hctx drain", [](const ModeData& d) -> Cell {
    if (!d.has_drain_tracepoint) return na("the kernel has no block:block_mq_hctx_drain tracepoint");
    if (auto dist = collect(d, &EventMetrics::drain_ms)) return {p50_max(*dist), ""};
    return na("no queue drained at an event in this mode");
  });
  row("  longest completion gap", [](const ModeData& d) -> Cell {
    if (auto dist = collect(d, &EventMetrics::completion_gap_ms)) return {p50_max(*dist), ""};
    return na("no completions on the queues around the events");
  });
  row("  worst fio clat after", [](const ModeData& d) -> Cell {
    if (auto dist = collect(d, &EventMetrics::fio_worst_clat_ms)) return {p50_max(*dist), ""};
    return na("no event took effect");
  });

  heading("throughput");
  row("  IOPS mean / steady", [](const ModeData& d) -> Cell {
    std::vector<double> mean, steady;
    for (const ModeRun* r : d.runs) {
      mean.push_back(r->metrics.read_iops + r->metrics.write_iops);
      steady.push_back(r->metrics.steady_iops);
    }
    return {kilo(median(mean)) + " / " + kilo(median(steady)), ""};
  });
  row("  dip after event %", [](const ModeData& d) -> Cell {
    if (auto dist = collect(d, &EventMetrics::dip_percent)) return {p50_max(*dist), ""};
    return na("no event took effect");
  });
  row("  time below 90% (ms)", [](const ModeData& d) -> Cell {
    if (auto dist = collect(d, &EventMetrics::dip_ms)) return {p50_max(*dist), ""};
    return na("no event took effect");
  });
  row("  clat p50 / p99 (ms)", [](const ModeData& d) -> Cell {
    std::vector<double> p50, p99;
    for (const ModeRun* r : d.runs) {
      p50.push_back(r->metrics.clat_p50_ms);
      p99.push_back(r->metrics.clat_p99_ms);
    }
    return {num(median(p50)) + " / " + num(median(p99)), ""};
  });
  // The median over the probe's window pairs (of every repetition), the 95%
  // confidence interval of that median, and what it says of the target.
  row("  tracing overhead, IOPS", [&c](const ModeData& d) -> Cell {
    if (auto o = tracing_overhead(c, d.mode))
      return {num(o->median_percent) + "%, " + std::to_string(o->pairs) + " pairs", ""};
    return na("the scenario has no overhead probe");
  });
  row("    95% CI of the median", [&c](const ModeData& d) -> Cell {
    auto o = tracing_overhead(c, d.mode);
    if (!o) return na("the scenario has no overhead probe");
    if (!o->ci95) return na("fewer than 6 window pairs: no 95% interval");
    return {num(o->ci95->first) + " to " + num(o->ci95->second) + "%", ""};
  });
  char target[32];
  std::snprintf(target, sizeof target, "    target <= %g%%", c.info.overhead_target_percent);
  row(target, [&c](const ModeData& d) -> Cell {
    if (auto o = tracing_overhead(c, d.mode)) return {o->verdict, ""};
    return na("the scenario has no overhead probe");
  });
  // The probe runs before any event, so every mode measures the same cost:
  // pooled, the pairs of all modes give the tightest interval.
  if (modes.size() > 1)
    if (auto o = tracing_overhead(c, "")) {
      std::string value = num(o->median_percent) + "%";
      if (o->ci95) value += " (" + num(o->ci95->first) + " to " + num(o->ci95->second) + "%)";
      out += pad("    all modes pooled", kLabelWidth) + value + ", " + std::to_string(o->pairs) + " pairs: " +
             o->verdict + "\n";
    }

  // Steady IOPS and locality per layout, when the scenario has a layout sequence.
  std::vector<std::string> layout_names;
  for (const ModeRun& r : c.runs)
    for (const LayoutSegment& seg : r.metrics.layouts)
      if (std::find(layout_names.begin(), layout_names.end(), seg.layout) == layout_names.end())
        layout_names.push_back(seg.layout);
  if (!layout_names.empty()) {
    heading("per layout (steady IOPS, share on controller's node)");
    for (const std::string& name : layout_names)
      row("  " + name, [&name](const ModeData& d) -> Cell {
        for (const LayoutSegment& seg : d.runs.front()->metrics.layouts)
          if (seg.layout == name)
            return {kilo(seg.steady_iops) + (seg.locality ? ", " + percent(seg.locality->controller_node_share) : ""),
                    ""};
        return na("the layout was not applied in this mode");
      });
  }

  heading("locality (share of queue irqs, before / after hotplug)");
  auto locality_row = [&](const std::string& label, double Locality::*share) {
    row(label, [share](const ModeData& d) -> Cell {
      const RunMetrics& m = d.runs.front()->metrics;
      if (m.locality_before && m.locality_after)
        return {percent((*m.locality_before).*share) + " / " + percent((*m.locality_after).*share), ""};
      if (m.locality_run) return {percent((*m.locality_run).*share) + " (run)", ""};
      return na("no queue interrupt was recorded");
    });
  };
  locality_row("  on controller's node", &Locality::controller_node_share);
  locality_row("  on submitters' node", &Locality::submitter_node_share);

  if (!c.microbench.is_null()) {
    heading("micro-benchmarks (Google Benchmark, mean ms)");
    auto micro_row = [&](const std::string& label, const std::string& name) {
      row(label, [&c, name](const ModeData& d) -> Cell {
        if (!c.microbench.contains(d.mode)) return na("no micro-benchmark run in this mode");
        for (const auto& b : c.microbench.at(d.mode).value("benchmarks", nlohmann::ordered_json::array())) {
          if (b.value("name", "").rfind(name, 0) != 0) continue;
          if (b.value("error_occurred", false)) return na(name + ": " + b.value("error_message", "failed"));
          double t = b.value("real_time", 0.0);
          const std::string unit = b.value("time_unit", "ns");
          t /= unit == "s" ? 1e-3 : unit == "ms" ? 1.0 : unit == "us" ? 1e3 : 1e6;
          return {num(t), ""};
        }
        return na(name + " did not run");
      });
    };
    micro_row("  move write->effective", "BM_LiveMoveQueueIrq");
    micro_row("  CPU offline + online", "BM_LiveCpuOfflineOnline");
  }

  heading("correctness");
  row("  CPU events done", [](const ModeData& d) -> Cell {
    if (d.cpu_events == 0) return na("the scenario takes no CPU offline");
    return {std::to_string(d.cpu_events - d.cpu_failed) + " of " + std::to_string(d.cpu_events), ""};
  });
  row("  fio errors", [](const ModeData& d) -> Cell {
    int errors = 0;
    for (const ModeRun* r : d.runs) errors += r->metrics.fio_error != 0;
    return {errors ? std::to_string(errors) + " runs" : "none", ""};
  });
  row("  kernel log problems", [](const ModeData& d) -> Cell {
    std::size_t n = 0;
    for (const ModeRun* r : d.runs) n += r->metrics.kernel_problems.size();
    return {n ? std::to_string(n) : "none", ""};
  });
  row("  vector matrix drift", [](const ModeData& d) -> Cell {
    std::size_t n = 0;
    bool checked = false;
    for (const ModeRun* r : d.runs) {
      n += r->metrics.vector_drift.size();
      checked = checked || r->metrics.vector_checked;
    }
    if (!checked) return na("no vector matrix (debugfs not mounted, or not x86)");
    return {n ? std::to_string(n) + " changes" : "none", ""};
  });

  if (!footnotes.empty()) {
    out += "\n";
    for (std::size_t k = 0; k < footnotes.size(); ++k) out += wrap("[" + std::to_string(k + 1) + "] " + footnotes[k], 4);
  }
  std::vector<std::string> problems;
  for (const ModeRun& r : c.runs) {
    for (const std::string& p : r.metrics.kernel_problems) problems.push_back(r.mode + ": " + p);
    for (const std::string& p : r.metrics.vector_drift) problems.push_back(r.mode + ": vector drift: " + p);
  }
  if (!problems.empty()) {
    out += "\nproblems:\n";
    for (std::size_t k = 0; k < problems.size() && k < 10; ++k) out += wrap("  " + problems[k], 4);
    if (problems.size() > 10) out += "  ... " + std::to_string(problems.size() - 10) + " more in results.json\n";
  }
  if (!i.run_dir.empty()) out += "\nrun directory: " + i.run_dir + "\n";
  return out;
}

}  // namespace irqlab
