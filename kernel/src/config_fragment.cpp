#include "irqlab/kernel/config_fragment.h"

#include <map>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

bool valid_symbol(std::string_view name) {
  if (!starts_with(name, "CONFIG_") || name.size() == 7) return false;
  for (char c : name)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      return false;
  return true;
}

// "CONFIG_X=v" or "# CONFIG_X is not set"; nullopt for anything else.
std::optional<std::pair<std::string, std::string>> parse_option_line(std::string_view line) {
  constexpr std::string_view kNotSet = " is not set";
  if (starts_with(line, "# CONFIG_") && line.ends_with(kNotSet)) {
    std::string_view name = line.substr(2, line.size() - 2 - kNotSet.size());
    if (valid_symbol(name)) return std::make_pair(std::string(name), std::string("n"));
    return std::nullopt;
  }
  auto eq = line.find('=');
  if (eq == std::string_view::npos) return std::nullopt;
  std::string_view name = line.substr(0, eq);
  if (!valid_symbol(name)) return std::nullopt;
  return std::make_pair(std::string(name), std::string(line.substr(eq + 1)));
}

}  // namespace

std::vector<ConfigOption> parse_config_fragment(std::string_view text, const std::string& source) {
  std::vector<ConfigOption> options;
  int line_no = 0;
  for (const std::string& raw : split(text, '\n')) {
    ++line_no;
    std::string_view line = trim(raw);
    if (line.empty()) continue;
    if (auto opt = parse_option_line(line)) {
      if (opt->second.empty())
        throw Error(source + ":" + std::to_string(line_no) + ": " + opt->first + " has no value");
      options.push_back({opt->first, opt->second, line_no});
      continue;
    }
    if (line[0] == '#') continue;
    throw Error(source + ":" + std::to_string(line_no) + ": not a Kconfig option line: '" + std::string(line) + "'");
  }
  return options;
}

std::vector<std::string> verify_config(const std::vector<ConfigOption>& wanted, std::string_view final_config,
                                       const std::string& source) {
  std::map<std::string, std::string, std::less<>> actual;
  for (const std::string& raw : split(final_config, '\n'))
    if (auto opt = parse_option_line(trim(raw))) actual[opt->first] = opt->second;

  std::vector<std::string> problems;
  for (const ConfigOption& want : wanted) {
    auto it = actual.find(want.name);
    std::string have = it == actual.end() ? "n" : it->second;
    if (have == want.value) continue;
    std::string requested = want.value == "n" ? want.name + " unset" : want.name + "=" + want.value;
    std::string got = have == "n" ? "has it unset (a dependency is missing?)" : "has " + want.name + "=" + have;
    problems.push_back(requested + " requested by " + source + ":" + std::to_string(want.line) + ", final .config " +
                       got);
  }
  return problems;
}

}  // namespace irqlab

namespace irqlab {
namespace fs = std::filesystem;

std::vector<ConfigFragment> load_config_fragments(const std::vector<fs::path>& paths) {
  std::vector<ConfigFragment> fragments;
  for (const fs::path& p : paths) {
    ConfigFragment f{fs::absolute(p), read_input_file(p, "config fragment", kTextInputLimit), {}};
    f.options = parse_config_fragment(f.text, p.filename().string());
    fragments.push_back(std::move(f));
  }
  return fragments;
}

void require_fragments_hold(const std::vector<ConfigFragment>& fragments, std::string_view final_config) {
  std::map<std::string, std::size_t> last_request;
  for (std::size_t i = 0; i < fragments.size(); ++i)
    for (const ConfigOption& opt : fragments[i].options) last_request[opt.name] = i;
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    std::vector<ConfigOption> wanted;
    for (const ConfigOption& opt : fragments[i].options)
      if (last_request[opt.name] == i) wanted.push_back(opt);
    for (auto& p : verify_config(wanted, final_config, fragments[i].path.filename().string()))
      problems.push_back(std::move(p));
  }
  if (problems.empty()) return;
  std::string detail;
  for (const auto& p : problems) detail += "  " + p + "\n";
  throw Error("kernel config check: " + problems.front() +
                  (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : ""),
              detail);
}

}  // namespace irqlab
