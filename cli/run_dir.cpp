#include "run_dir.h"

#include <ctime>

#include "irqlab/common/error.h"

namespace irqlab::cli {
namespace fs = std::filesystem;

fs::path new_run_dir(const fs::path& parent, const std::string& label) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
  fs::create_directories(parent);
  for (int n = 0; n < 100; ++n) {
    fs::path dir = parent / (std::string(stamp) + "-" + label + (n ? "-" + std::to_string(n) : ""));
    if (fs::create_directory(dir)) return dir;
  }
  throw Error("cannot create a run directory under " + parent.string());
}

std::string join_command(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    bool plain = !w.empty() && w.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
                                                   "_-./=:,+@%") == std::string::npos;
    if (plain) {
      out += w;
      continue;
    }
    out += '\'';
    for (char c : w) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

}  // namespace irqlab::cli
