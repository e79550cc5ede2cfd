#pragma once
// What recorders share to turn their data into events (RecorderOps::read).
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/record/trace_events.h"

namespace irqlab {

// A recorder's tool run on one of its data files (perf script, trace-cmd
// report): its text. The tool's warnings go to log, in the run directory:
// merged into stdout they can split an event line. Throws Error naming the
// data file and the tool's last line.
std::string tool_text(const std::string& what, const std::vector<std::string>& argv,
                      const std::filesystem::path& data, const std::filesystem::path& log);

// The events of a text record in ftrace's format (ftrace.txt, trace-cmd.txt)
// replace trace's events of the same kinds; its losses join trace's.
void merge_ftrace_text(TraceLog& trace, const std::filesystem::path& dir, const std::string& name,
                       const std::vector<std::string>& events);

}  // namespace irqlab
