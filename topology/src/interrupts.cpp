#include "irqlab/topology/interrupts.h"

#include <cctype>

#include "irqlab/common/error.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"

// Row layout printed by kernel/irq/proc.c show_interrupts():
//   " 24:      0      12  PCI-MSIX-0000:81:00.0   1-edge      nvme0q1"
//   label, one count per online CPU, chip name, hwirq with the flow handler
//   name appended ("1-edge", "-edge" without a domain, "27" without a handler
//   name), "Level"/"Edge" on GENERIC_IRQ_SHOW_LEVEL architectures, then the
//   action names ("i8042", "PCIe PME", "a, b" when shared).
// Arch rows ("LOC:", "NMI:") carry counts and a description; ERR and MIS
// carry one system-wide count and nothing else.

namespace irqlab {
namespace {

bool is_count(std::string_view token) {
  if (token.empty()) return false;
  for (char c : token)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "1-edge", "-edge", "27": the hwirq number with the handler name, either part may be absent.
bool is_hwirq_token(std::string_view token) {
  std::size_t i = 0;
  while (i < token.size() && std::isdigit(static_cast<unsigned char>(token[i]))) ++i;
  if (i == token.size()) return i > 0;
  return token[i] == '-' && i + 1 < token.size();
}

// Splits off the next whitespace-separated token; rest keeps its original spacing.
std::string_view next_token(std::string_view& rest) {
  rest = trim(rest);
  std::size_t end = rest.find_first_of(" \t");
  std::string_view token = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end);
  return token;
}

std::vector<int> parse_header(std::string_view line) {
  std::vector<int> cpus;
  for (const std::string& token : split_whitespace(line)) {
    auto n = starts_with(token, "CPU") ? parse_number_in<int>(std::string_view(token).substr(3), 0, kMaxCpuId)
                                       : std::nullopt;
    if (!n)
      throw Error("not /proc/interrupts: header token '" + token + "' is not CPU<n> (n up to " +
                  std::to_string(kMaxCpuId) + ")");
    cpus.push_back(*n);
  }
  if (cpus.empty()) throw Error("not /proc/interrupts: the header names no CPU");
  return cpus;
}

InterruptLine parse_row(std::string_view line, std::size_t columns, std::size_t line_no) {
  const std::string where = "/proc/interrupts line " + std::to_string(line_no) + ": ";
  std::size_t colon = line.find(':');
  InterruptLine row;
  row.irq = std::string(trim(line.substr(0, colon)));
  if (colon == std::string_view::npos || row.irq.empty() ||
      row.irq.find_first_of(" \t") != std::string::npos)
    throw Error(where + "no '<irq>:' label");
  const bool device = is_count(row.irq);

  std::string_view rest = line.substr(colon + 1);
  while (row.per_cpu.size() < columns) {
    std::string_view probe = rest;
    std::string_view token = next_token(probe);
    if (!is_count(token)) break;
    auto value = parse_number<std::uint64_t>(token);
    if (!value) throw Error(where + "count '" + std::string(token) + "' out of range");
    row.per_cpu.push_back(*value);
    rest = probe;
  }
  rest = trim(rest);
  if (row.per_cpu.size() != columns) {
    // ERR and MIS print a single system-wide count; it is kept as the only entry.
    bool single_total = !device && row.per_cpu.size() == 1 && rest.empty();
    if (!single_total)
      throw Error(where + "irq " + row.irq + " has " + std::to_string(row.per_cpu.size()) +
                  " counts for " + std::to_string(columns) + " CPU columns");
    return row;
  }
  if (!device) {
    row.name = std::string(rest);
    return row;
  }

  // Chip: its name, then the hwirq-and-trigger token and any "Level"/"Edge"
  // token, joined with two spaces so that the text does not depend on the
  // padding width (which grows with nr_irqs).
  std::string_view chip_name = next_token(rest);
  if (chip_name.empty()) throw Error(where + "irq " + row.irq + " has no chip");
  row.chip = std::string(chip_name);
  std::string_view probe = rest;
  std::string_view token = next_token(probe);
  if (is_hwirq_token(token)) {
    row.chip += "  " + std::string(token);
    rest = probe;
    probe = rest;
    token = next_token(probe);
  }
  if (token == "Level" || token == "Edge") {
    row.chip += " " + std::string(token);
    rest = probe;
  }
  row.name = std::string(trim(rest));
  return row;
}

}  // namespace

const InterruptLine* InterruptTable::find_by_name(std::string_view name) const {
  for (const InterruptLine& line : lines) {
    if (line.chip.empty()) continue;  // arch rows hold descriptions, not action names
    if (line.name == name) return &line;
    // A shared line lists its actions as "a, b".
    for (const std::string& action : split(line.name, ','))
      if (trim(action) == name) return &line;
  }
  return nullptr;
}

const InterruptLine* InterruptTable::find_by_irq(std::string_view irq) const {
  for (const InterruptLine& line : lines)
    if (line.irq == irq) return &line;
  return nullptr;
}

InterruptTable parse_proc_interrupts(std::string_view text) {
  InterruptTable table;
  std::vector<std::string> rows = split(text, '\n');
  std::size_t i = 0;
  while (i < rows.size() && trim(rows[i]).empty()) ++i;
  if (i == rows.size()) throw Error("not /proc/interrupts: empty text");
  table.cpus = parse_header(rows[i]);
  for (++i; i < rows.size(); ++i) {
    if (trim(rows[i]).empty()) continue;
    table.lines.push_back(parse_row(rows[i], table.cpus.size(), i + 1));
  }
  return table;
}

}  // namespace irqlab
