#include "irqlab/record/run_file.h"

#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

fs::path run_file_path(const fs::path& dir, const std::string& name, const std::string& field) {
  const bool plain = !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
                     name.find('\0') == std::string::npos;
  if (!plain)
    throw Error(field + " '" + printable(name) + "' is not a file name in the run directory " + dir.string());
  return dir / name;
}

bool run_file_exists(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  return fs::exists(dir / name, ec);
}

std::string read_run_file(const fs::path& dir, const std::string& name, std::uint64_t max_bytes) {
  return read_input_file(dir / name, "run record", max_bytes);
}

std::string read_optional_run_file(const fs::path& dir, const std::string& name, std::uint64_t max_bytes) {
  return read_optional_input_file(dir / name, "run record", max_bytes).value_or("");
}

std::string last_log_line(const fs::path& log) {
  try {
    const auto text = read_optional_input_file(log, "tool log", kRunLogLimit);
    return text ? std::string(trim(tail_lines(*text, 1))) : std::string();
  } catch (const Error&) {
    return "";
  }
}

}  // namespace irqlab
