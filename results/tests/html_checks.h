#pragma once
// Checks of report.html's markup for the unit and browser tests: elements
// opened and closed in order, nothing that loads anything.
#include <string>
#include <vector>

namespace irqlab::test {

// Why the markup is not well formed ("" when it is): every element opened
// is closed in order, but for the void ones (meta, br) and those written
// self-closed (<line/>); comments and <!DOCTYPE> are skipped.
inline std::string unbalanced_tags(const std::string& html) {
  std::vector<std::string> open;
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    const std::size_t end = html.find('>', at);
    if (end == std::string::npos) return "a tag never ends at " + std::to_string(at);
    const std::string tag = html.substr(at + 1, end - at - 1);
    if (tag.empty() || tag[0] == '!') continue;
    const bool closing = tag[0] == '/';
    const std::string name = tag.substr(closing, tag.find_first_of(" /", closing) - closing);
    if (closing) {
      if (open.empty() || open.back() != name)
        return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
      open.pop_back();
    } else if (tag.back() != '/' && name != "meta" && name != "br") {
      open.push_back(name);
    }
  }
  return open.empty() ? "" : "<" + open.back() + "> never closed";
}

// What a self-contained page must not have: scripts, and anything fetched.
inline std::vector<std::string> external_references(const std::string& html) {
  std::vector<std::string> found;
  for (const char* bad : {"<script", "http://", "https://", "src=", "url(", "@import", "<link", "<iframe", "<img"})
    if (html.find(bad) != std::string::npos) found.emplace_back(bad);
  return found;
}

inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace irqlab::test
