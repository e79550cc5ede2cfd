#include "irqlab/topology/machine.h"

#include "irqlab/common/error.h"

namespace irqlab {

std::vector<const NvmeQueue*> NvmeController::io_queues() const {
  std::vector<const NvmeQueue*> out;
  for (const NvmeQueue& q : queues)
    if (q.qid > 0) out.push_back(&q);
  return out;
}

const NumaNode* Machine::node(int id) const {
  for (const NumaNode& n : nodes)
    if (n.id == id) return &n;
  return nullptr;
}

std::optional<int> Machine::node_of_cpu(int cpu) const {
  for (const NumaNode& n : nodes)
    if (n.cpus.count(cpu)) return n.id;
  return std::nullopt;
}

std::optional<int> Machine::distance(int from_node, int to_node) const {
  std::size_t to_index = nodes.size();
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == to_node) to_index = i;
  const NumaNode* from = node(from_node);
  if (!from || to_index == nodes.size() || from->distances.size() != nodes.size()) return std::nullopt;
  return from->distances[to_index];
}

const NvmeController* Machine::find_controller(std::string_view key) const {
  for (const NvmeController& c : controllers) {
    if (c.name == key || (!c.serial.empty() && c.serial == key) || c.pci_address == key) return &c;
    // "81:00.0" for domain 0000
    if (c.pci_address.size() > 5 && c.pci_address.substr(0, 5) == "0000:" && c.pci_address.substr(5) == key)
      return &c;
  }
  return nullptr;
}

const NvmeController& Machine::controller(std::string_view key) const {
  if (const NvmeController* c = find_controller(key)) return *c;
  throw Error("no NVMe controller '" + std::string(key) + "' (present: " + controller_names() + ")");
}

std::string Machine::controller_names() const {
  std::string out;
  for (const NvmeController& c : controllers)
    out += (out.empty() ? "" : ", ") + c.name + " (" + (c.serial.empty() ? "" : c.serial + ", ") + c.pci_address + ")";
  return out.empty() ? "none" : out;
}

}  // namespace irqlab
