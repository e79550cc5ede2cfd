#pragma once
// User-facing errors. main() prints what() as one line, "irqlab: error: ...",
// then the optional detail block (for example a console tail), and exits 1.
#include <stdexcept>
#include <string>

namespace irqlab {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string detail = {})
      : std::runtime_error(message), detail_(std::move(detail)) {}
  const std::string& detail() const noexcept { return detail_; }

 private:
  std::string detail_;
};

// An error at a place in an input: "where: what" (where is "file:line" or a
// file and a key), the one form the parsers of scenarios and nights use.
[[noreturn]] inline void fail_at(const std::string& where, const std::string& what) { throw Error(where + ": " + what); }

// Thrown when SIGINT/SIGTERM/SIGHUP arrived while a child was running; the
// child has been killed. Unwinding runs every restore on the way out.
class Interrupted : public Error {
 public:
  explicit Interrupted(int signal);
  int signal() const noexcept { return signal_; }

 private:
  int signal_;
};

}  // namespace irqlab
