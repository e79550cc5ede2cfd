#include "trace_cmd_record_process.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/system_file.h"

namespace irqlab {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

TraceCmdRecordProcess::TraceCmdRecordProcess(const fs::path& trace_cmd, const fs::path& tracefs, const std::string& instance,
                                             const std::vector<Tracepoint>& events, const fs::path& data,
                                             const fs::path& log)
    : log_(log), tracing_on_(tracefs / "instances" / instance / "tracing_on") {
  // -B: an instance of its own, made and removed by trace-cmd; -C mono: the
  // clock of perf's records, fio's logs and the injector's stamps.
  argv_ = {trace_cmd.string(), "record", "-B", instance, "-C", "mono"};
  append_event_args(argv_, events, "-f");
  argv_.push_back("-o");
  argv_.push_back(data.string());
  ProcessOptions po;
  po.log_file = log;
  process_ = std::make_unique<BackgroundProcess>(argv_, po);
  // Ready once the instance's events are on: its ring buffer records from
  // then on, and trace-cmd's recorders take it from the first page. (Its
  // "Hit Ctrl^C" line sits in a stdout buffer until it exits.)
  for (const Tracepoint& e : events) enables_.push_back(tracefs_event_dir(tracing_on_.parent_path(), e.name) / "enable");
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  for (;;) {
    bool ready = true;
    for (const fs::path& enable : enables_) {
      try {
        ready = ready && trim(read_optional_input_file(enable, "tracefs file", kSystemFileLimit).value_or("")) == "1";
      } catch (const Error&) {
        ready = false;  // trace-cmd is still making the instance
      }
    }
    if (ready) break;
    if (!process_->running())
      throw Error("trace-cmd record failed to start: " + last_log_line(log_),
                  "command: " + shell_join(argv_) + "\nlog: " + log_.string());
    if (std::chrono::steady_clock::now() > deadline) throw Error("trace-cmd record did not start within 60 s");
    throw_if_interrupted();
    std::this_thread::sleep_for(20ms);
  }
}

TraceCmdRecordProcess::~TraceCmdRecordProcess() {
  if (process_) {
    process_->signal(SIGINT);
    try {
      process_->wait(std::chrono::seconds(10));
    } catch (const Interrupted&) {
      // unwinding already; the instance goes below either way
    }
    process_.reset();
  }
  remove_instance();
}

void TraceCmdRecordProcess::remove_instance() {
  // trace-cmd removes the instance it made when it exits in order; killed,
  // it leaves it behind with its events enabled.
  const fs::path dir = tracing_on_.parent_path();
  std::error_code ec;
  if (!fs::exists(dir, ec)) return;
  write_knob(tracing_on_, "0");
  rmdir(dir.c_str());
}

void TraceCmdRecordProcess::buffer(bool on) {
  if (!write_knob(tracing_on_, on ? "1" : "0")) throw Error("cannot write " + tracing_on_.string());
}

void TraceCmdRecordProcess::events(bool on) {
  // Off: the buffer first, so nothing half-switched is recorded; on: the buffer last.
  if (!on) buffer(false);
  for (const fs::path& enable : enables_)
    if (!write_knob(enable, on ? "1" : "0")) throw Error("cannot write " + enable.string());
  if (on) buffer(true);
}

ProcessResult TraceCmdRecordProcess::stop() {
  process_->signal(SIGINT);
  ProcessResult r = process_->wait(std::chrono::minutes(5));
  process_.reset();
  remove_instance();
  return r;
}

}  // namespace irqlab
