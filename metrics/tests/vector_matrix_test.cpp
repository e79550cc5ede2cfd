#include <gtest/gtest.h>

#include <string>

#include "irqlab/metrics/vector_matrix.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/fixture.h"

namespace irqlab {
namespace {

std::string error_of(std::string_view text, const std::string& source = {}) {
  return irqlab::error_of([&] { parse_vector_matrix(text, source); });
}

using Drift = std::vector<std::string>;

TEST(VectorMatrix, LabGuestBeforeTheRun) {
  VectorMatrix m = parse_vector_matrix(read_fixture("guest-override/vector.before"));
  EXPECT_EQ(m.online_maps, 4u);
  EXPECT_EQ(m.global_available, 794u);
  EXPECT_EQ(m.global_reserved, 12u);
  EXPECT_EQ(m.total_allocated, 14u);
  ASSERT_EQ(m.cpus.size(), 4u);
  const VectorMatrixCpu& cpu0 = m.cpus.at(0);
  EXPECT_EQ(cpu0.available, 198u);
  EXPECT_EQ(cpu0.managed, 1u);
  EXPECT_EQ(cpu0.managed_allocated, 1u);
  EXPECT_EQ(cpu0.allocated, 4u);
  EXPECT_EQ(m.cpus.at(3).available, 199u);
  EXPECT_EQ(m.cpus.at(3).allocated, 3u);
}

TEST(VectorMatrix, DriftOfARealMove) {
  VectorMatrix before = parse_vector_matrix(read_fixture("guest-override/vector.before"));
  VectorMatrix moved = parse_vector_matrix(read_fixture("guest-override/vector.moved"));
  VectorMatrix after = parse_vector_matrix(read_fixture("guest-override/vector.after"));
  EXPECT_EQ(managed_reservation_drift(before, moved),
            (Drift{"CPU 2 man 1 -> 0", "CPU 2 mac 1 -> 0", "CPU 3 man 1 -> 2", "CPU 3 mac 1 -> 2"}));
  EXPECT_EQ(managed_reservation_drift(before, after),
            (Drift{"CPU 0 man 1 -> 2", "CPU 0 mac 1 -> 2", "CPU 2 man 1 -> 0", "CPU 2 mac 1 -> 0"}));
  EXPECT_TRUE(managed_reservation_drift(before, before).empty());
}

TEST(VectorMatrix, GlobalReservedAndOfflineCpus) {
  VectorMatrix a, b;
  a.global_reserved = 9;
  b.global_reserved = 10;
  a.cpus[0] = {198, 1, 1, 4};
  a.cpus[3] = {199, 1, 1, 3};  // offline in b: not compared
  b.cpus[0] = {198, 1, 1, 5};  // act is not the reservation
  b.cpus[2] = {199, 2, 2, 3};  // offline in a
  EXPECT_EQ(managed_reservation_drift(a, b), (Drift{"Global reserved 9 -> 10"}));
}

TEST(VectorMatrix, RowWithoutVectorsAndCpuOffline) {
  VectorMatrix m = parse_vector_matrix(
      "Online bitmaps:        3\nGlobal available:    600\nGlobal reserved:       9\nTotal allocated:      10\n"
      "System: 31: 0-17,19\n | CPU | avl | man | mac | act | vectors\n"
      "     0   197     1     1    5  32-35,48\n     1   201     0     0    0  \n     3   199     1     1    3  32-34\n");
  ASSERT_EQ(m.cpus.size(), 3u);
  EXPECT_EQ(m.cpus.count(2), 0u);
  EXPECT_EQ(m.cpus.at(1).allocated, 0u);
  EXPECT_EQ(m.online_maps, 3u);
}

TEST(VectorMatrix, NotTheVectorFile) {
  std::string good = read_fixture("guest-override/vector.before");
  EXPECT_EQ(error_of(""), "not the VECTOR domain file: no 'Online bitmaps:' line");
  EXPECT_EQ(error_of("name:   PCI-MSIX-0000:81:00.0\n size:   0\n"),
            "not the VECTOR domain file: line 1: domain 'PCI-MSIX-0000:81:00.0'");
  EXPECT_EQ(error_of(read_fixture("guest-override/interrupts.after")),
            "not the VECTOR domain file: no 'Online bitmaps:' line");
  std::string bad_row = good;
  bad_row.replace(bad_row.find("   198     1     1    4"), 23, "   198     1     x    4");
  EXPECT_EQ(error_of(bad_row), "not the VECTOR domain file: line 14: bad CPU row '0   198     1     x    4  32-34,48'");
  std::string bad_count = good;
  bad_count.replace(bad_count.find("794"), 3, "79a");
  EXPECT_EQ(error_of(bad_count), "not the VECTOR domain file: line 9: bad count in 'Global available:    79a'");
  std::string no_table = good.substr(0, good.find(" | CPU"));
  EXPECT_EQ(error_of(no_table), "not the VECTOR domain file: no '| CPU | avl | man | mac | act' table");
}

// A run directory holds two of these files: the message says which, and where.
TEST(VectorMatrix, ErrorsNameTheFileAndLine) {
  std::string bad_row = read_fixture("guest-override/vector.before");
  bad_row.replace(bad_row.find("   198     1     1    4"), 23, "   198     1     x    4");
  EXPECT_EQ(error_of(bad_row, "run/vector-matrix.before"),
            "run/vector-matrix.before:14: not the VECTOR domain file: bad CPU row '0   198     1     x    4  32-34,48'");
  EXPECT_EQ(error_of("", "run/vector-matrix.after"),
            "run/vector-matrix.after: not the VECTOR domain file: no 'Online bitmaps:' line");
}

// A CPU id that does not fit an int (4294967295 was CPU -1) is a bad row.
TEST(VectorMatrix, CpuAboveTheLimitIsABadRow) {
  std::string row = read_fixture("guest-override/vector.before");
  row.replace(row.find("     0   198"), 12, "  8192   198");
  EXPECT_NE(error_of(row).find("line 14: bad CPU row '8192   198"), std::string::npos) << error_of(row);
}

}  // namespace
}  // namespace irqlab
