#pragma once
// The ramdisk a LAVA job boots: busybox for the shell and the small tools,
// irqlab, fio, perf and trace-cmd copied from this host with the shared
// libraries they load (their debug info stripped), the night's scenarios,
// and the scripts the job types (irqlab-lava-run, irqlab-lava-send).
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace irqlab {

struct RamdiskSpec {
  std::filesystem::path irqlab_binary;
  std::filesystem::path microbench_binary;                     // irqlab-microbench
  std::vector<std::pair<std::string, std::string>> scenarios;  // name, text
  std::filesystem::path output;                                // <...>.cpio.gz
};

struct RamdiskContents {
  std::vector<std::filesystem::path> programs;   // host paths copied, libraries included
  std::uintmax_t bytes = 0;                      // of the compressed image
};

// Throws Error naming what is missing: busybox ("install busybox-static"),
// fio, perf or trace-cmd, ldd, strip, cpio or gzip. The image is written
// through a temporary file, so an interrupted build leaves no half image.
RamdiskContents build_ramdisk(const RamdiskSpec& spec);

// The libraries `ldd` lists for a program (the dynamic loader included), as
// host paths. Pure: the parsing of ldd's output.
std::vector<std::filesystem::path> libraries_from_ldd(const std::string& ldd_output);

}  // namespace irqlab
