#include "irqlab/topology/capture.h"

#include <hwloc.h>

#include <cstdio>
#include <cctype>
#include <ctime>
#include <fstream>

#include "hwloc_facts.h"
#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// /proc/<pid>/...: only irqbalance's own files belong in a fixture; the rest
// are this moment's processes.
bool is_process_path(const std::string& abs, std::string* pid) {
  if (!starts_with(abs, "/proc/")) return false;
  std::string rest = abs.substr(6);
  std::string first = rest.substr(0, rest.find('/'));
  if (first.empty() || !std::isdigit(static_cast<unsigned char>(first[0]))) return false;
  if (pid) *pid = first;
  return true;
}

void write_text(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw Error("cannot write " + path.string());
}

std::string utc_now() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

}  // namespace

CaptureResult capture_topology(const DiscoveryOptions& source, const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    throw Error("capture directory " + dir.string() + " is not empty");
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create " + dir.string() + ": " + ec.message());

  SysRoot sys(source.root);
  AccessLog log;
  sys.record_to(&log);
  CaptureResult result;
  result.machine = discover(sys, source.hwloc_xml);
  sys.record_to(nullptr);

  std::set<std::string> irqbalance_procs;
  for (const auto& [abs, content] : log.files) {
    std::string pid;
    if (is_process_path(abs, &pid) && abs == "/proc/" + pid + "/comm" && trim(content) == "irqbalance")
      irqbalance_procs.insert(pid);
  }
  // Listed directories first: an empty one (holders/) must stay a directory.
  for (const auto& [abs, names] : log.listings)
    if (abs != "/proc") fs::create_directories(dir / fs::path(abs).relative_path());
  for (const auto& [abs, content] : log.files) {
    std::string pid;
    if (is_process_path(abs, &pid) && !irqbalance_procs.count(pid)) continue;
    write_text(dir / fs::path(abs).relative_path(), content);
    ++result.files;
  }
  // Names discovery only listed (msi_irqs/28, holders/dm-0, node1/cpu3).
  for (const auto& [abs, names] : log.listings) {
    if (abs == "/proc") continue;  // processes: see above
    const fs::path listed = dir / fs::path(abs).relative_path();
    for (const std::string& name : names) {
      if (fs::exists(listed / name, ec)) continue;
      write_text(listed / name, "");
      ++result.files;
    }
  }

  const fs::path xml = dir / kCapturedHwlocXml;
  if (!source.hwloc_xml.empty()) {
    fs::copy_file(source.hwloc_xml, xml, ec);
    if (ec) throw Error("cannot copy " + source.hwloc_xml.string() + " to " + xml.string() + ": " + ec.message());
  } else if (sys.is_live()) {
    export_live_hwloc_xml(xml);
  } else if (fs::exists(sys.root() / kCapturedHwlocXml, ec)) {
    fs::copy_file(sys.root() / kCapturedHwlocXml, xml, ec);
  }

  std::string info = "captured by: irqlab topology capture\n";
  info += "date: " + utc_now() + "\n";
  info += "root: " + sys.root().string() + "\n";
  info += "kernel: " + result.machine.kernel.release + "\n";
  info += "cmdline: " + result.machine.kernel.cmdline + "\n";
  char api[16];
  std::snprintf(api, sizeof api, "%x", hwloc_get_api_version());
  info += "hwloc: " + result.machine.hwloc_source + " (hwloc API 0x" + api + ")\n";
  write_text(dir / "capture-info.txt", info);
  return result;
}

}  // namespace irqlab
