#pragma once
// Device safety: irqlab runs loads on machines people care about, so a
// namespace that holds a mounted filesystem, a partition in use, swap or a
// holder (dm, md) is refused unless explicitly allowed, and writes go only to
// devices explicitly marked as scratch.
#include <string>
#include <string_view>
#include <vector>

#include "irqlab/topology/machine.h"
#include "irqlab/topology/sysroot.h"

namespace irqlab {

// Why the namespace is in use, one phrase each ("mounted on /boot (nvme0n1p1,
// ext4)", "swap (nvme0n1p2)", "held by dm-0", "partition nvme0n1p1 held by
// md0"); empty when it is free. Reads /proc/self/mountinfo, /proc/swaps and
// the holders directories under the root. Fails closed: a table that is
// missing, empty or garbled is a use too ("cannot tell whether it is swap
// (ROOT/proc/swaps is missing or empty)"), so the device is refused.
std::vector<std::string> namespace_uses(const SysRoot& sys, const NvmeNamespace& ns);

struct DeviceSafetyOptions {
  bool write = false;                // the workload writes to the device
  bool allow_in_use = false;         // read from an in-use namespace anyway (never write)
  std::vector<std::string> scratch;  // devices marked scratch: nvme0n1, /dev/nvme0n1, or a controller serial
};

// The namespace a workload may use, or Error with one line saying why not:
//   "no NVMe namespace 'x' (namespaces: nvme0n1)"
//   "nvme0n1 is in use: mounted on / (nvme0n1p2, ext4); pass --allow-in-use to read from it anyway"
//   "nvme0n1 is not marked scratch: write workloads only run on devices given with --scratch"
//   "nvme0n1 is in use (swap (nvme0n1)): irqlab never writes to a device in use"
const NvmeNamespace& check_workload_device(const Machine& m, std::string_view device,
                                           const DeviceSafetyOptions& options);

// Scratch marks from the environment: IRQLAB_SCRATCH="nvme0n1,irqlab1".
std::vector<std::string> scratch_from_environment();

}  // namespace irqlab
