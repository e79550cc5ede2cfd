// run.json to and from RunManifest.
#include "irqlab/record/run_manifest.h"

#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

namespace irqlab {

namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

template <typename T>
ojson optional_json(const std::optional<T>& v) {
  return v ? ojson(*v) : ojson(nullptr);
}

}  // namespace

CpuSet cpu_set_from_json(const nlohmann::json& v) {
  CpuSet out;
  if (v.is_array())
    for (const nlohmann::json& c : v) out.insert(c.get<int>());
  else if (v.is_string())
    out = parse_cpu_list(v.get<std::string>()).value_or(CpuSet{});
  return out;
}

namespace {

template <typename T>
void optional_field(const json& j, const char* key, T& out) {
  if (j.contains(key) && !j.at(key).is_null()) out = j.at(key).get<T>();
}

template <typename T>
void optional_field(const json& j, const char* key, std::optional<T>& out) {
  if (j.contains(key) && !j.at(key).is_null()) out = j.at(key).get<T>();
}

}  // namespace

ojson manifest_json(const RunManifest& m) {
  ojson j;
  j["schema"] = kRunJsonSchema;
  j["scenario"] = m.scenario;
  j["kernel_release"] = m.kernel_release;
  j["cmdline"] = m.cmdline;
  j["managed_mode"] = optional_json(m.managed_mode);
  j["injector_cpu"] = m.injector_cpu;
  j["injector_pinned"] = m.injector_pinned;
  j["trace_events"] = m.trace_events;
  j["missing_trace_events"] = m.missing_trace_events;
  j["trace_cmd_events"] = m.trace_cmd_events;
  j["ftrace_events"] = m.ftrace_events;
  j["duration_ns"] = m.duration_ns;
  j["log_interval_ns"] = m.log_interval_ns;
  ojson nodes = ojson::object();
  for (const auto& [id, cpus] : m.nodes) nodes[std::to_string(id)] = format_cpu_list(cpus);
  j["nodes"] = nodes;
  ojson queues = ojson::array();
  for (const ManifestQueue& q : m.queues)
    queues.push_back({{"name", q.name}, {"irq", q.irq}, {"controller", q.controller},
                      {"controller_node", optional_json(q.controller_node)},
                      {"hctx_cpus", format_cpu_list(q.hctx_cpus)}, {"affinity", format_cpu_list(q.affinity)}});
  j["queues"] = queues;
  j["perf_command"] = m.perf_command;
  if (!m.trace_cmd_command.empty()) j["trace_cmd_command"] = m.trace_cmd_command;
  j["fio_command"] = m.fio_command;
  j["perf_data"] = m.perf_data;
  j["perf_notes"] = m.perf_notes;
  j["restored"] = m.restored;
  if (m.microbench) j["microbench"] = *m.microbench;
  j["start_ns"] = m.start_ns;
  j["end_ns"] = m.end_ns;
  j["fio_exit"] = m.fio_exit;
  j["fio_status"] = m.fio_status;
  j["perf_status"] = m.perf_status;
  if (m.trace_cmd_status) j["trace_cmd_status"] = *m.trace_cmd_status;
  return j;
}

RunManifest parse_manifest(const json& j, const std::string& where) {
  RunManifest m;
  try {
    if (j.at("schema").get<std::string>() != kRunJsonSchema)
      throw Error(where + ": schema " + j.at("schema").get<std::string>() + ", expected " + kRunJsonSchema);
    m.scenario = j.value("scenario", "");
    optional_field(j, "managed_mode", m.managed_mode);
    m.kernel_release = j.at("kernel_release").get<std::string>();
    m.cmdline = j.at("cmdline").get<std::string>();
    m.start_ns = j.at("start_ns").get<std::int64_t>();
    m.end_ns = j.at("end_ns").get<std::int64_t>();
    m.log_interval_ns = j.at("log_interval_ns").get<std::int64_t>();
    optional_field(j, "duration_ns", m.duration_ns);
    m.trace_events = j.at("trace_events").get<std::vector<std::string>>();
    m.missing_trace_events = j.at("missing_trace_events").get<std::vector<std::string>>();
    optional_field(j, "perf_command", m.perf_command);
    optional_field(j, "trace_cmd_command", m.trace_cmd_command);
    optional_field(j, "fio_command", m.fio_command);
    optional_field(j, "perf_notes", m.perf_notes);
    optional_field(j, "microbench", m.microbench);
    optional_field(j, "trace_cmd_events", m.trace_cmd_events);
    optional_field(j, "ftrace_events", m.ftrace_events);
    optional_field(j, "perf_data", m.perf_data);
    optional_field(j, "injector_cpu", m.injector_cpu);
    optional_field(j, "injector_pinned", m.injector_pinned);
    optional_field(j, "fio_exit", m.fio_exit);
    optional_field(j, "fio_status", m.fio_status);
    optional_field(j, "perf_status", m.perf_status);
    optional_field(j, "trace_cmd_status", m.trace_cmd_status);
    optional_field(j, "restored", m.restored);
    for (const auto& [node, cpus] : j.at("nodes").items()) m.nodes[std::stoi(node)] = cpu_set_from_json(cpus);
    for (const json& q : j.at("queues")) {
      ManifestQueue queue;
      queue.name = q.at("name").get<std::string>();
      queue.irq = q.at("irq").get<int>();
      optional_field(q, "controller", queue.controller);
      optional_field(q, "controller_node", queue.controller_node);
      queue.hctx_cpus = cpu_set_from_json(q.at("hctx_cpus"));
      if (q.contains("affinity")) queue.affinity = cpu_set_from_json(q.at("affinity"));
      m.queues.push_back(std::move(queue));
    }
  } catch (const json::exception& e) {
    throw Error(where + ": malformed: " + e.what());
  } catch (const std::logic_error& e) {  // stoi on a node id that is not a number
    throw Error(where + ": malformed node id: " + e.what());
  }
  return m;
}

}  // namespace irqlab
