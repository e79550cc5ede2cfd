#include "irqlab/common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace irqlab {

void Progress::begin(const std::string& stage, const std::string& what) {
  stage_ = stage;
  start_ = std::chrono::steady_clock::now();
  // On a terminal, say what is going on until the stage line replaces it.
  // With --verbose tool output streams in between, so mark the start.
  if (!verbose_ && isatty(fileno(out_))) {
    std::fprintf(out_, "[   ...  ] %-8s %s\r", stage_.c_str(), what.c_str());
    std::fflush(out_);
  } else if (verbose_) {
    std::fprintf(out_, "[ start  ] %-8s %s\n", stage_.c_str(), what.c_str());
    std::fflush(out_);
  }
}

void Progress::done(const std::string& summary) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!verbose_ && isatty(fileno(out_))) std::fprintf(out_, "\33[2K");
  std::fprintf(out_, "[%6.1fs] %-8s %s\n", secs, stage_.c_str(), summary.c_str());
  std::fflush(out_);
}

}  // namespace irqlab
