#include "irqlab/common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace irqlab {

void Progress::begin(const std::string& stage, const std::string& what) {
  stage_ = stage;
  start_ = std::chrono::steady_clock::now();
  // On a terminal, say what is going on until the stage's line replaces it;
  // in logs (and with --verbose, where tool output streams) print nothing.
  if (!verbose_ && isatty(STDOUT_FILENO)) {
    std::printf("[   ...  ] %-8s %s\r", stage_.c_str(), what.c_str());
    std::fflush(stdout);
  } else if (verbose_) {
    std::printf("[ start  ] %-8s %s\n", stage_.c_str(), what.c_str());
    std::fflush(stdout);
  }
}

void Progress::done(const std::string& summary) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!verbose_ && isatty(STDOUT_FILENO)) std::printf("\33[2K");
  std::printf("[%6.1fs] %-8s %s\n", secs, stage_.c_str(), summary.c_str());
  std::fflush(stdout);
}

}  // namespace irqlab
