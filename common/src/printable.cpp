#include "irqlab/common/printable.h"

#include <cstdio>

namespace irqlab {

std::string printable(std::string_view text) {
  std::string out;
  char buf[4];
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7f) {
      out += ch;
    } else {
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace irqlab
