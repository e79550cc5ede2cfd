#pragma once
// fio 3.33 as irqlab drives it: the command line for one load. What it
// reports (its json+ output) is read by metrics (metrics/fio_json.h).
#include <cstdint>
#include <string>
#include <vector>

namespace irqlab {

struct FioLoad {
  std::string rw = "randread";
  std::string ioengine = "io_uring";
  unsigned block_size = 4096;
  unsigned iodepth = 16;
  unsigned numjobs = 2;
  unsigned runtime_s = 5;
  bool direct = true;
  std::vector<std::string> filenames;  // e.g. /dev/nvme0n1
  std::uint64_t size_bytes = 0;        // region per file; 0: the whole device
  unsigned rate_iops = 0;              // per job; 0: as fast as it goes
};

// True for rw modes that never write (read, randread): fio gets --readonly.
bool fio_load_is_read_only(const FioLoad& load);

// fio argv (fio 3.33): one group_reporting job, time_based, no progress
// output, --output-format=json+ into json_path, --readonly for read loads.
// Throws Error on a load fio would reject or misread (no file, zero sizes).
std::vector<std::string> fio_command(const FioLoad& load, const std::string& json_path);

}  // namespace irqlab
