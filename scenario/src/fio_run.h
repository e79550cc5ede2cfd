#pragma once
// fio as the runner drives it: started on a load, waited for until its I/O
// flows, and its failure said in one line.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "irqlab/common/process.h"
#include "irqlab/scenario/fio.h"

namespace irqlab {

struct RunningFio {
  std::unique_ptr<BackgroundProcess> process;
  std::int64_t first_io_ns = 0;  // CLOCK_MONOTONIC
};

// Starts fio (argv, output to log) and returns once the load's devices
// completed an I/O: the load starts then, not with fio's process, which takes
// a second or more to set up in a TCG guest. Throws Error when fio ends
// first (fio_failure(failure_dir, ...)) or nothing completes within 60 s.
RunningFio start_fio(const std::vector<std::string>& argv, const FioLoad& load, const std::filesystem::path& log,
                     const std::filesystem::path& failure_dir);

// "fio failed (exit status 1): <the last line of dir/fio.log>".
std::string fio_failure(const std::filesystem::path& dir, const ProcessResult& r);

}  // namespace irqlab
