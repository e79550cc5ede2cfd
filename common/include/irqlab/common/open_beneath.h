#pragma once
// Opening a file strictly beneath a root directory. irqlab writes kernel
// files of a root it may have been handed (a journal names it): a symlink
// anywhere below the root must not carry a write outside it.
#include <filesystem>
#include <string_view>

namespace irqlab {

// Opens root/rel with `flags` (O_WRONLY, ...), walking from root one
// component at a time with openat(O_NOFOLLOW), the file included: a symlink
// at any level fails with ELOOP. The root itself is opened as given. `rel`
// is a path below root ("proc/irq/5/smp_affinity_list", a leading '/' is
// ignored); "." and ".." components fail with EINVAL. The file must be a
// regular file (sysfs and procfs attributes are): anything else fails with
// EINVAL (a directory with EISDIR). Opened O_NONBLOCK, so a FIFO never
// blocks. Returns the descriptor, or -errno.
int open_beneath(const std::filesystem::path& root, std::string_view rel, int flags);

}  // namespace irqlab
