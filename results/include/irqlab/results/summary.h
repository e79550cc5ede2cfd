#pragma once
// The one-screen report of a quick run, and the same facts as JSON.
#include <string>

#include <nlohmann/json.hpp>

#include "irqlab/bench/fio.h"
#include "irqlab/bench/quick_load.h"

namespace irqlab {

struct RunInfo {
  std::string kernel_version;           // "6.12.117"
  std::string kernel_source;            // "linux-source-6.12 6.12.117-1~deb12u1", or a tree and commit
  std::string series_hash;              // sha256 of the applied series
  std::string patches_applied_summary;  // e.g. "3 of 3 patches applied"
  std::string cmdline;                  // guest kernel command line as passed by the host
  std::string topology_summary;         // LabTopology::summary()
  std::string preset;                   // preset name
  std::string run_dir;
};

// Width of every line render_summary() prints: fits an 80-column terminal
// and still fits after two levels of "> " email quoting.
inline constexpr std::size_t kSummaryWidth = 72;

// Plain ASCII, no tabs, no trailing blanks, no line longer than kSummaryWidth
// (long values wrap with an indent), ends with a newline.
std::string render_summary(const RunInfo& info, const FioLoad& load, const QuickLoadResult& result);

// {"schema": "irqlab.quickrun/1", "run": ..., "load": ..., "guest": ..., "fio": ..., "queues": [...]}
nlohmann::json summary_json(const RunInfo& info, const FioLoad& load, const QuickLoadResult& result);

}  // namespace irqlab
