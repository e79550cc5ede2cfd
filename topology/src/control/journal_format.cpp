// Text of the journal: records to lines and back (format in journal.h).
#include <cstdio>
#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"
#include "irqlab/control/journal.h"

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
    if (i >= words_.size()) fail("record '" + words_[0] + "' is cut short");
    return words_[i];
  }
  int number(std::size_t i, const char* what) const {
    auto v = parse_int(word(i));
    if (!v || *v < 0 || *v > 1 << 30) fail(std::string("bad ") + what + " '" + word(i) + "'");
    return static_cast<int>(*v);
  }
  // key=value fields from position `from` on; each key exactly once.
  std::map<std::string, std::string> fields(std::size_t from, std::initializer_list<const char*> keys) const {
    std::map<std::string, std::string> out;
    for (std::size_t i = from; i < words_.size(); ++i) {
      auto eq = words_[i].find('=');
      if (eq == std::string::npos) fail("expected key=value, got '" + words_[i] + "'");
      auto value = decode(std::string_view(words_[i]).substr(eq + 1));
      if (!value) fail("bad escape in '" + words_[i] + "'");
      out[words_[i].substr(0, eq)] = *value;
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
    if (i == 0) {
      if (lines[0] != journal_header_line())
        throw Error(where + "expected '" + journal_header_line() + "', got '" + lines[0].substr(0, 60) + "'");
      continue;
    }
    if (lines[i].empty()) throw Error(where + "empty line");
    LineParser p(lines[i], where);
    const std::string& kind = p.word(0);
    const int number = p.number(1, "session number");
    JournalSession* s = j.session(number);
    if (kind != "session" && !s) p.fail("session " + std::to_string(number) + " was never started");
    if (kind == "session") {
      if (s) p.fail("session " + std::to_string(number) + " started twice");
      auto f = p.fields(2, {"pid", "boot", "time", "root"});
      JournalSession ns;
      ns.number = number;
      auto pid = parse_int(f["pid"]);
      if (!pid) p.fail("bad pid '" + f["pid"] + "'");
      ns.pid = static_cast<int>(*pid);
      ns.boot_id = f["boot"];
      ns.time = f["time"];
      ns.root = f["root"];
      if (ns.root.empty()) p.fail("empty root");
      ns.line = line_no;
      j.sessions.push_back(ns);
    } else if (kind == "irq" || kind == "cpu") {
      if (s->state != JournalSession::State::Open) p.fail("change after the end of session " + std::to_string(number));
      JournalChange c;
      c.kind = kind == "irq" ? JournalChange::Kind::Irq : JournalChange::Kind::Cpu;
      c.session = number;
      c.id = p.number(2, kind == "irq" ? "irq number" : "CPU number");
      auto f = kind == "irq" ? p.fields(3, {"name", "from", "to"}) : p.fields(3, {"from", "to"});
      c.name = f["name"];
      c.from = f["from"];
      c.to = f["to"];
      if (kind == "irq" && (!is_cpu_list(c.from) || !is_cpu_list(c.to)))
        p.fail("irq " + std::to_string(c.id) + ": from/to must be CPU lists");
      if (kind == "cpu" && ((c.from != "0" && c.from != "1") || (c.to != "0" && c.to != "1")))
        p.fail("cpu " + std::to_string(c.id) + ": from/to must be 0 or 1");
      c.line = line_no;
      j.changes.push_back(c);
    } else if (kind == "service") {
      if (s->state != JournalSession::State::Open) p.fail("change after the end of session " + std::to_string(number));
      if (p.word(2) != "stop") p.fail("unknown service action '" + p.word(2) + "'");
      auto f = p.fields(3, {"unit"});
      JournalChange c;
      c.kind = JournalChange::Kind::Service;
      c.session = number;
      c.name = f["unit"];
      c.line = line_no;
      j.changes.push_back(c);
    } else if (kind == "restored" || kind == "kept") {
      if (p.size() != 2) p.fail("extra fields after '" + kind + " " + std::to_string(number) + "'");
      // A kept session may be restored later by another run or `irqlab restore`.
      if (s->state == JournalSession::State::Restored) p.fail("session " + std::to_string(number) + " ended twice");
      s->state = kind == "restored" ? JournalSession::State::Restored : JournalSession::State::Kept;
    } else {
      p.fail("unknown record '" + kind + "'");
    }
  }
  return j;
}

}  // namespace irqlab
