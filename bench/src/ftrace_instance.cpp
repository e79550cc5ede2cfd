#include "ftrace_instance.h"

#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "irqlab/bench/trace_events.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

bool write_knob(const fs::path& file, const std::string& value) {
  std::ofstream out(file);
  out << value << "\n";
  out.flush();
  return static_cast<bool>(out);
}

}  // namespace

FtraceInstance::FtraceInstance(const fs::path& tracefs, const std::string& name, const std::vector<std::string>& events)
    : dir_(tracefs / "instances" / name) {
  std::error_code ec;
  fs::create_directory(dir_, ec);  // tracefs makes the instance's files
  if (ec || !fs::exists(dir_ / "trace_clock"))
    throw Error("cannot create the ftrace instance " + dir_.string() + ": " + (ec ? ec.message() : "no trace_clock"));
  if (!write_knob(dir_ / "trace_clock", "mono") || !write_knob(dir_ / "buffer_size_kb", "1024"))
    throw Error("cannot set up the ftrace instance " + dir_.string());
  for (const std::string& e : events) {
    const auto colon = e.find(':');
    if (colon == std::string::npos) continue;
    const fs::path enable = dir_ / "events" / e.substr(0, colon) / e.substr(colon + 1) / "enable";
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

void FtraceInstance::save(const fs::path& file) {
  write_knob(dir_ / "tracing_on", "0");
  write_file_atomic(file, read_input_file(dir_ / "trace", "ftrace buffer", kTraceTextLimit));
}

std::string ftrace_as_perf_script(std::string_view text, const std::vector<std::string>& events) {
  std::string out;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    if (parse_ftrace_loss_line(line)) {  // the parser dates it by the next event on its CPU
      out += line + "\n";
      continue;
    }
    // "          cpuhp/3-29      [003] .....     4.598112: block_mq_hctx_drain: 259,0 hctx=1 ..."
    const auto open = line.find(" [");
    const auto close = open == std::string::npos ? std::string::npos : line.find("] ", open);
    if (close == std::string::npos) continue;
    // The task is the last word before the CPU: `trace-cmd report` puts the
    // instance's name first ("irqlab-irq-77:   <idle>-0   [002] ...").
    const std::vector<std::string> before = split_whitespace(std::string_view(line).substr(0, open));
    if (before.empty()) continue;
    const std::string& task = before.back();
    const auto dash = task.rfind('-');
    if (dash == std::string::npos) continue;
    const std::string comm = task.substr(0, dash), pid = task.substr(dash + 1);
    const std::string cpu = line.substr(open + 2, close - open - 2);
    std::vector<std::string> rest = split_whitespace(std::string_view(line).substr(close + 2));
    // rest: flags (the tracefs text; trace-cmd report has none), "time:", "event:", fields...
    if (!rest.empty() && !rest[0].empty() && std::isdigit(static_cast<unsigned char>(rest[0][0])) &&
        rest[0].back() == ':')
      rest.insert(rest.begin(), "");
    if (rest.size() < 3 || rest[1].back() != ':' || rest[2].back() != ':') continue;
    const std::string name = rest[2].substr(0, rest[2].size() - 1);
    std::string qualified;
    for (const std::string& e : events)
      if (e.size() > name.size() && e.compare(e.size() - name.size(), name.size(), name) == 0 &&
          e[e.size() - name.size() - 1] == ':')
        qualified = e;
    if (qualified.empty()) continue;
    const std::size_t fields_at = line.find(rest[2], close) + rest[2].size();
    out += comm + " " + pid + "/" + pid + " [" + cpu + "] " + rest[1] + " " + qualified + ":" +
           line.substr(fields_at) + "\n";
  }
  return out;
}

}  // namespace irqlab
