#pragma once
// The records of a run directory, read by name inside it. A name that comes
// from run.json (perf_data) may not lead elsewhere; every read is bounded
// (input_file.h: regular files only, a cap per kind); every error is one
// line naming the run directory and the file, never a filesystem or JSON
// library internal.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"

namespace irqlab {

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
