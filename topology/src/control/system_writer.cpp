#include "irqlab/control/system_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace irqlab {

WriteResult KernelFileWriter::write(const std::filesystem::path& path, std::string_view value) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return {errno, true};
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

}  // namespace irqlab
