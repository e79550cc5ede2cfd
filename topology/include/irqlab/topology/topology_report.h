#pragma once
// `irqlab topology`: the machine as a table for people and as versioned JSON
// for programs. The JSON schema is documented in topology/json-schema.md;
// a change that removes or renames a field bumps kTopologyJsonVersion.
#include <nlohmann/json.hpp>
#include <string>

#include "irqlab/topology/machine.h"

namespace irqlab {

inline constexpr const char* kTopologyJsonSchema = "irqlab-topology";
inline constexpr int kTopologyJsonVersion = 1;

nlohmann::ordered_json topology_json(const Machine& m);
std::string topology_table(const Machine& m);

// A CPU set as a JSON array of CPU numbers.
nlohmann::ordered_json cpu_array(const CpuSet& cpus);

}  // namespace irqlab
