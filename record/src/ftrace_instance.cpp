#include "ftrace_instance.h"

#include <unistd.h>

#include <cerrno>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/record/system_file.h"

namespace irqlab {
namespace fs = std::filesystem;

FtraceInstance::FtraceInstance(const fs::path& tracefs, const std::string& name, const std::vector<std::string>& events)
    : dir_(tracefs / "instances" / name) {
  std::error_code ec;
  fs::create_directory(dir_, ec);  // tracefs makes the instance's files
  if (ec || !fs::exists(dir_ / "trace_clock"))
    throw Error("cannot create the ftrace instance " + dir_.string() + ": " + (ec ? ec.message() : "no trace_clock"));
  if (!write_knob(dir_ / "trace_clock", "mono") || !write_knob(dir_ / "buffer_size_kb", "1024"))
    throw Error("cannot set up the ftrace instance " + dir_.string());
  for (const std::string& e : events) {
    const fs::path event_dir = tracefs_event_dir(dir_, e);
    if (event_dir.empty()) continue;
    const fs::path enable = event_dir / "enable";
    if (fs::exists(enable) && write_knob(enable, "1")) events_.push_back(e);
  }
  write_knob(dir_ / "tracing_on", "1");
}

FtraceInstance::~FtraceInstance() {
  write_knob(dir_ / "tracing_on", "0");
  // rmdir on tracefs removes the whole instance (its files are not real files).
  if (rmdir(dir_.c_str()) != 0 && errno != ENOENT) {
    // Still in use by a reader: nothing else to do; it holds no system state.
  }
}

void FtraceInstance::tracing(bool on) { write_knob(dir_ / "tracing_on", on ? "1" : "0"); }

void FtraceInstance::save(const fs::path& file) {
  tracing(false);
  write_file_atomic(file, read_input_file(dir_ / "trace", "ftrace buffer", kTraceTextLimit));
}

}  // namespace irqlab
