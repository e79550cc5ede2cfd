#include "error_line.h"

#include <cstdio>

#include "irqlab/common/text.h"

namespace irqlab::cli {
namespace {

// An error that quotes a whole line of a 1 MiB file is still one readable line.
constexpr std::size_t kMaxMessageLength = 1000;

}  // namespace

void print_error(const std::string& message) {
  std::string line = printable(message);
  if (line.size() > kMaxMessageLength)
    line = line.substr(0, kMaxMessageLength) + "... (" + std::to_string(line.size() - kMaxMessageLength) +
           " more characters)";
  std::fprintf(stderr, "irqlab: error: %s\n", line.c_str());
}

std::string parse_error_message(const CLI::App& app, const CLI::ParseError& e) {
  const std::vector<std::string> extra = app.remaining();
  if (!app.get_subcommands().empty() || extra.empty() || extra.front().starts_with("-")) return e.what();
  std::string commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    commands += (commands.empty() ? "" : ", ") + sub->get_name();
  return "unknown command '" + extra.front() + "' (commands: " + commands + ")";
}

}  // namespace irqlab::cli
