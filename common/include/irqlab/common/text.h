#pragma once
// Parsing helpers shared by every area.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

std::string_view trim(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::vector<std::string> split_whitespace(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);

std::optional<std::int64_t> parse_int(std::string_view s);
// "512M", "2G", "1024K" or plain bytes -> bytes.
std::optional<std::uint64_t> parse_size(std::string_view s);
std::string format_size(std::uint64_t bytes);

// The highest CPU id irqlab accepts. Linux's NR_CPUS is at most 8192
// (x86-64 MAXSMP), so a larger id is a mistake or a hostile input; refusing
// it before any set is built keeps "0-1048576" from costing a million set
// nodes per read (and a root whose cpu/present says so from never finishing).
inline constexpr int kMaxCpuId = 8191;
// The highest NUMA node id: MAX_NUMNODES is at most 1024 (NODES_SHIFT 10).
inline constexpr int kMaxNodeId = 1023;

// "CPU 9000 is above the limit of 8191": what, id and limit in one phrase.
std::string above_limit(std::string_view what, std::int64_t id, std::int64_t limit);

// Kernel CPU lists: "0-3,8,10-11" <-> {0,1,2,3,8,10,11}. nullopt for text
// that is not a CPU list or names a CPU above kMaxCpuId. Throws Interrupted
// once SIGINT/SIGTERM has arrived, so a file of many lists stops promptly.
std::optional<std::set<int>> parse_cpu_list(std::string_view s);
// Why parse_cpu_list refused s: the CPU above the limit, or more CPUs than
// kMaxCpuId + 1 (ranges that repeat), if that is why, else
// `otherwise` (the caller's words for a list that does not parse).
std::string cpu_list_problem(std::string_view s, const std::string& otherwise);
// Whether parse_cpu_list would accept s, without building the set.
bool valid_cpu_list(std::string_view s);
std::string format_cpu_list(const std::set<int>& cpus);

// The lines of a text, without copies: `while (lines.next(line))` gives each
// line without its '\n' (and a trailing '\r'); number() is the current
// line's, from 1. For parsers of large records (perf script, fio logs).
class TextLines {
 public:
  explicit TextLines(std::string_view text) : text_(text) {}
  bool next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t nl = text_.find('\n', pos_);
    if (nl == std::string_view::npos) nl = text_.size();
    line = text_.substr(pos_, nl - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = nl + 1;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t number_ = 0;
};

// The last n lines of text.
std::string tail_lines(std::string_view text, std::size_t n);

// text fit for one line on a terminal: bytes outside printable ASCII are
// written as \r, \n, \t or \xNN, so an error that quotes a binary or
// CRLF input shows what is there ("'irqlab-journal 1\r'") and cannot
// move the cursor, ring the bell or split into several lines.
std::string printable(std::string_view text);

// One word for /bin/sh: left as is when it is plain, else single-quoted.
std::string shell_quote(std::string_view word);
// argv as one /bin/sh command line.
std::string shell_join(const std::vector<std::string>& argv);

}  // namespace irqlab
