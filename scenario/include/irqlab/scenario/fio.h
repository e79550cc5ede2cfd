#pragma once
// fio 3.33 as irqlab drives it: the command line for one load and the parts
// of its json+ output that a run reports.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
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

struct LatencySummary {
  double mean_us = 0, min_us = 0, max_us = 0;
  std::map<double, double> percentiles_us;  // keys 50, 90, 99, 99.9
};

struct FioResult {
  std::string fio_version;                  // "fio-3.33"
  double read_iops = 0, write_iops = 0;
  std::uint64_t total_ios = 0;              // read + write
  LatencySummary completion;                // clat of the dominant direction
  int error = 0;                            // fio's per-job error field (non-zero = I/O error)
};

// The percentiles parse_fio_json() reports, in order.
const std::vector<double>& reported_percentiles();

// Sums all jobs; with several jobs the percentiles come from the merged
// json+ latency bins, never from averaged percentiles.
// Throws Error naming what is missing or malformed.
FioResult parse_fio_json(std::string_view json);

}  // namespace irqlab
