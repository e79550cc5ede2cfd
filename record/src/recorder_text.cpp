#include "recorder_text.h"

#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/record/run_file.h"

namespace irqlab {
namespace fs = std::filesystem;

std::string tool_text(const std::string& what, const std::vector<std::string>& argv, const fs::path& data,
                      const fs::path& log) {
  ProcessResult p = run_process({"/bin/sh", "-c", shell_join(argv) + " 2>>" + shell_quote(log.string())});
  if (!p.ok()) throw Error(what + " failed on " + data.string() + " (" + p.describe() + "): " + p.last_line());
  return p.output;
}

void merge_ftrace_text(TraceLog& trace, const fs::path& dir, const std::string& name,
                       const std::vector<std::string>& events) {
  TraceLog extra = parse_run_record(dir / name, read_run_file(dir, name, kTraceTextLimit), [&](std::string_view text) {
    return parse_perf_script(ftrace_as_perf_script(text, events));
  });
  std::vector<TraceKind> kinds;
  for (const std::string& e : events) {
    if (e == "block:block_mq_hctx_drain") kinds.push_back(TraceKind::HctxDrain);
    if (e == "irq:irq_handler_entry") kinds.push_back(TraceKind::IrqHandlerEntry);
  }
  std::erase_if(trace.events, [&kinds](const TraceEvent& e) {
    return std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end();
  });
  trace.events.insert(trace.events.end(), extra.events.begin(), extra.events.end());
  trace.irq_names.insert(extra.irq_names.begin(), extra.irq_names.end());
  trace.losses.insert(trace.losses.end(), extra.losses.begin(), extra.losses.end());
  trace.lost_events += extra.lost_events;
}

}  // namespace irqlab
