#pragma once
// The kernel log lines a run must not produce: NVMe timeouts, aborts and
// controller resets, I/O errors, WARNING/BUG/Oops, lockdep and hung-task
// reports, RCU stalls.
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct KernelLogProblem {
  std::string kind;   // "nvme timeout", "nvme reset", "I/O error", "warning", "bug", "lockdep", "hung task",
                      // "rcu stall"
  std::string line;   // the log line as printed
};

// Lines of `after` (the whole `dmesg` after the run) that `before` (the
// whole `dmesg` before it) does not have, i.e. from the first line past
// before's length when after starts with before, else all of after.
std::string_view kernel_log_since(std::string_view before, std::string_view after);

// Problems in text, in order.
std::vector<KernelLogProblem> kernel_log_problems(std::string_view text);

}  // namespace irqlab
