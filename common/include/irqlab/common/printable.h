#pragma once
// Text from a file or a command line, as it may appear in a one-line error:
// bytes outside printable ASCII (a CR, an escape sequence, binary) shown as
// %XX, so that a message never drives the terminal or breaks its line.
#include <string>
#include <string_view>

namespace irqlab {

// "a\r\x1b[2J" -> "a%0D%1B[2J"; printable ASCII (0x20-0x7e) is left as is.
std::string printable(std::string_view text);

}  // namespace irqlab
