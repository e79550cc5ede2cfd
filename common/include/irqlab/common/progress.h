#pragma once
// One progress line per stage, with its elapsed time:
//   [  12.3s] kernel   6.12.117 + series 1a2b3c4d5e6f (cached)
#include <chrono>
#include <cstdio>
#include <string>

namespace irqlab {

class Progress {
 public:
  explicit Progress(bool verbose, std::FILE* out = stdout) : verbose_(verbose), out_(out) {}
  bool verbose() const { return verbose_; }

  // Starts a stage; on a terminal shows "stage ..." until done() replaces it.
  void begin(const std::string& stage, const std::string& what);
  void done(const std::string& summary);

 private:
  bool verbose_;
  std::FILE* out_;
  std::string stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace irqlab
