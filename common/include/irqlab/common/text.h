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

// Kernel CPU lists: "0-3,8,10-11" <-> {0,1,2,3,8,10,11}.
std::optional<std::set<int>> parse_cpu_list(std::string_view s);
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

// One word for /bin/sh: left as is when it is plain, else single-quoted.
std::string shell_quote(std::string_view word);
// argv as one /bin/sh command line.
std::string shell_join(const std::vector<std::string>& argv);

}  // namespace irqlab
