#include "irqlab/metrics/kernel_log.h"

#include "irqlab/common/text.h"

// The messages matched, as Linux 6.12 prints them:
//   drivers/nvme/host/pci.c nvme_timeout(), abort_endio(), nvme_reset_work():
//     "nvme nvme0: I/O tag 12 (100c) opcode 0x2 (Read) QID 1 timeout, aborting req_op:READ(0) size:4096"
//     "nvme nvme0: I/O tag 12 (100c) QID 1 timeout, completion polled", "nvme nvme0: Abort status: 0x0"
//     "nvme nvme0: resetting controller", "... controller is down; will reset: CSTS=...",
//     "nvme nvme0: Disabling device after reset failure: -19"
//   block/blk-mq.c blk_print_req_error(): "<status> error, dev nvme0n1, sector 0 op 0x0:(READ) ..."
//   ("I/O error", "timeout error", "critical medium error", ...); fs/buffer.c "Buffer I/O error on dev"
//   kernel/panic.c __warn(): "WARNING: CPU: 1 PID: 86 at kernel/irq/manage.c:1234 f+0x12/0x34"
//   lockdep: "WARNING: possible circular locking dependency detected", "WARNING: inconsistent lock
//     state", "WARNING: suspicious RCU usage", "[ BUG: Invalid wait context ]", ...
//   "BUG: ...", "kernel BUG at ...", "Oops: ...", "Kernel panic - not syncing: ..."
//   kernel/hung_task.c: "INFO: task fio:123 blocked for more than 120 seconds."
//   kernel/rcu/tree_stall.h: "rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:"
//   kernel/time/clocksource.c: "clocksource: timekeeping watchdog on CPU2: Marking clocksource
//     'tsc' as unstable because the skew is too large:" (the clock every timing of the run
//     was read from changed under it)

namespace irqlab {
namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

bool is_timestamp(std::string_view s) {  // "    4.123456"
  s = trim(s);
  std::size_t dot = s.find('.');
  if (s.empty() || dot == std::string_view::npos || dot == 0 || dot + 1 == s.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != dot && (s[i] < '0' || s[i] > '9')) return false;
  return true;
}

bool is_caller_id(std::string_view s) {  // CONFIG_PRINTK_CALLER: "    T123", "     C1"
  s = trim(s);
  if (s.size() < 2 || (s[0] != 'T' && s[0] != 'C')) return false;
  for (char c : s.substr(1))
    if (c < '0' || c > '9') return false;
  return true;
}

// Skips "<4>" (raw level), "[    4.123456] " and "[    T1] " before the message.
std::string_view message_of(std::string_view line) {
  if (line.size() > 2 && line[0] == '<') {
    std::size_t close = line.find('>');
    if (close != std::string_view::npos && close < 5) line.remove_prefix(close + 1);
  }
  for (auto is_prefix : {is_timestamp, is_caller_id}) {
    std::size_t close = line.find(']');
    if (line.empty() || line[0] != '[' || close == std::string_view::npos || !is_prefix(line.substr(1, close - 1)))
      continue;
    line.remove_prefix(close + 1);
    if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
  }
  return line;
}

const char* kind_of(std::string_view m) {
  if (starts_with(m, "nvme ")) {
    if ((contains(m, " QID ") && contains(m, " timeout, ")) || contains(m, ": Abort status: ")) return "nvme timeout";
    if (contains(m, "resetting controller") || contains(m, "will reset") || contains(m, "after reset failure"))
      return "nvme reset";
  }
  if (contains(m, " error, dev ") || starts_with(m, "Buffer I/O error on dev ")) return "I/O error";
  if (starts_with(m, "WARNING: CPU: ")) return "warning";
  if (starts_with(m, "WARNING: ")) {
    // Every other "WARNING: " headline is lockdep's (or lockdep-RCU's).
    return contains(m, "lock") || contains(m, "RCU") ? "lockdep" : "warning";
  }
  if (starts_with(m, "[ BUG: ")) return "lockdep";
  if (starts_with(m, "BUG: ") || starts_with(m, "kernel BUG at ") || starts_with(m, "Oops: ") ||
      starts_with(m, "Kernel panic - not syncing") || starts_with(m, "Watchdog detected hard LOCKUP"))
    return "bug";
  if (starts_with(m, "INFO: task ") && contains(m, " blocked for more than ")) return "hung task";
  if (contains(m, "INFO: ") && contains(m, " detected stalls on CPUs")) return "rcu stall";
  if (contains(m, "timekeeping watchdog on CPU") && contains(m, " as unstable")) return "clocksource unstable";
  return nullptr;
}

}  // namespace

std::string_view kernel_log_since(std::string_view before, std::string_view after) {
  if (before.empty() || !starts_with(after, before)) return after;
  std::size_t pos = before.size();
  // before ended without its newline: its last line is whole, so skip past it.
  if (after[pos - 1] != '\n') {
    pos = after.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  return after.substr(pos);
}

std::vector<KernelLogProblem> kernel_log_problems(std::string_view text) {
  std::vector<KernelLogProblem> problems;
  TextLines lines(text);
  std::string_view line;
  while (lines.next(line)) {
    if (const char* kind = kind_of(message_of(line))) problems.push_back({kind, std::string(line)});
  }
  return problems;
}

}  // namespace irqlab
