#pragma once
// The prose around the tables, shared by the text table, report.md and
// report.html: where the figures come from (provenance), how to read them
// (explanations) and what went wrong in the boots (problems).
#include <string>
#include <vector>

#include "irqlab/results/summary.h"

namespace irqlab::report_text {

struct Item {
  std::string label, value;
};

// What the comparison knows of its origin, in this order and only what it
// has: scenario ("fixture, 3 s, 1 boot per arm, seed 1"), kernel, source,
// topology, cmdline (one for all modes: irq_managed=<mode>), where, order
// (the boots as they ran), run directory.
std::vector<Item> provenance(const Comparison& c);

// Paragraphs: what a cell is, what the headline column and its marks are,
// the noise, and a warning for virtual-lab timings.
std::vector<std::string> explanations(const Comparison& c, const Summary& s);

// "override/2: nvme timeout: ...", one per kernel log problem or vector drift.
std::vector<std::string> problems(const Comparison& c);

}  // namespace irqlab::report_text
