// Timings of the parsers that read what a lab run records. The inputs are the
// recorded fixtures of record/tests/fixtures, found through
// $IRQLAB_MICROBENCH_FIXTURES, else the source tree path built in.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/metrics/fio_log.h"
#include "irqlab/metrics/vector_matrix.h"
#include "irqlab/record/trace_events.h"
#include "irqlab/topology/interrupts.h"

namespace irqlab {
namespace {

std::string fixtures_dir() {
  const char* env = std::getenv("IRQLAB_MICROBENCH_FIXTURES");
  return env && *env ? env : IRQLAB_MICROBENCH_FIXTURES_DIR;
}

// The fixture's text, or nullopt after marking the benchmark skipped.
std::optional<std::string> load(benchmark::State& state, const std::string& name) {
  try {
    return read_file(fixtures_dir() + "/" + name);
  } catch (const Error& e) {
    state.SkipWithError((std::string(e.what()) + " (set IRQLAB_MICROBENCH_FIXTURES to record/tests/fixtures)").c_str());
    return std::nullopt;
  }
}

// Where a perf script event line has its "<sec>.<ns>:" token.
std::optional<std::pair<std::size_t, std::size_t>> time_token(std::string_view line) {
  for (std::size_t start = 0; start < line.size();) {
    std::size_t end = line.find(' ', start);
    if (end == std::string_view::npos) end = line.size();
    std::string_view token = line.substr(start, end - start);
    std::size_t dot = token.find('.');
    if (token.size() > 11 && token.back() == ':' && dot != std::string_view::npos &&
        token.size() - dot - 2 == 9 && token.find_first_not_of("0123456789.:") == std::string_view::npos)
      return std::pair{start, end - start};
    start = end + 1;
  }
  return std::nullopt;
}

std::int64_t time_ns(std::string_view token) {  // "12.705195687:"
  std::size_t dot = token.find('.');
  return std::stoll(std::string(token.substr(0, dot))) * 1'000'000'000 +
         std::stoll(std::string(token.substr(dot + 1, 9)));
}

// The recorded perf script, its event lines repeated with later and later
// times until the text has about `lines` lines.
std::string replicate_perf_script(std::string_view recorded, std::size_t lines) {
  std::string head;
  std::vector<std::pair<std::string_view, std::pair<std::size_t, std::size_t>>> events;
  TextLines text_lines(recorded);
  std::string_view line;
  while (text_lines.next(line)) {
    if (auto t = time_token(line)) events.emplace_back(line, *t);
    else if (events.empty()) (head += line) += '\n';  // perf's warnings, once at the top
  }
  if (events.empty()) return head;
  auto time_of = [](const auto& event) { return time_ns(event.first.substr(event.second.first, event.second.second)); };
  const std::int64_t first = time_of(events.front()), last = time_of(events.back());
  const std::int64_t span = last - first + 1'000'000;

  std::string out = head;
  out.reserve(recorded.size() * (lines / events.size() + 1));
  char time[32];
  for (std::size_t copy = 0, n = 0; n < lines; ++copy) {
    for (const auto& [line, where] : events) {
      const auto [start, length] = where;
      std::int64_t t = time_ns(line.substr(start, length)) + static_cast<std::int64_t>(copy) * span;
      std::snprintf(time, sizeof time, "%lld.%09lld:", static_cast<long long>(t / 1'000'000'000),
                    static_cast<long long>(t % 1'000'000'000));
      out.append(line.substr(0, start)).append(time).append(line.substr(start + length)) += '\n';
      ++n;
    }
  }
  return out;
}

void BM_ParsePerfScript(benchmark::State& state) {
  auto recorded = load(state, "guest-override/perf-script.txt");
  if (!recorded) return;
  const std::string text = replicate_perf_script(*recorded, 200'000);
  const std::size_t events = parse_perf_script(text).events.size();
  for (auto _ : state) {
    TraceLog log = parse_perf_script(text);
    benchmark::DoNotOptimize(log.events.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
  state.counters["events"] = static_cast<double>(events);
}
BENCHMARK(BM_ParsePerfScript)->Unit(benchmark::kMillisecond);

void BM_ParseFioLog(benchmark::State& state) {
  auto recorded = load(state, "guest-override/fio_clat.1.log");
  if (!recorded) return;
  // The 54 recorded intervals, repeated to 10k (a 1000 s run at 100 ms).
  std::string text;
  std::int64_t shift = 0;
  while (text.size() < 10'000 * 24) {
    TextLines lines(*recorded);
    std::string_view line;
    while (lines.next(line)) {
      std::size_t comma = line.find(',');
      if (comma == std::string_view::npos) continue;
      text += std::to_string(std::stoll(std::string(line.substr(0, comma))) + shift);
      (text += line.substr(comma)) += '\n';
    }
    shift += 10'000;
  }
  const std::size_t samples = parse_fio_log(text).size();
  for (auto _ : state) {
    auto parsed = parse_fio_log(text);
    benchmark::DoNotOptimize(parsed.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * samples));
}
BENCHMARK(BM_ParseFioLog)->Unit(benchmark::kMicrosecond);

void BM_ParseVectorMatrix(benchmark::State& state) {
  auto text = load(state, "guest-override/vector.before");
  if (!text) return;
  for (auto _ : state) {
    VectorMatrix m = parse_vector_matrix(*text);
    benchmark::DoNotOptimize(m.cpus.size());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseVectorMatrix);

void BM_ParseProcInterrupts(benchmark::State& state) {
  auto text = load(state, "guest-override/interrupts.after");
  if (!text) return;
  for (auto _ : state) {
    InterruptTable t = parse_proc_interrupts(*text);
    benchmark::DoNotOptimize(t.lines.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseProcInterrupts);

}  // namespace
}  // namespace irqlab
