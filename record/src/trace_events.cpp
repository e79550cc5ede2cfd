#include "irqlab/record/trace_events.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include "irqlab/common/error.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

// A perf script event line is
//   "<comm> <pid>/<tid> [<cpu>] <sec>.<frac>: <subsystem>:<event>: <trace>"
// with column padding of any width. The comm may hold spaces and the trace
// may hold brackets, so the line is anchored on its middle: the first "[...]"
// token that has a pid/tid token before it and two ':'-terminated tokens (time,
// event) after it. Lines without that shape are perf's own chatter.
// Runs at millions of lines per second: string_view and parse_number only.

namespace irqlab {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

std::size_t token_end(std::string_view s, std::size_t i) {
  while (i < s.size() && s[i] != ' ') ++i;
  return i;
}

struct EventLine {
  std::string_view cpu;    // inside the brackets
  std::string_view time;   // without the ':'
  std::string_view event;  // "irq:irq_handler_entry", without the ':'
  std::string_view trace;  // the rest, leading spaces removed
};

// "12/34": pid and tid.
bool is_pid_tid(std::string_view token) {
  std::size_t slash = token.find('/');
  return slash != std::string_view::npos && all_digits(token.substr(0, slash)) &&
         all_digits(token.substr(slash + 1));
}

bool split_event_line(std::string_view line, EventLine& out) {
  for (std::size_t open = line.find('['); open != std::string_view::npos; open = line.find('[', open + 1)) {
    if (open == 0 || line[open - 1] != ' ') continue;
    std::size_t cpu_end = token_end(line, open);
    if (line[cpu_end - 1] != ']' || cpu_end - open < 2) continue;

    // pid/tid: the token before the brackets.
    std::size_t before = open;
    while (before > 0 && line[before - 1] == ' ') --before;
    std::size_t pid_start = before;
    while (pid_start > 0 && line[pid_start - 1] != ' ') --pid_start;
    if (!is_pid_tid(line.substr(pid_start, before - pid_start))) continue;

    std::size_t time_start = skip_spaces(line, cpu_end);
    std::size_t time_end = token_end(line, time_start);
    if (time_end == time_start || line[time_end - 1] != ':') continue;
    std::size_t event_start = skip_spaces(line, time_end);
    std::size_t event_end = token_end(line, event_start);
    if (event_end - event_start < 2 || line[event_end - 1] != ':') continue;
    std::string_view event = line.substr(event_start, event_end - 1 - event_start);
    if (event.find(':') == std::string_view::npos) continue;  // "subsystem:name"

    out.cpu = line.substr(open + 1, cpu_end - open - 2);
    out.time = line.substr(time_start, time_end - 1 - time_start);
    out.event = event;
    out.trace = line.substr(skip_spaces(line, event_end));
    return true;
  }
  return false;
}

// "4.110090123" (--ns) or "4.110090" -> ns.
bool parse_time_ns(std::string_view s, std::int64_t& ns) {
  std::size_t dot = s.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view frac = s.substr(dot + 1);
  std::int64_t sec = 0, sub = 0;
  if (!all_digits(s.substr(0, dot)) || !all_digits(frac) || frac.size() > 9) return false;
  if (!parse_number_into(s.substr(0, dot), sec) || !parse_number_into(frac, sub)) return false;
  if (sec >= std::numeric_limits<std::int64_t>::max() / 1'000'000'000) return false;  // no overflow below
  for (std::size_t i = frac.size(); i < 9; ++i) sub *= 10;
  ns = sec * 1'000'000'000 + sub;
  return true;
}

class LineReader {
 public:
  LineReader(std::string_view trace, std::string_view event, std::size_t line_no)
      : trace_(trace), event_(event), line_no_(line_no) {}

  // The value of "key" ("irq=", "cpu:") where it starts a token; for keys
  // ending in ':' perf puts spaces before the value ("cpu: 0002").
  std::string_view value(std::string_view key) const {
    for (std::size_t at = trace_.find(key); at != std::string_view::npos; at = trace_.find(key, at + 1)) {
      if (at != 0 && trace_[at - 1] != ' ') continue;  // "prev_cpu=" is not "cpu="
      std::size_t start = at + key.size();
      if (key.back() == ':') start = skip_spaces(trace_, start);
      std::string_view v = trace_.substr(start, token_end(trace_, start) - start);
      if (v.empty()) fail("empty " + std::string(key));
      return v;
    }
    fail("no " + std::string(key));
  }

  template <typename T>
  T number(std::string_view key) const {
    std::string_view v = value(key);
    T out{};
    if (!parse_number_into(v, out)) fail("bad " + std::string(key) + " '" + std::string(v) + "'");
    return out;
  }

  // The leading "259,0" of block events.
  std::uint32_t dev() const {
    std::string_view v = trace_.substr(0, token_end(trace_, 0));
    std::size_t comma = v.find(',');
    unsigned major = 0, minor = 0;
    if (comma == std::string_view::npos || !parse_number_into(v.substr(0, comma), major) ||
        !parse_number_into(v.substr(comma + 1), minor) || major >= (1u << 12) || minor >= (1u << 20))
      fail("bad device '" + std::string(v) + "'");
    return make_block_dev(major, minor);
  }

  // Everything after "name=": action names may hold spaces ("PCIe PME").
  std::string_view rest_after(std::string_view key) const {
    std::size_t at = trace_.find(key);
    while (at != std::string_view::npos && at != 0 && trace_[at - 1] != ' ') at = trace_.find(key, at + 1);
    if (at == std::string_view::npos) fail("no " + std::string(key));
    std::string_view v = trace_.substr(at + key.size());
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.remove_suffix(1);
    if (v.empty()) fail("empty " + std::string(key));
    return v;
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw Error("perf script line " + std::to_string(line_no_) + ": " + std::string(event_) + ": " + what);
  }

 private:
  std::string_view trace_, event_;
  std::size_t line_no_;
};

TraceKind kind_of(std::string_view event) {
  if (event == "irq:irq_handler_entry") return TraceKind::IrqHandlerEntry;
  if (event == "block:block_rq_issue") return TraceKind::BlockRqIssue;
  if (event == "block:block_rq_complete") return TraceKind::BlockRqComplete;
  if (event == "irq:irq_managed_move") return TraceKind::ManagedMove;
  if (event == "block:block_mq_hctx_drain") return TraceKind::HctxDrain;
  if (event == "irq_vectors:vector_update") return TraceKind::VectorUpdate;
  if (event == "cpuhp:cpuhp_enter") return TraceKind::CpuhpEnter;
  if (event == "cpuhp:cpuhp_exit") return TraceKind::CpuhpExit;
  return TraceKind::Other;
}

void read_fields(TraceEvent& e, const LineReader& r, TraceLog& log) {
  switch (e.kind) {
    case TraceKind::IrqHandlerEntry: {
      e.irq = r.number<int>("irq=");
      std::string_view name = r.rest_after("name=");
      // Shared lines alternate between action names; the first one seen is kept.
      if (log.irq_names.find(e.irq) == log.irq_names.end()) log.irq_names.emplace(e.irq, std::string(name));
      break;
    }
    case TraceKind::BlockRqIssue:
    case TraceKind::BlockRqComplete:
      e.dev = r.dev();
      break;
    case TraceKind::ManagedMove:
      // The masks are not read: perf 6.1 prints offsets after "[FAILED TO PARSE]".
      e.irq = r.number<int>("irq=");
      e.ret = r.number<int>("ret=");
      e.duration_ns = r.number<std::int64_t>("duration_ns=");
      break;
    case TraceKind::HctxDrain:
      e.dev = r.dev();
      e.hctx = r.number<int>("hctx=");
      e.inflight = r.number<unsigned>("inflight=");
      e.ret = r.number<int>("ret=");
      e.duration_ns = r.number<std::int64_t>("duration_ns=");
      break;
    case TraceKind::VectorUpdate:
      e.irq = r.number<int>("irq=");
      e.target_cpu = r.number<int>("cpu=");
      break;
    case TraceKind::CpuhpEnter:
      e.target_cpu = r.number<int>("cpu:");
      break;
    case TraceKind::CpuhpExit:
      e.target_cpu = r.number<int>("cpu:");
      e.ret = r.number<int>("ret:");
      break;
    case TraceKind::Other:
      break;
  }
}


// perf script --show-lost-events:
//   "<comm> <pid>/<tid> [<cpu>] <time>: PERF_RECORD_LOST lost <n>".
bool parse_perf_lost(std::string_view line, int& cpu, std::int64_t& time_ns, std::uint64_t& count) {
  constexpr std::string_view kMarker = ": PERF_RECORD_LOST lost ";
  const std::size_t at = line.find(kMarker);
  if (at == std::string_view::npos || !parse_number_into(line.substr(at + kMarker.size()), count)) return false;
  const std::size_t time_start = line.rfind(' ', at);
  const std::size_t close = time_start == std::string_view::npos ? time_start : line.rfind(']', time_start);
  const std::size_t open = close == std::string_view::npos ? close : line.rfind('[', close);
  if (open == std::string_view::npos) return false;
  return parse_number_into(line.substr(open + 1, close - open - 1), cpu) && cpu >= 0 &&
         parse_time_ns(line.substr(time_start + 1, at - time_start - 1), time_ns);
}

// Dates the losses: per CPU the time of the last event, and the losses
// ftrace announced that wait for the next event on their CPU.
class LossTracker {
 public:
  explicit LossTracker(TraceLog& log) : log_(log) {}

  void event(int cpu, std::int64_t time_ns) {
    if (static_cast<std::size_t>(cpu) >= last_.size()) last_.resize(static_cast<std::size_t>(cpu) + 1, 0);
    for (auto it = waiting_.begin(); it != waiting_.end();)
      if (log_.losses[*it].cpu == cpu) {
        date(log_.losses[*it], time_ns);
        it = waiting_.erase(it);
      } else {
        ++it;
      }
    last_[static_cast<std::size_t>(cpu)] = time_ns;
  }
  void perf_lost(int cpu, std::int64_t time_ns, std::uint64_t count) {
    TraceLoss& loss = add(cpu, count);
    date(loss, time_ns);
  }
  void ftrace_lost(int cpu, std::uint64_t count) {
    add(cpu, count);
    waiting_.push_back(log_.losses.size() - 1);
  }
  // Losses no event followed run to the end; then all in time order.
  void finish() {
    for (std::size_t i : waiting_) date(log_.losses[i], std::numeric_limits<std::int64_t>::max());
    std::stable_sort(log_.losses.begin(), log_.losses.end(),
                     [](const TraceLoss& a, const TraceLoss& b) { return a.time_ns < b.time_ns; });
  }

 private:
  TraceLoss& add(int cpu, std::uint64_t count) {
    log_.lost_events += count ? count : 1;
    TraceLoss loss;
    loss.cpu = cpu;
    loss.count = count;
    log_.losses.push_back(loss);
    return log_.losses.back();
  }
  // A loss falls after the CPU's last event (if that is not later: perf
  // script prints one data file after another) and at or before time_ns.
  void date(TraceLoss& loss, std::int64_t time_ns) {
    const std::size_t cpu = static_cast<std::size_t>(loss.cpu);
    const std::int64_t last = cpu < last_.size() ? last_[cpu] : 0;
    loss.time_ns = time_ns;
    loss.since_ns = last <= time_ns ? last : 0;
  }

  TraceLog& log_;
  std::vector<std::int64_t> last_;     // per CPU; 0: no event yet
  std::vector<std::size_t> waiting_;   // indices into log_.losses
};

// A line that is no event: perf's or ftrace's word of lost events, or chatter.
void read_other_line(std::string_view line, LossTracker& losses, TraceLog& log) {
  int cpu = -1;
  std::int64_t time_ns = 0;
  std::uint64_t count = 0;
  if (parse_perf_lost(line, cpu, time_ns, count)) {
    losses.perf_lost(cpu, time_ns, count);
  } else if (auto notice = parse_ftrace_loss_line(line)) {
    losses.ftrace_lost(notice->first, notice->second);
  } else {
    ++log.skipped_lines;
  }
}

}  // namespace

std::optional<std::pair<int, std::uint64_t>> parse_ftrace_loss_line(std::string_view line) {
  while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
  const std::size_t at = line.find("CPU:");
  if (at == std::string_view::npos || line.empty() || line.back() != ']') return std::nullopt;
  if (at != 0 && (at < 2 || line.substr(at - 2, 2) != ": ")) return std::nullopt;  // trace-cmd's "<instance>: "
  const std::size_t open = line.find(" [", at);
  int cpu = -1;
  if (open == std::string_view::npos || !parse_number_into(line.substr(at + 4, open - at - 4), cpu) || cpu < 0)
    return std::nullopt;
  const std::string_view inside = line.substr(open + 2, line.size() - open - 3);
  std::string_view number;
  if (inside == "LOST EVENTS" || inside == "EVENTS DROPPED") return std::pair{cpu, std::uint64_t{0}};
  if (inside.starts_with("LOST ") && inside.ends_with(" EVENTS")) number = inside.substr(5, inside.size() - 12);
  else if (inside.ends_with(" EVENTS DROPPED")) number = inside.substr(0, inside.size() - 15);
  std::uint64_t count = 0;
  if (!parse_number_into(number, count) || count == 0) return std::nullopt;
  return std::pair{cpu, count};
}

std::uint32_t make_block_dev(unsigned major, unsigned minor) {
  return static_cast<std::uint32_t>(major << 20 | minor);
}

TraceLog parse_perf_script(std::string_view text) {
  TraceLog log;
  std::size_t lines = 0;
  for (const char* p = text.data(), *end = text.data() + text.size();
       p < end && (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))); ++p)
    ++lines;
  log.events.reserve(lines + 1);

  LossTracker losses(log);
  TextLines text_lines(text);
  std::string_view line;
  while (text_lines.next(line)) {
    const std::size_t line_no = text_lines.number();
    EventLine parts;
    if (!split_event_line(line, parts)) {
      read_other_line(line, losses, log);
      continue;
    }
    TraceEvent e;
    e.kind = kind_of(parts.event);
    LineReader reader(parts.trace, parts.event, line_no);
    if (!parse_number_into(parts.cpu, e.cpu) || e.cpu < 0) reader.fail("bad CPU '[" + std::string(parts.cpu) + "]'");
    if (!parse_time_ns(parts.time, e.time_ns)) reader.fail("bad time '" + std::string(parts.time) + "'");
    read_fields(e, reader, log);
    log.events.push_back(e);
    losses.event(e.cpu, e.time_ns);
  }
  losses.finish();
  return log;
}

}  // namespace irqlab
