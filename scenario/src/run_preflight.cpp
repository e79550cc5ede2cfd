#include "run_preflight.h"

#include <unistd.h>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/record/recorder.h"
#include "irqlab/record/run_file.h"
#include "irqlab/record/system_file.h"
#include "irqlab/topology/discovery.h"

namespace irqlab {
namespace fs = std::filesystem;

TraceEventAvailability available_trace_events(const std::vector<std::string>& wanted, const fs::path& root) {
  TraceEventAvailability out;
  for (const std::string& e : wanted) {
    const fs::path event_dir = root.empty() ? fs::path() : tracefs_event_dir(root, e);
    const bool ok = !event_dir.empty() && fs::exists(event_dir);
    (ok ? out.available : out.missing).push_back(e);
  }
  return out;
}

namespace {

fs::path check_tools(const Scenario& s, const RunnerOptions& o) {
  if (geteuid() != 0) throw Error("the scenario runner changes interrupts and CPUs: run it as root");
  for (const RecorderOps* ops : registered_recorders())
    if (ops->preflight) ops->preflight(o);
  const auto fio = find_executable(o.fio);
  if (!fio) throw Error("fio not found ('" + o.fio + "'): install fio, or pass --fio");
  if (s.microbench && (o.microbench.empty() || !fs::exists(o.microbench)))
    throw Error("the scenario asks for microbench = yes but irqlab-microbench was not found" +
                (o.microbench.empty() ? std::string() : " at " + o.microbench.string()));
  return *fio;
}

}  // namespace

Preflight run_preflight(const Scenario& s, const RunnerOptions& o) {
  Preflight p;
  p.fio = check_tools(s, o);
  p.machine = discover(DiscoveryOptions{});
  p.harness = o.control.harness_cpus;
  p.harness.insert(o.injector_cpu);
  if (!p.machine.present_cpus.count(o.injector_cpu) || !p.machine.online_cpus.count(o.injector_cpu))
    throw Error("injector CPU " + std::to_string(o.injector_cpu) + " is not an online CPU (online: " +
                format_cpu_list(p.machine.online_cpus) + ")");
  p.events = plan_events(s, p.machine, p.harness);
  p.load = resolve_fio_load(s, p.machine);
  DeviceSafetyOptions safety = o.device;
  safety.write = !fio_load_is_read_only(p.load);
  for (const std::string& f : p.load.filenames) check_workload_device(p.machine, f, safety);
  p.trace = available_trace_events(s.trace_events.empty() ? default_trace_events() : s.trace_events, tracefs_root());
  if (p.trace.available.empty()) throw Error("none of the scenario's tracepoints exist here (is tracefs mounted?)");
  std::error_code ec;
  if (fs::exists(o.out_dir / run_files::kRun, ec)) throw Error(o.out_dir.string() + " already holds a run");
  return p;
}

}  // namespace irqlab
