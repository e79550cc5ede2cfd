#include "irqlab/common/text.h"

#include <cstdio>

#include "irqlab/common/numbers.h"

namespace irqlab {

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\n";
  std::size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t next = s.find(sep, pos);
    out.emplace_back(s.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::vector<std::string> split_whitespace(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    std::size_t b = i;
    while (i < s.size() && !(s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    if (i > b) out.emplace_back(s.substr(b, i - b));
  }
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

std::optional<std::int64_t> parse_int(std::string_view s) { return parse_number<std::int64_t>(trim(s)); }

std::optional<std::uint64_t> parse_size(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  std::uint64_t mult = 1;
  switch (s.back()) {
    case 'K': case 'k': mult = 1ull << 10; break;
    case 'M': case 'm': mult = 1ull << 20; break;
    case 'G': case 'g': mult = 1ull << 30; break;
    case 'T': case 't': mult = 1ull << 40; break;
    default: break;
  }
  if (mult != 1) s.remove_suffix(1);
  const auto v = parse_number<std::uint64_t>(s);
  if (!v || *v > UINT64_MAX / mult) return std::nullopt;
  return *v * mult;
}

std::string format_size(std::uint64_t bytes) {
  const char* units[] = {"", "K", "M", "G", "T"};
  int u = 0;
  while (u < 4 && bytes >= 1024 && bytes % 1024 == 0) {
    bytes /= 1024;
    ++u;
  }
  return std::to_string(bytes) + units[u];
}

std::string above_limit(std::string_view what, std::int64_t id, std::int64_t limit) {
  return std::string(what) + " " + std::to_string(id) + " is above the limit of " + std::to_string(limit);
}

namespace {

struct CpuRange {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
};

// The ranges of a CPU list, checked for syntax but not yet expanded.
std::optional<std::vector<CpuRange>> cpu_ranges(std::string_view s) {
  std::vector<CpuRange> ranges;
  s = trim(s);
  if (s.empty()) return ranges;
  for (const std::string& part : split(s, ',')) {
    auto bounds = split(part, '-');
    if (bounds.size() > 2) return std::nullopt;
    auto lo = parse_int(bounds[0]);
    auto hi = bounds.size() == 2 ? parse_int(bounds[1]) : lo;
    if (!lo || !hi || *lo < 0 || *hi < *lo) return std::nullopt;
    ranges.push_back({*lo, *hi});
  }
  return ranges;
}

// Why ranges cannot be a CPU set, before it is built: a CPU above kMaxCpuId,
// or more CPUs than there can be ("0-8191" repeated a thousand times would
// cost eight million insertions for one list).
std::optional<std::string> cpu_ranges_problem(const std::vector<CpuRange>& ranges) {
  std::int64_t count = 0;
  for (const CpuRange& r : ranges) {
    if (r.hi > kMaxCpuId) return above_limit("CPU", r.hi, kMaxCpuId);
    count += r.hi - r.lo + 1;
    if (count > kMaxCpuId + 1)
      return "the CPU list names more than " + std::to_string(kMaxCpuId + 1) + " CPUs (a CPU twice?)";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::set<int>> parse_cpu_list(std::string_view s) {
  // No signal check here: restore parses CPU lists while unwinding from
  // SIGTERM, and must finish. The ceiling keeps one list to 8192 CPUs; the
  // parsers that read many lists check for signals per line.
  auto ranges = cpu_ranges(s);
  if (!ranges || cpu_ranges_problem(*ranges)) return std::nullopt;
  std::set<int> cpus;
  for (const CpuRange& r : *ranges)
    for (auto c = r.lo; c <= r.hi; ++c) cpus.insert(cpus.end(), static_cast<int>(c));
  return cpus;
}

bool valid_cpu_list(std::string_view s) {
  const auto ranges = cpu_ranges(s);
  return ranges && !cpu_ranges_problem(*ranges);
}

std::string cpu_list_problem(std::string_view s, const std::string& otherwise) {
  auto ranges = cpu_ranges(s);
  const auto problem = ranges ? cpu_ranges_problem(*ranges) : std::nullopt;
  return problem.value_or(otherwise);
}

std::string format_cpu_list(const std::set<int>& cpus) {
  std::string out;
  auto it = cpus.begin();
  while (it != cpus.end()) {
    int lo = *it, hi = *it;
    for (++it; it != cpus.end() && *it == hi + 1; ++it) hi = *it;
    if (!out.empty()) out += ',';
    out += std::to_string(lo);
    if (hi != lo) out += '-' + std::to_string(hi);
  }
  return out;
}

std::string tail_lines(std::string_view text, std::size_t n) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  std::size_t pos = text.size();
  for (std::size_t i = 0; i < n && pos != std::string_view::npos && pos > 0; ++i)
    pos = text.rfind('\n', pos - 1);
  if (pos == std::string_view::npos) pos = 0; else if (pos > 0 || text[0] == '\n') ++pos;
  return std::string(text.substr(pos));
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else {
      char hex[5];
      std::snprintf(hex, sizeof hex, "\\x%02x", byte);
      out += hex;
    }
  }
  return out;
}

std::string shell_quote(std::string_view word) {
  constexpr std::string_view kPlain =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%";
  if (!word.empty() && word.find_first_not_of(kPlain) == std::string_view::npos) return std::string(word);
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shell_join(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& word : argv) out += (out.empty() ? "" : " ") + shell_quote(word);
  return out;
}

}  // namespace irqlab
