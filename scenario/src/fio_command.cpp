#include <string>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/scenario/fio.h"

namespace irqlab {

bool fio_load_is_read_only(const FioLoad& load) { return load.rw == "read" || load.rw == "randread"; }

std::vector<std::string> fio_command(const FioLoad& load, const std::string& json_path) {
  if (load.filenames.empty()) throw Error("fio load has no filename (a block device such as /dev/nvme0n1)");
  if (load.block_size == 0 || load.iodepth == 0 || load.numjobs == 0 || load.runtime_s == 0)
    throw Error("fio load needs non-zero block size, iodepth, jobs and runtime");
  if (json_path.empty()) throw Error("fio load has no json output path");

  // fio separates several files with ':', so a ':' inside a name is escaped.
  std::string filenames;
  for (const std::string& name : load.filenames) {
    if (!filenames.empty()) filenames += ':';
    for (char c : name) {
      if (c == ':') filenames += '\\';
      filenames += c;
    }
  }

  std::vector<std::string> argv = {
      "fio",
      "--name=irqlab",
      "--filename=" + filenames,
      "--rw=" + load.rw,
      "--ioengine=" + load.ioengine,
      "--bs=" + std::to_string(load.block_size),
      "--iodepth=" + std::to_string(load.iodepth),
      "--numjobs=" + std::to_string(load.numjobs),
      "--runtime=" + std::to_string(load.runtime_s),
      "--time_based",
      std::string("--direct=") + (load.direct ? "1" : "0"),
      "--group_reporting",
      // The progress line would only clutter the guest console.
      "--eta=never",
  };
  if (load.size_bytes != 0) argv.push_back("--size=" + std::to_string(load.size_bytes));
  if (load.rate_iops != 0) argv.push_back("--rate_iops=" + std::to_string(load.rate_iops));
  // A read load must never write to the device, whatever a typo elsewhere says.
  if (fio_load_is_read_only(load)) argv.push_back("--readonly");
  argv.push_back("--output-format=json+");
  argv.push_back("--output=" + json_path);
  return argv;
}

}  // namespace irqlab
