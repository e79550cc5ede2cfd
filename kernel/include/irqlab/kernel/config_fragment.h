#pragma once
// Kconfig fragments and the check that the final .config honours them
// (tinyconfig silently drops options whose dependencies are missing).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct ConfigOption {
  std::string name;   // CONFIG_FOO
  std::string value;  // "y", "m", "64", "\"str\"", or "n" for "# CONFIG_FOO is not set"
  int line = 0;
};

// Throws Error("<source>:<line>: ...") on a line that is neither an option,
// a "# CONFIG_X is not set" line, a comment nor blank.
std::vector<ConfigOption> parse_config_fragment(std::string_view text, const std::string& source);

// One message per option whose final value differs from the requested one:
// "CONFIG_FOO=y requested by lab.config:12, final .config has it unset".
std::vector<std::string> verify_config(const std::vector<ConfigOption>& wanted,
                                       std::string_view final_config, const std::string& source);

// A fragment file as merged with merge_config.sh, in order.
struct ConfigFragment {
  std::filesystem::path path;  // absolute
  std::string text;
  std::vector<ConfigOption> options;
};

// Throws Error for a missing file or a line parse_config_fragment refuses.
std::vector<ConfigFragment> load_config_fragments(const std::vector<std::filesystem::path>& paths);

// Checks every option where it was last requested (later fragments override
// earlier ones); throws Error("kernel config check: <first problem> (and N
// more)") with every problem in the detail.
void require_fragments_hold(const std::vector<ConfigFragment>& fragments, std::string_view final_config);

}  // namespace irqlab
