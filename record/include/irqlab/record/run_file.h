#pragma once
// The records of a run directory: their names, and reading them by name
// inside it. A name that comes from run.json (perf_data) may not lead
// elsewhere; every read is bounded (input_file.h: regular files only, a cap
// per kind); every error is one line naming the run directory and the file,
// never a filesystem or JSON library internal.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"

namespace irqlab {

// The files of a run directory, by name (format: scenario/scenarios/README.md).
// The runner writes them, the recorders and metrics read them.
namespace run_files {
inline constexpr const char* kScenario = "scenario";               // the scenario file as run
inline constexpr const char* kRun = "run.json";                    // irqlab.run/1: clocks, tools, exit statuses
inline constexpr const char* kEvents = "events.json";              // every injection with its timestamps
inline constexpr const char* kTopology = "topology.json";          // irqlab topology --json, before the run
inline constexpr const char* kInterruptsBefore = "interrupts.before";
inline constexpr const char* kInterruptsAfter = "interrupts.after";
inline constexpr const char* kVectorBefore = "vector-matrix.before";  // debugfs irq/domains/VECTOR
inline constexpr const char* kVectorAfter = "vector-matrix.after";    // after the restore
inline constexpr const char* kDmesgBefore = "dmesg.before";
inline constexpr const char* kDmesgAfter = "dmesg.after";
inline constexpr const char* kPerfData = "perf.data";
inline constexpr const char* kPerfLog = "perf.log";
inline constexpr const char* kPerfScript = "perf.script";          // made from perf.data by metrics
inline constexpr const char* kFtrace = "ftrace.txt";               // hotplug drains perf cannot see (ftrace, mono clock)
inline constexpr const char* kTraceCmdData = "trace-cmd.dat";   // queue interrupts (trace-cmd record, mono clock)
inline constexpr const char* kTraceCmdLog = "trace-cmd.log";
inline constexpr const char* kTraceCmdText = "trace-cmd.txt";   // made from trace-cmd.dat by metrics (trace-cmd report)
inline constexpr const char* kFioJson = "fio.json";
inline constexpr const char* kFioLog = "fio.log";                  // fio's stdout and stderr
inline constexpr const char* kFioLogPrefix = "fio";                // fio_iops.N.log, fio_clat.N.log
inline constexpr const char* kProbeWindows = "probe-windows.json";  // overhead probe: when perf was on and off
inline constexpr const char* kProbeFioJson = "probe-fio.json";      // its fio json+; probe_iops.N.log its IOPS
inline constexpr const char* kProbeLogPrefix = "probe";
inline constexpr const char* kMicrobench = "microbench.json";      // Google Benchmark JSON
}  // namespace run_files

// dir/name for a plain file name: not empty, no '/', not "." or "..", no
// NUL. Otherwise Error("<dir>/run.json: perf_data '../x' is not a file name
// in the run directory"), `field` naming where the name came from.
std::filesystem::path run_file_path(const std::filesystem::path& dir, const std::string& name,
                                    const std::string& field);

// Whether dir/name exists; false too when it cannot be looked at (a symlink
// loop, an over-long name): the read that follows says why.
bool run_file_exists(const std::filesystem::path& dir, const std::string& name);

// The file's text; Error("run record not found: <dir>/<name>"), or one of
// read_input_file's refusals.
std::string read_run_file(const std::filesystem::path& dir, const std::string& name, std::uint64_t max_bytes);
// "" when the file does not exist.
std::string read_optional_run_file(const std::filesystem::path& dir, const std::string& name,
                                   std::uint64_t max_bytes);

// The last line of a tool's log (perf.log, trace-cmd.log), for a message;
// "" when there is none or it cannot be read.
std::string last_log_line(const std::filesystem::path& log);

// Runs parse(text); an Error it throws comes back as "<file>: <what>".
template <typename Parse>
auto parse_run_record(const std::filesystem::path& file, std::string_view text, Parse&& parse) {
  try {
    return parse(text);
  } catch (const Interrupted&) {
    throw;
  } catch (const Error& e) {
    throw Error(file.string() + ": " + e.what());
  }
}

// A JSON record of the run directory, parsed ("<file>: not valid JSON: ...").
template <typename Json = nlohmann::json>
Json read_run_json(const std::filesystem::path& dir, const std::string& name) {
  const std::string text = read_run_file(dir, name, kRunJsonLimit);
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error((dir / name).string() + ": not valid JSON: " + e.what());
  }
}

}  // namespace irqlab
