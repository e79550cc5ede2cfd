#include "irqlab/topology/sysroot.h"

#include <algorithm>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

SysRoot::SysRoot(fs::path root) : root_(root.empty() ? fs::path("/") : std::move(root)) {}

bool SysRoot::is_live() const {
  std::error_code ec;
  return root_ == "/" || fs::equivalent(root_, "/", ec);
}

fs::path SysRoot::path(std::string_view abs) const {
  std::string_view rel = abs;
  while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
  return root_ / rel;
}

namespace {

// The tables that grow with the machine get a larger cap than an attribute.
std::uint64_t read_limit(std::string_view abs) {
  return abs == "/proc/interrupts" || abs == "/proc/self/mountinfo" ? kProcTableLimit : kSystemFileLimit;
}

}  // namespace

std::optional<std::string> SysRoot::read(std::string_view abs) const {
  // sysfs and procfs files report size 0 or a page: the reader reads to EOF.
  auto text = read_optional_input_file(path(abs), "system file", read_limit(abs), Absence::MissingOrUnreadable);
  if (text && log_) log_->files[std::string(abs)] = *text;
  return text;
}

std::string SysRoot::read_required(std::string_view abs) const {
  auto text = read(abs);
  if (!text) throw Error("cannot read " + path(abs).string());
  return std::string(trim(*text));
}

std::optional<std::string> SysRoot::read_line(std::string_view abs) const {
  auto text = read(abs);
  if (!text) return std::nullopt;
  return std::string(trim(std::string_view(*text).substr(0, text->find('\n'))));
}

std::optional<std::set<int>> SysRoot::read_cpu_list(std::string_view abs) const {
  auto text = read(abs);
  if (!text) return std::nullopt;
  auto cpus = parse_cpu_list(trim(*text));
  if (!cpus)
    throw Error(path(abs).string() + ": " + cpu_list_problem(*text, "not a CPU list: '" + std::string(trim(*text)) + "'"));
  return cpus;
}

std::vector<std::string> SysRoot::list(std::string_view abs, std::string_view prefix) const {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(path(abs), ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (starts_with(name, prefix)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  if (log_ && !ec) log_->listings[std::string(abs)] = names;
  return names;
}

bool SysRoot::exists(std::string_view abs) const {
  std::error_code ec;
  return fs::exists(path(abs), ec);
}

bool SysRoot::owner_writable(std::string_view abs) const {
  std::error_code ec;
  auto st = fs::status(path(abs), ec);
  return !ec && (st.permissions() & fs::perms::owner_write) != fs::perms::none;
}

}  // namespace irqlab
