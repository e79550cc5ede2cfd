#pragma once
// Applying a layout plan: each planned interrupt is written through the
// control session (journaled, verified); the report says, per interrupt,
// whether it moved, was already there, or why the kernel refused it.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "irqlab/control/control_session.h"
#include "irqlab/layout/layout.h"

namespace irqlab {

inline constexpr const char* kLayoutReportJsonSchema = "irqlab-layout-report";
inline constexpr int kLayoutReportJsonVersion = 1;

struct LayoutReport {
  LayoutPlan plan;
  std::vector<IrqMove> moves;  // one per planned interrupt, in plan order

  int count(IrqMove::Status status) const;
  // "4 interrupts: 0 moved, 4 refused by the kernel: managed interrupt (EPERM)"
  std::string summary() const;
};

LayoutReport apply_layout(ControlSession& session, const LayoutPlan& plan);

nlohmann::ordered_json layout_report_json(const LayoutReport& report);
std::string layout_report_table(const LayoutReport& report);

}  // namespace irqlab
