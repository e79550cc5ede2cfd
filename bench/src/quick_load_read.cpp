#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <string>

#include "irqlab/bench/quick_load.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/interrupts.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

std::string read_share_file(const fs::path& dir, const char* name) {
  fs::path path = dir / name;
  if (!fs::exists(path)) throw Error("quick load: " + path.string() + " is missing");
  return read_file(path);
}

InterruptTable read_interrupts(const fs::path& dir, const char* name) {
  try {
    return parse_proc_interrupts(read_share_file(dir, name));
  } catch (const Error& e) {
    throw Error("quick load: " + (dir / name).string() + ": " + e.what());
  }
}

struct Affinity {
  std::string affinity, effective;
};

// "<irq> <affinity_list> <effective_affinity_list>" lines, as the script writes them.
std::map<std::string, Affinity> read_affinities(const fs::path& dir) {
  std::map<std::string, Affinity> out;
  std::string text = read_share_file(dir, quick_load_files::kIrqAffinity);
  std::size_t line_no = 0;
  for (const std::string& line : split(text, '\n')) {
    ++line_no;
    if (trim(line).empty()) continue;
    std::vector<std::string> f = split_whitespace(line);
    if (f.size() != 3 || !parse_int(f[0]))
      throw Error("quick load: " + (dir / quick_load_files::kIrqAffinity).string() + " line " +
                  std::to_string(line_no) + ": expected '<irq> <affinity> <effective>'");
    out[f[0]] = {f[1], f[2]};
  }
  return out;
}

// Per-CPU counts of one row keyed by CPU number (columns can differ after hotplug).
std::map<int, std::uint64_t> counts_by_cpu(const InterruptTable& table, const InterruptLine& line) {
  std::map<int, std::uint64_t> out;
  for (std::size_t i = 0; i < table.cpus.size() && i < line.per_cpu.size(); ++i)
    out[table.cpus[i]] = line.per_cpu[i];
  return out;
}

}  // namespace

std::optional<NvmeQueueId> parse_nvme_queue_name(std::string_view name) {
  if (!starts_with(name, "nvme")) return std::nullopt;
  std::string_view rest = name.substr(4);
  std::size_t q = rest.find('q');
  if (q == std::string_view::npos) return std::nullopt;
  auto digits = [](std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  std::string_view c = rest.substr(0, q), n = rest.substr(q + 1);
  if (!digits(c) || !digits(n)) return std::nullopt;
  auto ci = parse_int(c), ni = parse_int(n);
  if (!ci || !ni || *ci > 1 << 20 || *ni > 1 << 20) return std::nullopt;
  return NvmeQueueId{static_cast<int>(*ci), static_cast<int>(*ni)};
}

std::uint64_t QueueIrq::total_interrupts() const {
  std::uint64_t total = 0;
  for (const auto& [cpu, count] : interrupts_per_cpu) total += count;
  return total;
}

QuickLoadResult read_quick_load(const fs::path& share_dir) {
  namespace f = quick_load_files;
  QuickLoadResult result;

  fs::path json_path = share_dir / f::kFioJson;
  if (!fs::exists(json_path)) {
    std::string log;
    if (fs::exists(share_dir / f::kFioLog)) log = tail_lines(read_file(share_dir / f::kFioLog), 20);
    throw Error("quick load: " + json_path.string() + " is missing (fio did not run or failed early)", log);
  }
  try {
    result.fio = parse_fio_json(read_file(json_path));
  } catch (const Error& e) {
    throw Error(json_path.string() + ": " + e.what());
  }

  std::string status = read_share_file(share_dir, f::kFioStatus);
  auto code = parse_int(status);
  if (!code) throw Error("quick load: " + (share_dir / f::kFioStatus).string() + " holds no exit status");
  result.fio_exit_status = static_cast<int>(*code);
  result.guest_cmdline = std::string(trim(read_share_file(share_dir, f::kCmdline)));
  result.guest_kernel_release = std::string(trim(read_share_file(share_dir, f::kKernelRelease)));

  InterruptTable before = read_interrupts(share_dir, f::kInterruptsBefore);
  InterruptTable after = read_interrupts(share_dir, f::kInterruptsAfter);
  std::map<std::string, Affinity> affinities = read_affinities(share_dir);

  std::vector<std::pair<NvmeQueueId, QueueIrq>> queues;
  for (const InterruptLine& line : after.lines) {
    auto id = parse_nvme_queue_name(line.name);
    if (!id) continue;
    QueueIrq q;
    q.name = line.name;
    q.irq = line.irq;
    auto aff = affinities.find(line.irq);
    q.affinity = aff == affinities.end() ? "-" : aff->second.affinity;
    q.effective_affinity = aff == affinities.end() ? "-" : aff->second.effective;

    // An irq number reused by another device between the snapshots starts from zero.
    const InterruptLine* old = before.find_by_irq(line.irq);
    std::map<int, std::uint64_t> base;
    if (old && old->name == line.name) base = counts_by_cpu(before, *old);
    for (const auto& [cpu, count] : counts_by_cpu(after, line)) {
      std::uint64_t prior = base.count(cpu) ? base[cpu] : 0;
      if (count > prior) q.interrupts_per_cpu[cpu] = count - prior;
    }
    queues.emplace_back(*id, std::move(q));
  }
  std::stable_sort(queues.begin(), queues.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [id, q] : queues) result.queues.push_back(std::move(q));
  return result;
}

}  // namespace irqlab
