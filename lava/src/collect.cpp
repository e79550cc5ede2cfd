// records_from_lava_log(), unpack_lava_records(): the log is streamed line
// by line (logs of long jobs run to hundreds of megabytes), the base64 is
// decoded by OpenSSL and the archive unpacked by tar.
#include "irqlab/lava/collect.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/lava/job.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kLogLineLimit = 1 << 20;

void check_log_file(const fs::path& log) {
  struct stat st {};
  if (::stat(log.c_str(), &st) != 0) throw Error(log.string() + ": cannot read the job log: no such file");
  if (!S_ISREG(st.st_mode)) throw Error(log.string() + ": not a regular file (a job log is a file)");
  if (static_cast<std::uint64_t>(st.st_size) > kLavaLogLimit)
    throw Error(log.string() + ": larger than " + std::to_string(kLavaLogLimit >> 20) + " MiB, not a job log");
}

bool is_base64_line(std::string_view s) {
  if (s.empty() || s.size() > 76) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/' || c == '=')) return false;
  return true;
}

std::string decode_base64(const std::string& text, const std::string& where) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  EVP_ENCODE_CTX* ctx = EVP_ENCODE_CTX_new();
  if (!ctx) throw Error("internal: EVP_ENCODE_CTX_new failed");
  EVP_DecodeInit(ctx);
  int n = 0, total = 0;
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  const bool ok = EVP_DecodeUpdate(ctx, dst, &n, reinterpret_cast<const unsigned char*>(text.data()),
                                   static_cast<int>(text.size())) >= 0;
  total = n;
  const bool final_ok = ok && EVP_DecodeFinal(ctx, dst + total, &n) == 1;
  EVP_ENCODE_CTX_free(ctx);
  if (!final_ok) throw Error(where + ": the records are not valid base64");
  out.resize(static_cast<std::size_t>(total + n));
  return out;
}

// One console line of a log entry, or nullopt for entries of other levels.
std::optional<std::string> console_line(std::string_view line, LavaLogRecords& r) {
  line = trim(line);
  if (starts_with(line, "- ")) line.remove_prefix(2);
  if (!starts_with(line, "{")) return std::nullopt;
  // Entries of other levels may hold YAML tags ("! \"...\"") that are not
  // JSON; only target lines and the job's result matter here.
  const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
  if (entry.is_discarded() || !entry.is_object()) return std::nullopt;
  const auto lvl = entry.find("lvl");
  const auto msg = entry.find("msg");
  if (lvl == entry.end() || msg == entry.end() || !lvl->is_string()) return std::nullopt;
  if (*lvl == "results" && msg->is_object() && msg->value("case", "") == "job" && msg->value("definition", "") == "lava") {
    r.job_result = msg->value("result", "");
    r.job_error = msg->value("error_msg", "");
  }
  if (*lvl != "target" || !msg->is_string()) return std::nullopt;
  return msg->get<std::string>();
}

struct Block {
  std::string sha, base64;
  std::uint64_t bytes = 0;
  bool open = false;
};

}  // namespace

LavaLogRecords records_from_lava_log(const fs::path& log) {
  check_log_file(log);
  std::ifstream in(log, std::ios::binary);
  if (!in) throw Error(log.string() + ": cannot read the job log");
  LavaLogRecords r;
  Block block;
  std::optional<Block> done;
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number % 4096 == 0) throw_if_interrupted();
    if (line.size() > kLogLineLimit) continue;  // not an entry irqlab wrote
    const std::optional<std::string> console = console_line(line, r);
    if (!console) continue;
    const std::string text(trim(*console));
    const std::vector<std::string> words = split_whitespace(text);
    const std::string where = log.string() + ":" + std::to_string(number);
    if (!words.empty() && words[0] == kLavaRecordsBegin) {
      if (words.size() != 3 || words[1].size() != 64)
        throw Error(where + ": malformed '" + kLavaRecordsBegin + "' line: " + printable(text));
      const auto bytes = parse_number<std::uint64_t>(words[2]);
      if (!bytes) throw Error(where + ": malformed records size: " + printable(words[2]));
      block = Block{words[1], "", *bytes, true};
      if (block.bytes > kLavaRecordsLimit)
        throw Error(where + ": records of " + words[2] + " bytes, more than the " +
                    std::to_string(kLavaRecordsLimit >> 20) + " MiB limit");
    } else if (block.open && !words.empty() && words[0] == kLavaRecordsEnd) {
      if (words.size() != 2 || words[1] != block.sha)
        throw Error(where + ": the records' end line does not match their begin line");
      block.open = false;
      done = std::move(block);
      block = Block{};
    } else if (block.open) {
      if (!is_base64_line(text))
        throw Error(where + ": a damaged line inside the records: " + printable(text.substr(0, 80)));
      if (block.base64.size() > kLavaRecordsLimit / 3 * 4 + 4096) throw Error(where + ": records longer than announced");
      block.base64 += text;
    }
  }
  const std::string job = r.job_result.empty() ? "" : " (job result: " + r.job_result +
                                                        (r.job_error.empty() ? "" : ", " + r.job_error) + ")";
  if (block.open && !done) throw Error(log.string() + ": the records are cut short (no end line)" + job);
  if (!done) throw Error(log.string() + ": no records in this job log" + job);
  r.packed = decode_base64(done->base64, log.string());
  if (r.packed.size() != done->bytes)
    throw Error(log.string() + ": the records arrived with " + std::to_string(r.packed.size()) + " bytes, not " +
                std::to_string(done->bytes));
  if (sha256_hex(r.packed) != done->sha) throw Error(log.string() + ": the records' SHA-256 does not match");
  return r;
}

void unpack_lava_records(const LavaLogRecords& r, const fs::path& dir, const std::string& log_name) {
  const fs::path archive = dir / "run.tgz";
  const fs::path records = dir / "records";
  if (fs::exists(records)) throw Error(records.string() + ": exists already; collect into an empty directory");
  fs::create_directories(dir);
  write_file_atomic(archive, r.packed);
  // tar -tv lines: "drwxr-xr-x root/root 0 2026-12-02 00:00 run/"; only
  // directories and regular files under run/, no "..".
  const std::string listing = run_checked({"tar", "-tvzf", archive.string()}, log_name + ": listing the records");
  for (const std::string& entry : split(listing, '\n')) {
    if (trim(entry).empty()) continue;
    const std::vector<std::string> f = split_whitespace(entry);
    const std::string name = f.empty() ? "" : f.back();
    const bool type_ok = !entry.empty() && (entry[0] == '-' || entry[0] == 'd');
    const bool name_ok = (name == "run/" || starts_with(name, "run/")) && name.find("..") == std::string::npos &&
                         f.size() == 6;
    if (!type_ok || !name_ok) throw Error(log_name + ": the records hold something other than run/: " + printable(entry));
  }
  const fs::path staging = dir / ".unpacking";
  fs::remove_all(staging);
  fs::create_directories(staging);
  run_checked({"tar", "-xzf", archive.string(), "-C", staging.string(), "--no-same-owner", "--no-same-permissions"},
              log_name + ": unpacking the records");
  fs::rename(staging / "run", records);
  fs::remove_all(staging);
  fs::remove(archive);
}

}  // namespace irqlab
