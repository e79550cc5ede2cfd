#pragma once
#include <string>
#include <vector>

namespace irqlab {

// A tracepoint to record ("sys:name"), with a kernel filter expression when
// only some of its events matter ("irq>=29 && irq<=32"): the filter drops the
// others before they reach a ring buffer.
struct Tracepoint {
  std::string name;
  std::string filter;
};

// "-e name [filter_flag filter]" per tracepoint, as perf record (--filter)
// and trace-cmd record (-f) both take them.
inline void append_event_args(std::vector<std::string>& argv, const std::vector<Tracepoint>& events,
                              const std::string& filter_flag) {
  for (const Tracepoint& e : events) {
    argv.push_back("-e");
    argv.push_back(e.name);
    if (!e.filter.empty()) {
      argv.push_back(filter_flag);
      argv.push_back(e.filter);
    }
  }
}

}  // namespace irqlab
