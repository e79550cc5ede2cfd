// read_run(): the records of one run directory, parsed.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/metrics/kernel_log.h"
#include "irqlab/metrics/metrics.h"
#include "irqlab/record/recorder.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/run_manifest.h"

namespace irqlab {
namespace fs = std::filesystem;
using json = nlohmann::json;

bool RecordedEvent::accepted() const {
  const MoveStatus* move = std::get_if<MoveStatus>(&status);
  return move && move_accepted(*move);
}

namespace {

// fio names its per-job logs <prefix>_<kind>.<job>.log.
std::vector<std::vector<FioLogSample>> read_job_logs(const fs::path& dir, const std::string& prefix,
                                                    const std::string& kind) {
  std::vector<std::pair<int, std::string>> files;
  const std::string stem = prefix + "_" + kind + ".";
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!starts_with(name, stem) || it->path().extension() != ".log") continue;
    auto job = parse_int(name.substr(stem.size(), name.size() - stem.size() - 4));
    if (job) files.emplace_back(static_cast<int>(*job), name);
  }
  if (ec) throw Error("cannot list the run directory " + dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<std::vector<FioLogSample>> out;
  for (const auto& [job, name] : files)
    out.push_back(parse_run_record(dir / name, read_run_file(dir, name, kRunLogLimit), parse_fio_log));
  return out;
}

// One stream of fio samples (a job, a direction) as spans of constant value:
// the rate (IOPS) or the worst latency over (from_ms, to_ms].
struct FioSpan {
  std::int64_t from_ms = 0, to_ms = 0;
  double value = 0;
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && a < 0); }

// fio's helper thread logs every log_avg_msec, a little late under TCG
// (~101 ms for 100): the stream's own tick is its median sample spacing.
std::int64_t tick_ms(const std::vector<FioLogSample>& stream, std::int64_t nominal_ms) {
  std::vector<std::int64_t> spacing;
  for (std::size_t i = 1; i < stream.size(); ++i) spacing.push_back(stream[i].time_ms - stream[i - 1].time_ms);
  if (spacing.empty()) return nominal_ms;
  const auto middle = spacing.begin() + static_cast<std::ptrdiff_t>(spacing.size() / 2);
  std::nth_element(spacing.begin(), middle, spacing.end());
  return std::max<std::int64_t>(1, *middle);
}

// A sample at t is fio's average over the span since the previous one (the
// first: one tick before it). But fio 3.33 (stat.c __add_samples) logs
// nothing for a tick in which the job completed nothing, and the next
// sample is the rate over its own tick only: a span of 1.5 ticks or more
// without a sample holds a silence, and the late sample covers its last
// tick. Latency maxima (rates = false) cover their whole span: the slow
// request was in flight through the silence.
std::vector<FioSpan> stream_spans(const std::vector<FioLogSample>& stream, std::int64_t nominal_ms, bool rates) {
  const std::int64_t tick = tick_ms(stream, nominal_ms);
  std::vector<FioSpan> spans;
  for (std::size_t i = 0; i < stream.size(); ++i) {
    const std::int64_t to = stream[i].time_ms;
    std::int64_t from = i == 0 ? to - tick : stream[i - 1].time_ms;
    if (rates && 2 * (to - from) >= 3 * tick) from = to - tick;
    spans.push_back({from, to, static_cast<double>(stream[i].value)});
  }
  return spans;
}

// A job's samples by direction (a mixed load logs reads and writes as
// separate lines at the same instant), each in time order.
std::vector<std::vector<FioLogSample>> direction_streams(const std::vector<FioLogSample>& job) {
  std::map<int, std::vector<FioLogSample>> by_direction;
  for (const FioLogSample& s : job) by_direction[s.direction].push_back(s);
  std::vector<std::vector<FioLogSample>> out;
  for (auto& [direction, stream] : by_direction) {
    std::stable_sort(stream.begin(), stream.end(),
                     [](const FioLogSample& a, const FioLogSample& b) { return a.time_ms < b.time_ms; });
    out.push_back(std::move(stream));
  }
  return out;
}

}  // namespace

std::vector<RecordedEvent> parse_events_json(std::string_view text) {
  std::vector<RecordedEvent> out;
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::exception& e) {
    throw Error(std::string("not valid JSON: ") + e.what());
  }
  if (!doc.is_array()) throw Error("expected an array of events");
  try {
    for (const json& j : doc) {
      RecordedEvent e;
      e.index = j.at("index").get<int>();
      e.kind = kEventKinds.parse(j.at("kind").get<std::string>());
      e.description = j.at("description").get<std::string>();
      e.status = parse_event_status(e.kind, j.at("status").get<std::string>());
      e.layout = j.value("layout", "");
      e.outcome = j.value("outcome", "");
      e.irq = j.value("irq", -1);
      e.cpu = j.value("cpu", -1);
      e.error = j.value("errno", 0);
      if (j.contains("cpus")) e.cpus = cpu_set_from_json(j.at("cpus"));
      e.at_ns = j.at("at_ns").get<std::int64_t>();
      e.issued_ns = j.at("issued_ns").get<std::int64_t>();
      e.returned_ns = j.at("returned_ns").get<std::int64_t>();
      e.effective_ns = j.at("effective_ns").get<std::int64_t>();
      out.push_back(std::move(e));
    }
  } catch (const json::exception& e) {
    throw Error(std::string("malformed event: ") + e.what());
  }
  return out;
}

std::vector<FioLogSample> merge_fio_logs(const std::vector<std::vector<FioLogSample>>& jobs, std::int64_t interval_ms,
                                         bool sum) {
  // Every job's spans go onto one grid of buckets ((k-1)·step, k·step]:
  // rates in proportion to their overlap, summed over the jobs; maxima as the
  // worst overlapping one. A job covers from its first span to its last,
  // silences included; only buckets wholly inside what every job covered are
  // kept, so a job still starting or already done is no dip.
  const std::int64_t step = std::max<std::int64_t>(1, interval_ms);
  std::vector<FioSpan> spans;
  std::int64_t covered_from = std::numeric_limits<std::int64_t>::min();
  std::int64_t covered_to = std::numeric_limits<std::int64_t>::max();
  for (const auto& job : jobs) {
    if (job.empty()) continue;
    std::int64_t job_from = std::numeric_limits<std::int64_t>::max();
    std::int64_t job_to = std::numeric_limits<std::int64_t>::min();
    for (const auto& stream : direction_streams(job))
      for (const FioSpan& s : stream_spans(stream, step, sum)) {
        job_from = std::min(job_from, s.from_ms);
        job_to = std::max(job_to, s.to_ms);
        spans.push_back(s);
      }
    covered_from = std::max(covered_from, job_from);
    covered_to = std::min(covered_to, job_to);
  }
  if (spans.empty()) return {};
  const std::int64_t first = floor_div(covered_from + step - 1, step) + 1, last = floor_div(covered_to, step);
  if (last < first) return {};
  std::vector<double> buckets(static_cast<std::size_t>(last - first + 1), 0);
  for (const FioSpan& s : spans)
    for (std::int64_t k = std::max(first, floor_div(s.from_ms, step) + 1); k <= last && (k - 1) * step < s.to_ms; ++k) {
      const std::int64_t overlap = std::min(s.to_ms, k * step) - std::max(s.from_ms, (k - 1) * step);
      double& b = buckets[static_cast<std::size_t>(k - first)];
      b = sum ? b + s.value * static_cast<double>(overlap) / static_cast<double>(step) : std::max(b, s.value);
    }
  std::vector<FioLogSample> out;
  out.reserve(buckets.size());
  for (std::size_t i = 0; i < buckets.size(); ++i)
    out.push_back({(first + static_cast<std::int64_t>(i)) * step, static_cast<std::uint64_t>(std::llround(buckets[i])), 0});
  return out;
}

namespace {

void read_probe(RunRecords& r, const fs::path& dir, std::int64_t interval_ms) {
  const json windows = read_run_json(dir, run_files::kProbeWindows);
  try {
    for (const json& w : windows)
      r.probe_windows.push_back({w.at("from_ns").get<std::int64_t>(), w.at("to_ns").get<std::int64_t>(),
                                 w.at("traced").get<bool>()});
  } catch (const json::exception& e) {
    throw Error((dir / run_files::kProbeWindows).string() + ": malformed: " + e.what());
  }
  r.probe_iops = merge_fio_logs(read_job_logs(dir, run_files::kProbeLogPrefix, "iops"), interval_ms, true);
}

void read_kernel_records(RunRecords& r, const fs::path& dir) {
  const std::string vb = read_optional_run_file(dir, run_files::kVectorBefore, kRunLogLimit);
  const std::string va = read_optional_run_file(dir, run_files::kVectorAfter, kRunLogLimit);
  if (!vb.empty() && !va.empty()) {
    r.vector_before = parse_run_record(dir / run_files::kVectorBefore, vb, [](std::string_view text) { return parse_vector_matrix(text); });
    r.vector_after = parse_run_record(dir / run_files::kVectorAfter, va, [](std::string_view text) { return parse_vector_matrix(text); });
  }
  r.dmesg_before = read_optional_run_file(dir, run_files::kDmesgBefore, kRunLogLimit);
  r.dmesg_after = read_optional_run_file(dir, run_files::kDmesgAfter, kRunLogLimit);
}

// The mode run.json says the kernel reported; a word irqlab does not know is
// refused here, not filed under a mode it is not.
std::optional<ManagedMode> reported_mode(const RunManifest& run, const fs::path& dir) {
  if (!run.managed_mode) return std::nullopt;
  if (std::optional<ManagedMode> mode = kManagedModes.find(*run.managed_mode)) return mode;
  throw Error((dir / run_files::kRun).string() + ": managed_mode: " + kManagedModes.unknown(*run.managed_mode));
}

}  // namespace

RunRecords read_run(const fs::path& dir, const std::string& perf, const std::string& trace_cmd) {
  RunRecords r;
  r.dir = dir;
  const RunManifest run = parse_manifest(read_run_json(dir, run_files::kRun), (dir / run_files::kRun).string());
  r.kernel_mode = reported_mode(run, dir);
  r.mode = mode_in_force(r.kernel_mode);
  r.kernel_release = run.kernel_release;
  r.cmdline = run.cmdline;
  r.start_ns = run.start_ns;
  r.end_ns = run.end_ns;
  r.log_interval_ns = run.log_interval_ns;
  r.trace_events = run.trace_events;
  r.missing_trace_events = run.missing_trace_events;
  r.node_cpus = run.nodes;
  for (const ManifestQueue& q : run.queues) r.queues.push_back({q.name, q.irq, q.controller_node, q.hctx_cpus});
  r.events = parse_run_record(dir / run_files::kEvents, read_run_file(dir, run_files::kEvents, kRunJsonLimit),
                              parse_events_json);

  r.trace = read_trace(dir, run, TraceTools{perf, trace_cmd});

  r.fio = parse_run_record(dir / run_files::kFioJson, read_run_file(dir, run_files::kFioJson, kRunJsonLimit),
                           parse_fio_json);
  const std::int64_t interval_ms = r.log_interval_ns / 1'000'000;
  r.iops = merge_fio_logs(read_job_logs(dir, run_files::kFioLogPrefix, "iops"), interval_ms, true);
  r.clat_max = merge_fio_logs(read_job_logs(dir, run_files::kFioLogPrefix, "clat"), interval_ms, false);
  if (run_file_exists(dir, run_files::kProbeWindows)) read_probe(r, dir, interval_ms);
  read_kernel_records(r, dir);
  return r;
}

}  // namespace irqlab
