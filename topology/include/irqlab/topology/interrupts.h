#pragma once
// /proc/interrupts as the kernel prints it. Only online CPUs have a column,
// so the header's CPU numbers are kept with the table.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct InterruptLine {
  std::string irq;                      // "24", or "NMI", "LOC", ... for arch rows
  std::vector<std::uint64_t> per_cpu;   // one count per column of the header
  std::string chip;                     // e.g. "PCI-MSIX-0000:81:00.0  1-edge"; empty for arch rows
  std::string name;                     // action name, e.g. "nvme0q1"; description for arch rows
};

struct InterruptTable {
  std::vector<int> cpus;                // CPU number of each column
  std::vector<InterruptLine> lines;

  const InterruptLine* find_by_name(std::string_view name) const;
  const InterruptLine* find_by_irq(std::string_view irq) const;
};

// Throws Error on text that is not /proc/interrupts.
InterruptTable parse_proc_interrupts(std::string_view text);

}  // namespace irqlab
