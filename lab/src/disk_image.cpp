#include "irqlab/lab/disk_image.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

namespace irqlab {

std::filesystem::path nvme_image_path(const std::filesystem::path& disk_dir, const NvmeSpec& controller) {
  return disk_dir / ("nvme" + std::to_string(controller.index) + "-" + format_size(controller.size_bytes) + ".img");
}

void ensure_nvme_image(const std::filesystem::path& image, std::uintmax_t size_bytes) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(image, ec) && std::filesystem::file_size(image, ec) == size_bytes) return;
  std::filesystem::create_directories(image.parent_path(), ec);
  {
    std::ofstream create(image, std::ios::binary | std::ios::trunc);
    if (!create) throw Error("cannot create disk image " + image.string() + ": " + std::strerror(errno));
  }
  // resize_file extends with a hole: the image takes no space until written.
  std::filesystem::resize_file(image, size_bytes, ec);
  if (ec) throw Error("cannot size disk image " + image.string() + ": " + ec.message());
}

void check_direct_io(const std::filesystem::path& dir) {
  std::filesystem::path probe = dir / ".irqlab-direct-io-probe";
  int fd = open(probe.c_str(), O_RDWR | O_CREAT | O_DIRECT | O_CLOEXEC, 0600);
  int err = errno;
  if (fd >= 0) close(fd);
  std::error_code ec;
  std::filesystem::remove(probe, ec);
  if (fd < 0)
    throw Error("disk directory " + dir.string() + " does not support O_DIRECT (" + std::strerror(err) +
                "), which the NVMe images need (cache=none): use a directory on a disk filesystem, not tmpfs");
}

}  // namespace irqlab
