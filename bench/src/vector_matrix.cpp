#include "irqlab/bench/vector_matrix.h"

#include <charconv>
#include <optional>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

// The file is the irqdomain debugfs header ("name:   VECTOR", size, mapped,
// flags) then kernel/irq/matrix.c irq_matrix_debug_show():
//   "Online bitmaps:        4"          ... four global counts
//   "System: 41: 0-19,21,50,128,..."
//   " | CPU | avl | man | mac | act | vectors"
//   "     0   193     1     1   10  32-33,48"   one row per online CPU

namespace irqlab {
namespace {

std::optional<unsigned> to_unsigned(std::string_view s) {
  unsigned v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

[[noreturn]] void not_vector(const std::string& what) { throw Error("not the VECTOR domain file: " + what); }

[[noreturn]] void not_vector(std::size_t line_no, const std::string& what) {
  not_vector("line " + std::to_string(line_no) + ": " + what);
}

}  // namespace

VectorMatrix parse_vector_matrix(std::string_view text) {
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
      not_vector(line_no, "domain '" + std::string(trim(line.substr(5))) + "'");
    if (starts_with(line, "| CPU |")) {
      in_table = saw_table = true;
      continue;
    }
    if (in_table) {
      std::vector<std::string> f = split_whitespace(line);
      if (f.size() < 5 || f.size() > 6) not_vector(line_no, "CPU row with " + std::to_string(f.size()) + " fields");
      auto cpu = to_unsigned(f[0]), avl = to_unsigned(f[1]), man = to_unsigned(f[2]), mac = to_unsigned(f[3]),
           act = to_unsigned(f[4]);
      if (!cpu || !avl || !man || !mac || !act) not_vector(line_no, "bad CPU row '" + std::string(line) + "'");
      m.cpus[static_cast<int>(*cpu)] = VectorMatrixCpu{*avl, *man, *mac, *act};
      continue;
    }
    for (Global& g : globals) {
      if (!starts_with(line, g.key)) continue;
      auto v = to_unsigned(trim(line.substr(g.key.size())));
      if (!v) not_vector(line_no, "bad count in '" + std::string(line) + "'");
      *g.value = *v;
      g.seen = true;
    }
  }
  for (const Global& g : globals)
    if (!g.seen) not_vector("no '" + std::string(g.key) + "' line");
  if (!saw_table) not_vector("no '| CPU | avl | man | mac | act' table");
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
