#pragma once
// A report built by build_report() from the run directories recorded in lab
// guests (record/tests/fixtures/run-strict, run-override: one boot each),
// with what the main job adds to it.
#include <string>

#include "irqlab/results/report.h"

namespace irqlab::test {

inline Report fixture_report() {
  const std::string dir = IRQLAB_RECORD_FIXTURES_DIR;
  Report r = build_report(
      {{dir + "/run-strict", "", ManagedMode::Strict, 1}, {dir + "/run-override", "", ManagedMode::Override, 2}});
  ComparisonInfo& i = r.comparison.info;
  i.series_hash = std::string(64, 'a');
  i.patches = "13 patches";
  i.topology = "preset default: 4 CPUs on 2 nodes, 1 NVMe controller";
  i.where = "virtual lab (QEMU TCG)";
  i.order_seed = 7;
  return r;
}

}  // namespace irqlab::test
