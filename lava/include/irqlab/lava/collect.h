#pragma once
// `irqlab lava collect`: the run directories that finished LAVA jobs printed
// on their console (irqlab-lava-send), taken from the jobs' logs.
//
// A job log is what `lava-run` prints (one {"dt", "lvl", "msg"} entry per
// line) or what `lavacli jobs logs --raw JOB` downloads from a server (the
// same entries as a YAML list, "- {...}"). The console's lines are the
// entries of level "target"; the records travel between
//   irqlab-records-begin <sha256> <bytes>
//   <base64 of run.tgz, a gzipped tar of run/>
//   irqlab-records-end <sha256>
// and arrive only when the size and the SHA-256 match.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace irqlab {

inline constexpr std::uint64_t kLavaLogLimit = 2048ull << 20;    // a job log
inline constexpr std::uint64_t kLavaRecordsLimit = 512ull << 20;  // its records, packed

struct LavaLogRecords {
  std::string packed;          // run.tgz, checked against its size and SHA-256
  std::string job_result;      // "pass", "fail", or "" when the log has no job result
  std::string job_error;       // the job's error_msg when it failed
};

// Reads a job log. Throws Error "<log>: ..." when it holds no records (with
// the job's result and error when it has them), when they are cut short, or
// when their size or SHA-256 does not match.
LavaLogRecords records_from_lava_log(const std::filesystem::path& log);

// Unpacks run.tgz into <dir>/records (tar, no owners or permissions kept) and
// refuses an archive with anything but regular files and directories under
// run/. Throws Error naming the log on any of it.
void unpack_lava_records(const LavaLogRecords& r, const std::filesystem::path& dir, const std::string& log_name);

}  // namespace irqlab
