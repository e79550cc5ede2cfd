#include "irqlab/lab/scratch_disks.h"

#include <unistd.h>

#include <string>

namespace irqlab {
namespace fs = std::filesystem;

ScratchDisks::ScratchDisks(const fs::path& cache_dir, const fs::path& run_dir)
    : dir_(cache_dir / "lab" / "disks" / (run_dir.filename().string() + "-" + std::to_string(getpid()))) {
  fs::create_directories(dir_);
}

ScratchDisks::~ScratchDisks() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

}  // namespace irqlab
