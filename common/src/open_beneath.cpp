#include "irqlab/common/open_beneath.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "irqlab/common/unique_fd.h"

namespace irqlab {
namespace {

// Components of rel, or an empty list for one that names no file below root.
std::vector<std::string> components(std::string_view rel) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= rel.size()) {
    std::size_t end = rel.find('/', start);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view part = rel.substr(start, end - start);
    if (part == "." || part == "..") return {};
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

// O_DIRECTORY fails with ENOTDIR before O_NOFOLLOW can say ELOOP: tell a
// symlink (ELOOP) from a file in the way (ENOTDIR).
int not_a_directory_why(int dir, const std::string& name) {
  struct stat st {};
  if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) return ELOOP;
  return ENOTDIR;
}

}  // namespace

int open_beneath(const std::filesystem::path& root, std::string_view rel, int flags) {
  const std::vector<std::string> parts = components(rel);
  if (parts.empty()) return -EINVAL;
  UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return -errno;
  for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
    const int next = ::openat(dir.get(), parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) return errno == ENOTDIR ? -not_a_directory_why(dir.get(), parts[i]) : -errno;
    dir.reset(next);
  }
  UniqueFd file(::openat(dir.get(), parts.back().c_str(), flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
  if (file.get() < 0) return -errno;
  struct stat st {};
  if (::fstat(file.get(), &st) != 0) return -errno;
  if (!S_ISREG(st.st_mode)) return S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
  return file.release();
}

}  // namespace irqlab
