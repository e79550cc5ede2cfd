#pragma once
// A directory of one test's own under the temp dir, for the files it writes.
#include <filesystem>
#include <string>

namespace irqlab {

// <tmp>/irqlab-<tag>-<pid>: emptied at construction (a crashed earlier run
// may have left it), removed on destruction. The pid keeps the test
// processes ctest runs side by side apart.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag);
  ~ScratchDir();  // never throws: a test's cleanup must not end it
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path_ / rel; }
  // Writes text to path()/rel (creating parent directories); returns that path.
  std::filesystem::path write(const std::filesystem::path& rel, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

}  // namespace irqlab
