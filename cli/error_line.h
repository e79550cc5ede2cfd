#pragma once
// How main() says what went wrong: one line on stderr, whatever the input.
#include <CLI/CLI.hpp>
#include <string>

namespace irqlab::cli {

// "irqlab: error: <message>", the message made printable (binary bytes and
// CR escaped, see irqlab::printable) and cut to a terminal-friendly length.
void print_error(const std::string& message);

// CLI11's words for a bad command line, except where they hide the cause:
// "irqlab nosuchcmd" is "unknown command 'nosuchcmd' (commands: ...)", not
// "A subcommand is required".
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& e);

}  // namespace irqlab::cli
