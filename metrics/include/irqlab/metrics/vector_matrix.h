#pragma once
// x86's vector matrix as /sys/kernel/debug/irq/domains/VECTOR prints it:
// the global counts and one row per online CPU.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace irqlab {

struct VectorMatrixCpu {
  unsigned available = 0;   // avl
  unsigned managed = 0;     // man: reserved for managed interrupts
  unsigned managed_allocated = 0;  // mac
  unsigned allocated = 0;   // act
};

struct VectorMatrix {
  unsigned online_maps = 0, global_available = 0, global_reserved = 0, total_allocated = 0;
  std::map<int, VectorMatrixCpu> cpus;   // online CPUs only
};

// Throws Error when the text is not the VECTOR domain file, naming source
// and the line ("run/vector-matrix.before:14: not the VECTOR domain file: ...").
VectorMatrix parse_vector_matrix(std::string_view text, const std::string& source = {});

// What changed in the managed reservation between two snapshots: one line
// per difference ("Global reserved 9 -> 10", "CPU 3 man 1 -> 0"); empty when
// the reservation is back where it was. CPUs missing from either snapshot
// (offline at the time) are not compared.
std::vector<std::string> managed_reservation_drift(const VectorMatrix& before, const VectorMatrix& after);

}  // namespace irqlab
