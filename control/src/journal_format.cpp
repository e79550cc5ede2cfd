// Text of the journal: records to lines and back (format in journal.h).
#include <algorithm>
#include <cstdio>
#include <limits>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/control/journal.h"
#include "irqlab/control/services.h"

namespace irqlab {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool needs_escape(unsigned char c) { return c <= 0x20 || c == '%' || c == '=' || c >= 0x7f; }

std::optional<std::string> decode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return std::nullopt;
    int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

class LineParser {
 public:
  LineParser(std::string_view line, std::string where) : words_(split(line, ' ')), where_(std::move(where)) {}

  [[noreturn]] void fail(const std::string& what) const { throw Error(where_ + what); }

  std::size_t size() const { return words_.size(); }
  const std::string& word(std::size_t i) const {
    if (i >= words_.size()) fail("record '" + printable(words_[0]) + "' is cut short");
    return words_[i];
  }
  int number(std::size_t i, const char* what) const {
    auto v = parse_int(word(i));
    if (!v || *v < 0 || *v > 1 << 30) fail(std::string("bad ") + what + " '" + printable(word(i)) + "'");
    return static_cast<int>(*v);
  }
  // key=value fields from position `from` on: exactly the keys given, each
  // once (a second from= must not silently win).
  std::map<std::string, std::string> fields(std::size_t from, std::initializer_list<const char*> keys) const {
    std::map<std::string, std::string> out;
    for (std::size_t i = from; i < words_.size(); ++i) {
      auto eq = words_[i].find('=');
      if (eq == std::string::npos) fail("expected key=value, got '" + printable(words_[i]) + "'");
      const std::string key = words_[i].substr(0, eq);
      if (std::find(keys.begin(), keys.end(), key) == keys.end())
        fail("record '" + words_[0] + "' has an unknown field '" + printable(key) + "='");
      if (out.count(key)) fail("record '" + words_[0] + "' has " + key + "= twice");
      auto value = decode(std::string_view(words_[i]).substr(eq + 1));
      if (!value) fail("bad escape in '" + printable(words_[i]) + "'");
      out[key] = *value;
    }
    for (const char* key : keys)
      if (!out.count(key)) fail("record '" + words_[0] + "' has no " + key + "=");
    return out;
  }

 private:
  std::vector<std::string> words_;
  std::string where_;
};

bool is_cpu_list(const std::string& s) { return parse_cpu_list(s).has_value() && !trim(s).empty(); }

}  // namespace

std::string encode_journal_value(std::string_view value) {
  std::string out;
  char buf[4];
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if (needs_escape(c)) {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string journal_header_line() { return "irqlab-journal " + std::to_string(kJournalVersion); }

std::string session_line(const JournalSession& s) {
  return "session " + std::to_string(s.number) + " pid=" + std::to_string(s.pid) +
         " boot=" + encode_journal_value(s.boot_id) + " time=" + encode_journal_value(s.time) +
         " root=" + encode_journal_value(s.root.string());
}

std::string change_line(const JournalChange& c) {
  const std::string session = std::to_string(c.session);
  switch (c.kind) {
    case JournalChange::Kind::Irq:
      return "irq " + session + " " + std::to_string(c.id) + " name=" + encode_journal_value(c.name) +
             " from=" + encode_journal_value(c.from) + " to=" + encode_journal_value(c.to);
    case JournalChange::Kind::Cpu:
      return "cpu " + session + " " + std::to_string(c.id) + " from=" + c.from + " to=" + c.to;
    case JournalChange::Kind::Service:
      return "service " + session + " stop unit=" + encode_journal_value(c.name);
  }
  return {};
}

JournalSession* JournalContents::session(int number) {
  for (JournalSession& s : sessions)
    if (s.number == number) return &s;
  return nullptr;
}

const JournalSession* JournalContents::session(int number) const {
  return const_cast<JournalContents*>(this)->session(number);
}

std::vector<JournalChange> JournalContents::changes_of(int number) const {
  std::vector<JournalChange> out;
  for (const JournalChange& c : changes)
    if (c.session == number) out.push_back(c);
  return out;
}

std::vector<JournalChange> JournalContents::changes_to_restore() const {
  std::vector<JournalChange> out;
  for (const JournalChange& c : changes)
    if (const JournalSession* s = session(c.session); s && s->state != JournalSession::State::Restored)
      out.push_back(c);
  return out;
}

namespace {

void parse_session(const LineParser& p, int number, int line_no, JournalContents& j) {
  if (j.session(number)) p.fail("session " + std::to_string(number) + " started twice");
  auto f = p.fields(2, {"pid", "boot", "time", "root"});
  JournalSession s;
  s.number = number;
  auto pid = parse_int(f["pid"]);
  if (!pid || *pid <= 0 || *pid > std::numeric_limits<int>::max()) p.fail("bad pid '" + printable(f["pid"]) + "'");
  s.pid = static_cast<int>(*pid);
  s.boot_id = f["boot"];
  s.time = f["time"];
  s.root = f["root"];
  if (s.root.empty()) p.fail("empty root");
  if (!s.root.is_absolute()) p.fail("root '" + printable(f["root"]) + "' is not an absolute path");
  s.line = line_no;
  j.sessions.push_back(s);
}

JournalChange parse_setting(const LineParser& p, const std::string& kind, int number) {
  const bool irq = kind == "irq";
  JournalChange c;
  c.kind = irq ? JournalChange::Kind::Irq : JournalChange::Kind::Cpu;
  c.session = number;
  c.id = p.number(2, irq ? "irq number" : "CPU number");
  auto f = irq ? p.fields(3, {"name", "from", "to"}) : p.fields(3, {"from", "to"});
  c.name = f["name"];
  c.from = f["from"];
  c.to = f["to"];
  if (irq && (!is_cpu_list(c.from) || !is_cpu_list(c.to)))
    p.fail("irq " + std::to_string(c.id) + ": from/to must be CPU lists");
  if (!irq && ((c.from != "0" && c.from != "1") || (c.to != "0" && c.to != "1")))
    p.fail("cpu " + std::to_string(c.id) + ": from/to must be 0 or 1");
  return c;
}

// Restore starts again what a service line names: only what irqlab itself
// stops (restore_journal checks that the service control manages the root).
JournalChange parse_service(const LineParser& p, const JournalSession& s) {
  if (p.word(2) != "stop") p.fail("unknown service action '" + printable(p.word(2)) + "'");
  auto f = p.fields(3, {"unit"});
  if (f["unit"] != kIrqbalanceUnit)
    p.fail("service '" + printable(f["unit"]) + "' is not one irqlab stops (only " + kIrqbalanceUnit + ")");
  JournalChange c;
  c.kind = JournalChange::Kind::Service;
  c.session = s.number;
  c.name = f["unit"];
  return c;
}

void parse_end(const LineParser& p, const std::string& kind, JournalSession& s) {
  if (p.size() != 2) p.fail("extra fields after '" + kind + " " + std::to_string(s.number) + "'");
  // A kept session may be restored later by another run or `irqlab restore`.
  if (s.state == JournalSession::State::Restored) p.fail("session " + std::to_string(s.number) + " ended twice");
  s.state = kind == "restored" ? JournalSession::State::Restored : JournalSession::State::Kept;
}

void parse_record(const std::string& line, int line_no, const std::string& where, JournalContents& j) {
  LineParser p(line, where);
  const std::string& kind = p.word(0);
  const int number = p.number(1, "session number");
  if (kind == "session") return parse_session(p, number, line_no, j);
  JournalSession* s = j.session(number);
  if (!s) p.fail("session " + std::to_string(number) + " was never started");
  if (kind == "restored" || kind == "kept") return parse_end(p, kind, *s);
  if (kind != "irq" && kind != "cpu" && kind != "service") p.fail("unknown record '" + printable(kind) + "'");
  if (s->state != JournalSession::State::Open) p.fail("change after the end of session " + std::to_string(number));
  JournalChange c = kind == "service" ? parse_service(p, *s) : parse_setting(p, kind, number);
  c.line = line_no;
  j.changes.push_back(c);
}

}  // namespace

JournalContents parse_journal(std::string_view text, const std::string& file) {
  JournalContents j;
  if (text.empty()) return j;  // created, then a crash before the header reached the disk
  std::vector<std::string> lines = split(text, '\n');
  // split leaves "" after a final newline; anything else there was torn.
  std::string tail = lines.back();
  lines.pop_back();
  if (!tail.empty()) j.torn_line = static_cast<int>(lines.size()) + 1;

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const int line_no = static_cast<int>(i) + 1;
    const std::string where = "corrupt journal " + file + ":" + std::to_string(line_no) + ": ";
    if (!lines[i].empty() && lines[i].back() == '\r')
      throw Error(where + "line ends with a carriage return (CRLF): irqlab writes LF line ends only");
    if (i == 0 && lines[0] != journal_header_line())
      throw Error(where + "expected '" + journal_header_line() + "', got '" + printable(lines[0].substr(0, 60)) + "'");
    if (i == 0) continue;
    if (lines[i].empty()) throw Error(where + "empty line");
    parse_record(lines[i], line_no, where, j);
  }
  return j;
}

}  // namespace irqlab
