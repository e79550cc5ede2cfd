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


}  // namespace irqlab::cli
