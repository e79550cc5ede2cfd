#include "irqlab/testing/scratch_dir.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace irqlab {
namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& tag)
    : path_(fs::temp_directory_path() / ("irqlab-" + tag + "-" + std::to_string(::getpid()))) {
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path ScratchDir::write(const fs::path& rel, const std::string& text) const {
  const fs::path file = path_ / rel;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  // Not irqlab::Error: error_of() would take a broken setup for the refusal under test.
  if (!out.flush()) throw std::runtime_error("cannot write " + file.string());
  return file;
}

}  // namespace irqlab
