#include "irqlab/topology/topology_report.h"

#include <cstdio>
#include <sstream>

#include "irqlab/common/text.h"
#include "irqlab/topology/managed_mode.h"

namespace irqlab {
using json = nlohmann::ordered_json;

namespace {

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

json queue_json(const NvmeQueue& q) {
  return json{{"qid", q.qid},
              {"type", q.qid == 0 ? "admin" : "io"},
              {"irq", q.irq},
              {"name", q.name},
              {"hctx", optional_int(q.hctx)},
              {"hctx_cpus", cpu_array(q.hctx_cpus)},
              {"affinity", cpu_array(q.affinity)},
              {"effective_affinity", cpu_array(q.effective)},
              {"effective_cpu", q.effective.size() == 1 && !q.shut_down ? json(*q.effective.begin()) : json(nullptr)},
              {"managed", q.managed ? json(*q.managed) : json(nullptr)},
              {"shut_down", q.shut_down},
              {"affinity_writable", q.affinity_writable},
              {"interrupts", q.count}};
}

json controller_json(const NvmeController& c) {
  json namespaces = json::array();
  for (const NvmeNamespace& ns : c.namespaces)
    namespaces.push_back({{"name", ns.name},
                          {"dev", ns.dev},
                          {"size_bytes", ns.size_bytes},
                          {"partitions", ns.partitions},
                          {"in_use", ns.in_use},
                          {"sysfs_dir", ns.sysfs_dir}});
  json queues = json::array();
  for (const NvmeQueue& q : c.queues) queues.push_back(queue_json(q));
  return json{{"name", c.name},
              {"serial", c.serial},
              {"model", c.model},
              {"pci_address", c.pci_address},
              {"numa_node", optional_int(c.numa_node)},
              {"local_cpus", cpu_array(c.local_cpus)},
              {"locality_source", c.locality_source},
              {"namespaces", namespaces},
              {"queues", queues}};
}

// "1.0G", "512M": the table only needs the order of magnitude.
std::string human_size(std::uint64_t bytes) {
  const char* units[] = {"B", "K", "M", "G", "T"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f%s" : "%.1f%s", v, units[u]);
  return buf;
}

std::string list_or_dash(const CpuSet& cpus) { return cpus.empty() ? "-" : format_cpu_list(cpus); }

std::string managed_word(const NvmeQueue& q) {
  if (!q.managed) return "?";
  return *q.managed ? "yes" : "no";
}

}  // namespace

json cpu_array(const CpuSet& cpus) { return json(std::vector<int>(cpus.begin(), cpus.end())); }

json topology_json(const Machine& m) {
  CpuSet offline;
  for (int cpu : m.present_cpus)
    if (!m.online_cpus.count(cpu)) offline.insert(cpu);
  json nodes = json::array();
  for (const NumaNode& n : m.nodes) {
    CpuSet online;
    for (int cpu : n.cpus)
      if (m.online_cpus.count(cpu)) online.insert(cpu);
    nodes.push_back({{"id", n.id},
                     {"cpus", cpu_array(n.cpus)},
                     {"online_cpus", cpu_array(online)},
                     {"memory_bytes", n.memory_bytes},
                     {"distances", n.distances}});
  }
  json controllers = json::array();
  for (const NvmeController& c : m.controllers) controllers.push_back(controller_json(c));
  return json{{"schema", kTopologyJsonSchema},
              {"version", kTopologyJsonVersion},
              {"root", m.root.string()},
              {"hwloc", m.hwloc_source},
              {"warnings", m.warnings},
              {"kernel",
               {{"release", m.kernel.release},
                {"cmdline", m.kernel.cmdline},
                {"managed_mode", m.kernel.managed_mode ? json(*m.kernel.managed_mode) : json(nullptr)},
                {"boot_id", m.kernel.boot_id}}},
              {"irqbalance", {{"running", !m.irqbalance_pids.empty()}, {"pids", m.irqbalance_pids}}},
              {"cpus",
               {{"present", cpu_array(m.present_cpus)},
                {"online", cpu_array(m.online_cpus)},
                {"offline", cpu_array(offline)},
                {"hotpluggable", cpu_array(m.hotpluggable_cpus)}}},
              {"nodes", nodes},
              {"controllers", controllers}};
}

std::string topology_table(const Machine& m) {
  std::ostringstream out;
  char buf[256];
  out << "kernel      " << (m.kernel.release.empty() ? "?" : m.kernel.release) << "  (managed irq mode: "
      << m.kernel.managed_mode.value_or(std::string(kStockKernel)) << ")\n";
  out << "cmdline     " << m.kernel.cmdline << "\n";
  out << "cpus        " << list_or_dash(m.present_cpus) << ", online " << list_or_dash(m.online_cpus) << "\n";
  out << "irqbalance  ";
  if (m.irqbalance_pids.empty()) {
    out << "not running\n";
  } else {
    out << "RUNNING (pid";
    for (int pid : m.irqbalance_pids) out << " " << pid;
    out << "): it moves interrupts behind irqlab's back\n";
  }
  out << "hwloc       " << m.hwloc_source << "\n";
  for (const std::string& w : m.warnings) out << "warning     " << w << "\n";

  out << "\nnode  cpus        online      memory   distances\n";
  for (const NumaNode& n : m.nodes) {
    CpuSet online;
    for (int cpu : n.cpus)
      if (m.online_cpus.count(cpu)) online.insert(cpu);
    std::string dist;
    for (int d : n.distances) dist += (dist.empty() ? "" : " ") + std::to_string(d);
    std::snprintf(buf, sizeof buf, "%-5d %-11s %-11s %-8s %s\n", n.id, list_or_dash(n.cpus).c_str(),
                  list_or_dash(online).c_str(), human_size(n.memory_bytes).c_str(), dist.empty() ? "?" : dist.c_str());
    out << buf;
  }

  for (const NvmeController& c : m.controllers) {
    out << "\n" << c.name << "  serial " << (c.serial.empty() ? "?" : c.serial) << "  " << c.pci_address << "  node "
        << (c.numa_node ? std::to_string(*c.numa_node) : "?") << " (cpus " << list_or_dash(c.local_cpus) << ", from "
        << c.locality_source << ")\n";
    for (const NvmeNamespace& ns : c.namespaces) {
      out << "  namespace " << ns.name << "  " << human_size(ns.size_bytes) << "  dev " << ns.dev;
      for (const std::string& p : ns.partitions) out << "  " << p;
      for (const std::string& use : ns.in_use) out << "  IN USE: " << use;
      out << "\n";
    }
    out << "  queue  irq   hctx cpus  affinity  effective  managed  interrupts\n";
    for (const NvmeQueue& q : c.queues) {
      std::string hctx = q.qid == 0 ? "(admin)" : list_or_dash(q.hctx_cpus);
      std::snprintf(buf, sizeof buf, "  %-6s %-5d %-10s %-9s %-10s %-8s %llu\n", ("q" + std::to_string(q.qid)).c_str(),
                    q.irq, hctx.c_str(), list_or_dash(q.affinity).c_str(),
                    (q.shut_down ? std::string("shut down") : list_or_dash(q.effective)).c_str(),
                    managed_word(q).c_str(), static_cast<unsigned long long>(q.count));
      out << buf;
    }
  }
  if (m.controllers.empty()) out << "\nno NVMe controller\n";
  return out.str();
}

}  // namespace irqlab
