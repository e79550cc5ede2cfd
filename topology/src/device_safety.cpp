#include "irqlab/topology/device_safety.h"

#include <algorithm>
#include <cstdlib>

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

struct BlockDevice {
  std::string name;  // nvme0n1 or nvme0n1p1
  std::string dev;   // major:minor
  std::string sysfs_dir;
};

std::vector<BlockDevice> devices_of(const SysRoot& sys, const NvmeNamespace& ns) {
  // /sys/block/<name>: the device people mount (a multipath head, if any).
  const std::string block = "/sys/block/" + ns.name;
  std::vector<BlockDevice> out{{ns.name, sys.read_line(block + "/dev").value_or(ns.dev), block}};
  for (const std::string& p : ns.partitions) {
    const std::string dir = block + "/" + p;
    out.push_back({p, sys.read_line(dir + "/dev").value_or(""), dir});
  }
  return out;
}

std::string basename(std::string_view path) {
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// A table that is missing or makes no sense fails closed: the namespace
// counts as in use, with the reason, because irqlab cannot tell it is free.
std::string cannot_tell(const SysRoot& sys, const char* what, const char* table, int line = 0) {
  const std::string file = sys.path(table).string();
  return std::string("cannot tell whether it is ") + what + " (" +
         (line ? file + ":" + std::to_string(line) + " is garbled" : file + " is missing or empty") + ")";
}

// mountinfo: "36 25 259:2 / /boot rw,relatime shared:5 - ext4 /dev/nvme0n1p1 rw"
// (six fields, optional ones, "-", type, source, options). Matched by
// major:minor, and by source name because btrfs reports an anonymous device
// number.
void add_mounts(const SysRoot& sys, const std::vector<BlockDevice>& devs, std::vector<std::string>& uses) {
  constexpr const char* kTable = "/proc/self/mountinfo";
  auto text = sys.read(kTable);
  if (!text || trim(*text).empty()) return uses.push_back(cannot_tell(sys, "mounted", kTable));
  const auto lines = split(*text, '\n');
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto f = split_whitespace(lines[i]);
    if (f.empty()) continue;
    auto dash = std::find(f.begin(), f.end(), "-");
    if (dash - f.begin() < 6 || f.end() - dash < 3)
      return uses.push_back(cannot_tell(sys, "mounted", kTable, static_cast<int>(i) + 1));
    const std::string& fstype = *(dash + 1);
    const std::string& source = *(dash + 2);
    for (const BlockDevice& d : devs)
      if ((!d.dev.empty() && f[2] == d.dev) || basename(source) == d.name)
        uses.push_back("mounted on " + f[4] + " (" + d.name + ", " + fstype + ")");
  }
}

// /proc/swaps: "Filename  Type  Size  Used  Priority", then one row per area.
void add_swaps(const SysRoot& sys, const std::vector<BlockDevice>& devs, std::vector<std::string>& uses) {
  constexpr const char* kTable = "/proc/swaps";
  auto text = sys.read(kTable);
  if (!text || trim(*text).empty()) return uses.push_back(cannot_tell(sys, "swap", kTable));
  const auto lines = split(*text, '\n');
  if (!starts_with(lines[0], "Filename")) return uses.push_back(cannot_tell(sys, "swap", kTable, 1));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    auto f = split_whitespace(lines[i]);
    if (f.empty()) continue;
    if (f.size() != 5) return uses.push_back(cannot_tell(sys, "swap", kTable, static_cast<int>(i) + 1));
    for (const BlockDevice& d : devs)
      if (basename(f[0]) == d.name) uses.push_back("swap (" + d.name + ")");
  }
}

void add_holders(const SysRoot& sys, const std::vector<BlockDevice>& devs, std::vector<std::string>& uses) {
  for (std::size_t i = 0; i < devs.size(); ++i)
    for (const std::string& holder : sys.list(devs[i].sysfs_dir + "/holders"))
      uses.push_back(i == 0 ? "held by " + holder : "partition " + devs[i].name + " held by " + holder);
}

const NvmeNamespace* find_namespace(const Machine& m, std::string_view device, const NvmeController** owner) {
  std::string name = basename(device);
  for (const NvmeController& c : m.controllers)
    for (const NvmeNamespace& ns : c.namespaces)
      if (ns.name == name) {
        *owner = &c;
        return &ns;
      }
  return nullptr;
}

bool is_scratch(const NvmeController& c, const NvmeNamespace& ns, const std::vector<std::string>& scratch) {
  for (const std::string& mark : scratch) {
    if (mark.empty()) continue;
    if (basename(mark) == ns.name || (!c.serial.empty() && mark == c.serial)) return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace

std::vector<std::string> namespace_uses(const SysRoot& sys, const NvmeNamespace& ns) {
  std::vector<std::string> uses;
  const auto devs = devices_of(sys, ns);
  add_mounts(sys, devs, uses);
  add_swaps(sys, devs, uses);
  add_holders(sys, devs, uses);
  return uses;
}

const NvmeNamespace& check_workload_device(const Machine& m, std::string_view device,
                                           const DeviceSafetyOptions& options) {
  const NvmeController* owner = nullptr;
  const NvmeNamespace* ns = find_namespace(m, device, &owner);
  if (!ns) {
    std::vector<std::string> names;
    for (const NvmeController& c : m.controllers)
      for (const NvmeNamespace& n : c.namespaces) names.push_back(n.name);
    throw Error("no NVMe namespace '" + std::string(device) + "' (namespaces: " +
                (names.empty() ? std::string("none") : joined(names)) + ")");
  }
  if (options.write) {
    if (!ns->in_use.empty())
      throw Error(ns->name + " is in use (" + joined(ns->in_use) + "): irqlab never writes to a device in use");
    if (!is_scratch(*owner, *ns, options.scratch))
      throw Error(ns->name + " is not marked scratch: write workloads only run on devices given with --scratch "
                             "(or IRQLAB_SCRATCH)");
  } else if (!ns->in_use.empty() && !options.allow_in_use) {
    throw Error(ns->name + " is in use: " + joined(ns->in_use) + "; pass --allow-in-use to read from it anyway");
  }
  return *ns;
}

std::vector<std::string> scratch_from_environment() {
  const char* env = std::getenv("IRQLAB_SCRATCH");
  std::vector<std::string> out;
  if (!env) return out;
  for (const std::string& item : split(env, ','))
    if (!trim(item).empty()) out.emplace_back(trim(item));
  return out;
}

}  // namespace irqlab
