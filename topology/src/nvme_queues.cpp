// Queue interrupts of an NVMe controller. hwloc knows nothing of them:
// msi_irqs lists the controller's vectors, /proc/interrupts names them
// ("nvme0q1"), /proc/irq/N holds their affinity, and the namespace's blk-mq
// directory maps each hardware context to the CPUs that submit to it.
#include <algorithm>
#include <cctype>
#include <numeric>

#include "discovery_parts.h"
#include "irqlab/common/numbers.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/interrupts.h"

namespace irqlab {
namespace {

// "nvme0q3" for controller "nvme0" -> 3.
std::optional<int> queue_id(std::string_view action, const std::string& controller) {
  action = trim(action);
  if (!starts_with(action, controller + "q")) return std::nullopt;
  std::string_view digits = action.substr(controller.size() + 1);
  auto is_digit = [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)) != 0; };
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
  return parse_number<int>(digits);  // nullopt past INT_MAX: no wrapped queue id
}

// Adds a queue for every action of `line` that names one of c's queues
// (a shared vector lists its actions as "a, b").
void add_queues_of_line(const InterruptLine& line, NvmeController& c) {
  auto irq = parse_number<int>(line.irq);
  if (!irq) return;
  for (const std::string& action : split(line.name, ',')) {
    auto qid = queue_id(action, c.name);
    if (!qid) continue;
    NvmeQueue q;
    q.qid = *qid;
    q.irq = *irq;
    q.name = std::string(trim(action));
    q.count = std::accumulate(line.per_cpu.begin(), line.per_cpu.end(), std::uint64_t{0});
    c.queues.push_back(std::move(q));
  }
}

void read_irq_state(const SysRoot& sys, NvmeQueue& q) {
  const std::string dir = "/proc/irq/" + std::to_string(q.irq);
  q.affinity = sys.read_cpu_list(dir + "/smp_affinity_list").value_or(CpuSet{});
  q.effective = sys.read_cpu_list(dir + "/effective_affinity_list").value_or(CpuSet{});
  q.affinity_writable = sys.owner_writable(dir + "/smp_affinity_list");
  // GENERIC_IRQ_DEBUGFS names the state flags; without debugfs "managed" stays unknown.
  if (auto state = sys.read("/sys/kernel/debug/irq/irqs/" + std::to_string(q.irq))) {
    q.managed = state->find("IRQD_AFFINITY_MANAGED") != std::string::npos;
    q.shut_down = state->find("IRQD_MANAGED_SHUTDOWN") != std::string::npos;
  }
}

// nvme-pci binds hardware context i to queue i + 1 (nvme_init_hctx:
// dev->queues[hctx_idx + 1]), across the default, read and poll maps.
void read_hctx_map(const SysRoot& sys, NvmeController& c) {
  for (const NvmeNamespace& ns : c.namespaces) {
    const std::string mq = ns.sysfs_dir + "/mq";
    if (sys.list(mq).empty()) continue;
    for (NvmeQueue& q : c.queues) {
      if (q.qid == 0) continue;
      const std::string hctx = mq + "/" + std::to_string(q.qid - 1);
      if (auto cpus = sys.read_cpu_list(hctx + "/cpu_list")) {
        q.hctx = q.qid - 1;
        q.hctx_cpus = *cpus;
      }
    }
    return;  // every namespace of a controller shares its tag set and map
  }
}

}  // namespace

void read_nvme_queues(const SysRoot& sys, const InterruptTable& table, NvmeController& c) {
  // Without debugfs: a managed irq whose CPUs are all offline is shut down
  // (its effective affinity then shows a stale CPU).
  const CpuSet online = sys.read_cpu_list("/sys/devices/system/cpu/online").value_or(CpuSet{});
  std::vector<std::string> vectors = sys.list("/sys/class/nvme/" + c.name + "/device/msi_irqs");
  if (!vectors.empty()) {
    for (const std::string& irq : vectors)
      if (const InterruptLine* line = table.find_by_irq(irq)) add_queues_of_line(*line, c);
  } else {
    for (const InterruptLine& line : table.lines) add_queues_of_line(line, c);
  }
  std::sort(c.queues.begin(), c.queues.end(), [](const NvmeQueue& a, const NvmeQueue& b) { return a.qid < b.qid; });
  for (NvmeQueue& q : c.queues) {
    read_irq_state(sys, q);
    if (!q.managed.has_value() && q.qid > 0 && !online.empty() &&
        std::none_of(q.affinity.begin(), q.affinity.end(), [&](int cpu) { return online.count(cpu) > 0; }))
      q.shut_down = true;
  }
  read_hctx_map(sys, c);
}

}  // namespace irqlab
