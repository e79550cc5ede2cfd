#include "irqlab/control/system_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "irqlab/common/open_beneath.h"

namespace irqlab {

WriteResult KernelFileWriter::write(const std::filesystem::path& root, std::string_view abs, std::string_view value) {
  const int fd = open_beneath(root, abs, O_WRONLY);
  if (fd < 0) return {-fd, true};
  // Kernel attribute files take the whole value in one write(2).
  ssize_t n;
  do {
    n = ::write(fd, value.data(), value.size());
  } while (n < 0 && errno == EINTR);
  WriteResult r;
  if (n < 0) r.error = errno;
  if (::close(fd) != 0 && r.error == 0 && errno != EINTR) r.error = errno;
  return r;
}

const char* errno_name(int error) {
  const char* name = strerrorname_np(error);
  return name ? name : "E?";
}

const char* symlink_hint(int error) {
  return error == ELOOP ? " (a symlink on the way: irqlab never writes through one)" : "";
}

}  // namespace irqlab
