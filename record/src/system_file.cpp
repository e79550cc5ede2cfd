#include "irqlab/record/system_file.h"

#include <fstream>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"

namespace irqlab {
namespace fs = std::filesystem;

std::string read_or_empty(const fs::path& file, std::uint64_t max_bytes) {
  try {
    return read_optional_input_file(file, "file", max_bytes, Absence::MissingOrUnreadable).value_or("");
  } catch (const Error&) {
    return "";
  }
}

bool write_knob(const fs::path& file, std::string_view value) {
  std::ofstream out(file);
  out << value << "\n";
  out.flush();
  return static_cast<bool>(out);
}

fs::path tracefs_root() {
  for (const char* dir : {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"})
    if (fs::exists(fs::path(dir) / "events")) return dir;
  return {};
}

fs::path tracefs_event_dir(const fs::path& tracing_dir, std::string_view event) {
  const auto colon = event.find(':');
  if (colon == std::string_view::npos) return {};
  return tracing_dir / "events" / event.substr(0, colon) / event.substr(colon + 1);
}

}  // namespace irqlab
