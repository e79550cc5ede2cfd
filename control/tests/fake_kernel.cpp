#include "fake_kernel.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

#include "irqlab/common/files.h"
#include "irqlab/common/open_beneath.h"
#include "irqlab/common/text.h"

namespace irqlab::test {
namespace fs = std::filesystem;

FakeKernel::FakeKernel(fs::path root, fs::path journal) : root_(std::move(root)), journal_(std::move(journal)) {}

// As the kernel does on CPU offline: a non-managed interrupt whose CPUs are
// all offline gets the online CPUs (managed ones are shut down instead).
void FakeKernel::break_affinities(const std::set<int>& online) {
  for (const auto& entry : fs::directory_iterator(root_ / "proc/irq")) {
    const fs::path file = entry.path() / "smp_affinity_list";
    if (!fs::exists(file)) continue;
    const fs::path debug = root_ / "sys/kernel/debug/irq/irqs" / entry.path().filename();
    if (fs::exists(debug) && read_file(debug).find("IRQD_AFFINITY_MANAGED") != std::string::npos) continue;
    auto cpus = parse_cpu_list(trim(read_file(file)));
    if (!cpus) continue;
    bool any_online = false;
    for (int cpu : *cpus) any_online = any_online || online.count(cpu);
    if (any_online) continue;
    std::ofstream(file) << format_cpu_list(online) << "\n";
    std::ofstream(entry.path() / "effective_affinity_list") << *online.begin() << "\n";
  }
}

WriteResult FakeKernel::write(const fs::path& root, std::string_view abs_path, std::string_view value) {
  std::error_code ec;
  journal_at_write.push_back(fs::exists(journal_, ec) ? read_file(journal_) : "");
  const std::string abs(abs_path);
  writes.push_back(abs + " " + std::string(trim(value)));
  if (deny_open) return {EACCES, true};
  // Opened as the real writer opens it: beneath the root, no symlink followed.
  const int fd = open_beneath(root, abs, O_WRONLY);
  if (fd < 0) return {-fd, true};
  ::close(fd);
  if (refuse_everything) return {EIO, false};
  auto put = [&](const std::string& where, const std::string& text) {
    std::ofstream(root_ / fs::path(where).relative_path()) << text << "\n";
  };
  auto get = [&](const std::string& where) {
    return std::string(trim(read_file(root_ / fs::path(where).relative_path())));
  };
  const std::string v(trim(value));
  auto parts = split(abs, '/');  // "", "proc", "irq", "N", "smp_affinity_list"
  if (parts.size() == 5 && parts[1] == "proc" && parts[2] == "irq" && parts[4] == "smp_affinity_list") {
    const std::string debug = "/sys/kernel/debug/irq/irqs/" + parts[3];
    if (fs::exists(root_ / fs::path(debug).relative_path()) &&
        get(debug).find("IRQD_AFFINITY_MANAGED") != std::string::npos)
      return {EPERM, false};
    auto cpus = parse_cpu_list(v);
    auto online = parse_cpu_list(get("/sys/devices/system/cpu/online"));
    if (!cpus || cpus->empty()) return {EINVAL, false};
    put(abs, format_cpu_list(*cpus));
    for (int cpu : *cpus)
      if (online->count(cpu)) {
        put("/proc/irq/" + parts[3] + "/effective_affinity_list", std::to_string(cpu));
        break;
      }
    return {};
  }
  if (parts.size() == 7 && parts[4] == "cpu" && parts[5].rfind("cpu", 0) == 0 && parts[6] == "online") {
    int cpu = std::stoi(parts[5].substr(3));
    if (refuse_cpus.count(cpu)) return {EBUSY, false};
    auto online = *parse_cpu_list(get("/sys/devices/system/cpu/online"));
    if (v == "1") online.insert(cpu);
    else if (v == "0") online.erase(cpu);
    else return {EINVAL, false};
    put(abs, v);
    put("/sys/devices/system/cpu/online", format_cpu_list(online));
    if (v == "0") break_affinities(online);
    return {};
  }
  put(abs, v);
  return {};
}

}  // namespace irqlab::test
