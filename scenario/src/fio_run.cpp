#include "fio_run.h"

#include <chrono>
#include <thread>

#include "injector.h"
#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/system_file.h"
#include "irqlab/scenario/runner.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// Reads and writes completed so far on the load's block devices (/sys/block/<dev>/stat).
std::uint64_t completed_ios(const FioLoad& load) {
  std::uint64_t total = 0;
  for (const std::string& file : load.filenames) {
    const std::string dev = fs::path(file).filename().string();
    const std::vector<std::string> fields = split_whitespace(read_or_empty("/sys/block/" + dev + "/stat", kSystemFileLimit));
    if (fields.size() >= 5) total += parse_size(fields[0]).value_or(0) + parse_size(fields[4]).value_or(0);
  }
  return total;
}

std::int64_t wait_for_io(const FioLoad& load, std::uint64_t before, BackgroundProcess& fio, const fs::path& dir) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  for (;;) {
    if (completed_ios(load) > before) return monotonic_ns();
    if (!fio.running()) {
      const ProcessResult r = fio.wait();
      throw Error(fio_failure(dir, r));
    }
    if (std::chrono::steady_clock::now() > deadline) throw Error("fio completed no I/O within 60 s of starting");
    throw_if_interrupted();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
}

}  // namespace

RunningFio start_fio(const std::vector<std::string>& argv, const FioLoad& load, const fs::path& log,
                     const fs::path& failure_dir) {
  ProcessOptions options;
  options.log_file = log;
  const std::uint64_t before = completed_ios(load);
  RunningFio fio;
  fio.process = std::make_unique<BackgroundProcess>(argv, options);
  fio.first_io_ns = wait_for_io(load, before, *fio.process, failure_dir);
  return fio;
}

std::string fio_failure(const fs::path& dir, const ProcessResult& r) {
  const std::string line = last_log_line(dir / run_files::kFioLog);
  return "fio failed (" + r.describe() + ")" + (line.empty() ? "" : ": " + line);
}

}  // namespace irqlab
