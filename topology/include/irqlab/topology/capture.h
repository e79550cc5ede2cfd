#pragma once
// `irqlab topology capture DIR`: a fixture of this machine. Discovery runs
// while its reads are recorded; exactly those files (with their content at
// that moment) are written under DIR at the same paths, directories it listed
// get an empty placeholder for each entry it did not read, the hwloc topology
// is exported to DIR/hwloc.xml, and DIR/capture-info.txt says where and when.
// `irqlab topology --root DIR` then reads the fixture as if it were the
// machine.
#include <cstddef>
#include <filesystem>

#include "irqlab/topology/discovery.h"

namespace irqlab {

struct CaptureResult {
  Machine machine;        // what discovery found while capturing
  std::size_t files = 0;  // files written, placeholders included
};

// Throws Error if dir exists and is not empty.
CaptureResult capture_topology(const DiscoveryOptions& source, const std::filesystem::path& dir);

}  // namespace irqlab
