#include "irqlab/metrics/vector_matrix.h"

#include <optional>

#include "irqlab/common/error.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

// The file is the irqdomain debugfs header ("name:   VECTOR", size, mapped,
// flags) then kernel/irq/matrix.c irq_matrix_debug_show():
//   "Online bitmaps:        4"          ... four global counts
//   "System: 41: 0-19,21,50,128,..."
//   " | CPU | avl | man | mac | act | vectors"
//   "     0   193     1     1   10  32-33,48"   one row per online CPU

namespace irqlab {
namespace {

// "FILE:LINE: not the VECTOR domain file: what"; line_no 0 is the whole file.
// Without a source (a test's text), "not the VECTOR domain file: line N: what".
[[noreturn]] void not_vector(const std::string& source, std::size_t line_no, const std::string& what) {
  const std::string line = line_no ? std::to_string(line_no) : std::string();
  if (source.empty()) throw Error("not the VECTOR domain file: " + (line.empty() ? "" : "line " + line + ": ") + what);
  throw Error(source + (line.empty() ? "" : ":" + line) + ": not the VECTOR domain file: " + what);
}

}  // namespace

VectorMatrix parse_vector_matrix(std::string_view text, const std::string& source) {
  VectorMatrix m;
  struct Global {
    std::string_view key;
    unsigned* value;
    bool seen = false;
  } globals[] = {{"Online bitmaps:", &m.online_maps},
                 {"Global available:", &m.global_available},
                 {"Global reserved:", &m.global_reserved},
                 {"Total allocated:", &m.total_allocated}};
  bool in_table = false, saw_table = false;
  std::size_t line_no = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++line_no;
    std::string_view line = trim(raw);
    if (line.empty()) continue;
    if (starts_with(line, "name:") && trim(line.substr(5)) != "VECTOR")
      not_vector(source, line_no, "domain '" + std::string(trim(line.substr(5))) + "'");
    if (starts_with(line, "| CPU |")) {
      in_table = saw_table = true;
      continue;
    }
    if (in_table) {
      std::vector<std::string> f = split_whitespace(line);
      if (f.size() < 5 || f.size() > 6)
        not_vector(source, line_no, "CPU row with " + std::to_string(f.size()) + " fields");
      const auto cpu = parse_number_in<int>(f[0], 0, kMaxCpuId);
      const auto avl = parse_number<unsigned>(f[1]), man = parse_number<unsigned>(f[2]),
                 mac = parse_number<unsigned>(f[3]), act = parse_number<unsigned>(f[4]);
      if (!cpu || !avl || !man || !mac || !act) not_vector(source, line_no, "bad CPU row '" + std::string(line) + "'");
      m.cpus[*cpu] = VectorMatrixCpu{*avl, *man, *mac, *act};
      continue;
    }
    for (Global& g : globals) {
      if (!starts_with(line, g.key)) continue;
      auto v = parse_number<unsigned>(trim(line.substr(g.key.size())));
      if (!v) not_vector(source, line_no, "bad count in '" + std::string(line) + "'");
      *g.value = *v;
      g.seen = true;
    }
  }
  for (const Global& g : globals)
    if (!g.seen) not_vector(source, 0, "no '" + std::string(g.key) + "' line");
  if (!saw_table) not_vector(source, 0, "no '| CPU | avl | man | mac | act' table");
  return m;
}

// The managed reservation is the global reserved count and each CPU's man
// (reserved) and mac (reserved and allocated) columns.
std::vector<std::string> managed_reservation_drift(const VectorMatrix& before, const VectorMatrix& after) {
  std::vector<std::string> drift;
  auto compare = [&](const std::string& what, unsigned a, unsigned b) {
    if (a != b) drift.push_back(what + " " + std::to_string(a) + " -> " + std::to_string(b));
  };
  compare("Global reserved", before.global_reserved, after.global_reserved);
  for (const auto& [cpu, b] : before.cpus) {
    auto it = after.cpus.find(cpu);
    if (it == after.cpus.end()) continue;
    compare("CPU " + std::to_string(cpu) + " man", b.managed, it->second.managed);
    compare("CPU " + std::to_string(cpu) + " mac", b.managed_allocated, it->second.managed_allocated);
  }
  return drift;
}

}  // namespace irqlab
