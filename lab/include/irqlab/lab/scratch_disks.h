#pragma once
// The NVMe backing images of one guest, removed when the run ends: QEMU
// locks an image, so two guests must never share one, and no data of an
// earlier run passes into the next. Sparse, so creating them costs nothing.
#include <filesystem>

namespace irqlab {

class ScratchDisks {
 public:
  ScratchDisks(const std::filesystem::path& cache_dir, const std::filesystem::path& run_dir);
  ~ScratchDisks();
  ScratchDisks(const ScratchDisks&) = delete;
  ScratchDisks& operator=(const ScratchDisks&) = delete;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace irqlab
