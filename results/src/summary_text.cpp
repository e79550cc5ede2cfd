#include <charconv>
#include <cstdio>
#include <string>
#include <vector>

#include "irqlab/common/text.h"
#include "irqlab/results/summary.h"

namespace irqlab {
namespace {

constexpr std::size_t kLabel = 10;  // "kernel    " column of the key/value block

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string shortest(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : fixed(v, 3);
}

std::string pad(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() < width ? std::string(width - s.size(), ' ') + s : s;
}

// Word-wraps text after a first-line prefix; continuation lines are indented
// to the prefix width. A word longer than a line stays whole.
void wrap(std::string& out, const std::string& prefix, std::string_view text) {
  const std::string indent(prefix.size(), ' ');
  std::string line = prefix;
  bool line_has_word = false;
  for (const std::string& word : split_whitespace(text)) {
    if (line_has_word && line.size() + 1 + word.size() > kSummaryWidth) {
      out += line + "\n";
      line = indent;
      line_has_word = false;
    }
    if (line_has_word) line += ' ';
    line += word;
    line_has_word = true;
  }
  out += std::string(trim(line).empty() ? trim(prefix) : std::string_view(line)) + "\n";
}

void field(std::string& out, const std::string& label, std::string_view value) {
  wrap(out, pad(label, kLabel), value.empty() ? "-" : value);
}

std::string kernel_line(const RunInfo& info) {
  std::string s = info.kernel_version.empty() ? "?" : info.kernel_version;
  // 12 hex digits name a series unambiguously on screen; results.json has all 64.
  s += info.series_hash.empty() ? " (stock, no series)" : " + series " + info.series_hash.substr(0, 12);
  if (!info.patches_applied_summary.empty()) s += ", " + info.patches_applied_summary;
  return s;
}

std::string load_line(const FioLoad& load, const FioResult& fio) {
  std::string s = fio.fio_version.empty() ? "fio" : fio.fio_version;
  s += " " + load.rw + " bs " + format_size(load.block_size) + ", iodepth " + std::to_string(load.iodepth) +
       " x " + std::to_string(load.numjobs) + " jobs, " + std::to_string(load.runtime_s) + " s, " +
       load.ioengine + (load.direct ? ", direct" : ", buffered") + ", on";
  for (const std::string& f : load.filenames) s += " " + f;
  return s;
}

std::string iops_line(const QuickLoadResult& r) {
  const FioResult& f = r.fio;
  std::string s;
  if (f.read_iops > 0 || f.write_iops == 0) s += fixed(f.read_iops, 0) + " read";
  if (f.write_iops > 0) s += (s.empty() ? "" : " + ") + fixed(f.write_iops, 0) + " write";
  s += " IOPS, " + std::to_string(f.total_ios) + " I/Os";
  return s;
}

void latency_block(std::string& out, const LatencySummary& c) {
  constexpr std::size_t w = 10;
  std::string head = pad("", kLabel) + pad_left("mean", w), values = pad("", kLabel) + pad_left(fixed(c.mean_us, 1), w);
  for (double p : reported_percentiles()) {
    head += pad_left("p" + shortest(p), w);
    auto it = c.percentiles_us.find(p);
    values += pad_left(it == c.percentiles_us.end() ? "-" : fixed(it->second, 1), w);
  }
  head += pad_left("max", w);
  values += pad_left(fixed(c.max_us, 1), w);
  out += "completion latency (clat), microseconds\n" + head + "\n" + values + "\n";
}

std::string fired_on(const QueueIrq& q) {
  std::string s;
  for (const auto& [cpu, count] : q.interrupts_per_cpu)
    s += (s.empty() ? "" : " ") + std::to_string(cpu) + ":" + std::to_string(count);
  return s.empty() ? "-" : s;
}

void queue_table(std::string& out, const std::vector<QueueIrq>& queues) {
  out += "NVMe queue interrupts during the load (fired on = CPU:count)\n";
  if (queues.empty()) {
    out += "  no nvme<c>q<n> interrupt found in /proc/interrupts\n";
    return;
  }
  std::vector<std::string> head = {"queue", "irq", "affinity", "effective"};
  std::vector<std::size_t> width(head.size());
  for (std::size_t i = 0; i < head.size(); ++i) width[i] = head[i].size();
  for (const QueueIrq& q : queues) {
    std::string cells[] = {q.name, q.irq, q.affinity, q.effective_affinity};
    for (std::size_t i = 0; i < head.size(); ++i) width[i] = std::max(width[i], cells[i].size());
  }
  auto row = [&](const std::vector<std::string>& cells, std::string_view last) {
    std::string prefix;
    for (std::size_t i = 0; i < cells.size(); ++i)
      prefix += (i == 1 ? pad_left(cells[i], width[i]) : pad(cells[i], width[i])) + "  ";
    wrap(out, prefix, last);
  };
  row(head, "fired on");
  for (const QueueIrq& q : queues) row({q.name, q.irq, q.affinity, q.effective_affinity}, fired_on(q));
}

}  // namespace

std::string render_summary(const RunInfo& info, const FioLoad& load, const QuickLoadResult& result) {
  std::string out;
  out += "irqlab quick run\n";
  field(out, "kernel", kernel_line(info));
  if (!info.kernel_source.empty()) field(out, "source", info.kernel_source);
  field(out, "guest", result.guest_kernel_release.empty() ? "" : result.guest_kernel_release + " (uname -r)");
  field(out, "cmdline", result.guest_cmdline.empty() ? info.cmdline : result.guest_cmdline);
  field(out, "topology", info.preset.empty() ? info.topology_summary
                                             : info.preset + ": " + info.topology_summary);
  field(out, "load", load_line(load, result.fio));
  field(out, "result", iops_line(result));
  if (result.fio.error != 0 || result.fio_exit_status != 0)
    field(out, "WARNING", "fio error " + std::to_string(result.fio.error) + ", exit status " +
                              std::to_string(result.fio_exit_status) + ": the numbers are not a clean run");
  out += "\n";
  latency_block(out, result.fio.completion);
  out += "\n";
  queue_table(out, result.queues);
  if (!info.run_dir.empty()) {
    out += "\n";
    field(out, "run dir", info.run_dir);
  }
  return out;
}

}  // namespace irqlab
