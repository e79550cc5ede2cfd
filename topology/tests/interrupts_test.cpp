#include "irqlab/topology/interrupts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"

namespace irqlab {
namespace {

InterruptTable fixture(const std::string& name) {
  return parse_proc_interrupts(read_file(std::string(IRQLAB_FIXTURES_DIR) + "/interrupts/" + name));
}

using Counts = std::vector<std::uint64_t>;

// --- captured from real kernels (see fixtures/interrupts/README) ---

TEST(ProcInterrupts, HostKernel618TwoCpus) {
  InterruptTable t = fixture("host-6.18-2cpu.txt");
  EXPECT_EQ(t.cpus, (std::vector<int>{0, 1}));
  const InterruptLine* serial = t.find_by_name("ttyS0");
  ASSERT_NE(serial, nullptr);
  EXPECT_EQ(serial->irq, "26");
  EXPECT_EQ(serial->chip, "IO-APIC  4-edge");
  ASSERT_EQ(serial->per_cpu.size(), 2u);

  const InterruptLine* vq = t.find_by_name("virtio0-config");
  ASSERT_NE(vq, nullptr);
  EXPECT_EQ(vq->chip, "PCI-MSIX-0000:00:01.0  0-edge");

  const InterruptLine* loc = t.find_by_irq("LOC");
  ASSERT_NE(loc, nullptr);
  EXPECT_EQ(loc->name, "Local timer interrupts");
  EXPECT_TRUE(loc->chip.empty());
  EXPECT_EQ(loc->per_cpu.size(), 2u);
  EXPECT_GT(loc->per_cpu[0], 0u);

  const InterruptLine* err = t.find_by_irq("ERR");
  ASSERT_NE(err, nullptr);
  EXPECT_EQ(err->per_cpu, Counts{0});
  EXPECT_TRUE(err->name.empty());
  // Descriptions are not action names.
  EXPECT_EQ(t.find_by_name("Local timer interrupts"), nullptr);
}

TEST(ProcInterrupts, LabGuest612WithNvmeQueues) {
  InterruptTable t = fixture("guest-6.12-numa2x2-nvme4q.txt");
  EXPECT_EQ(t.cpus, (std::vector<int>{0, 1, 2, 3}));
  const InterruptLine* admin = t.find_by_name("nvme0q0");
  ASSERT_NE(admin, nullptr);
  EXPECT_EQ(admin->chip, "PCI-MSIX-0000:81:00.0  0-edge");
  EXPECT_EQ(admin->irq, "28");
  EXPECT_EQ(t.find_by_name("nvme0q2")->per_cpu, (Counts{0, 0, 0, 17521}));
  for (const char* q : {"nvme0q1", "nvme0q2", "nvme0q3", "nvme0q4"}) {
    const InterruptLine* line = t.find_by_name(q);
    ASSERT_NE(line, nullptr) << q;
    EXPECT_EQ(line->per_cpu.size(), 4u);
    EXPECT_EQ(t.find_by_irq(line->irq), line);
  }
  EXPECT_EQ(t.find_by_name("nvme0q5"), nullptr);
}

TEST(ProcInterrupts, LabGuest612AfterCpuOffline) {
  // cpu1 offlined: its column disappears, numbering keeps a gap.
  InterruptTable t = fixture("guest-6.12-numa2x2-cpu1-offline.txt");
  EXPECT_EQ(t.cpus, (std::vector<int>{0, 2, 3}));
  const InterruptLine* q = t.find_by_name("nvme0q2");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->per_cpu.size(), 3u);
  const InterruptLine* loc = t.find_by_irq("LOC");
  ASSERT_NE(loc, nullptr);
  EXPECT_EQ(loc->per_cpu.size(), 3u);
}

// --- small hand-written edge cases ---

TEST(ProcInterrupts, HeaderWithGapsAndDeviceRow) {
  InterruptTable t = parse_proc_interrupts(
      "           CPU0       CPU2       CPU5\n"
      "  24:          0         12          3  PCI-MSIX-0000:81:00.0    1-edge      nvme0q1\n");
  EXPECT_EQ(t.cpus, (std::vector<int>{0, 2, 5}));
  ASSERT_EQ(t.lines.size(), 1u);
  EXPECT_EQ(t.lines[0].irq, "24");
  EXPECT_EQ(t.lines[0].per_cpu, (Counts{0, 12, 3}));
  EXPECT_EQ(t.lines[0].chip, "PCI-MSIX-0000:81:00.0  1-edge");
  EXPECT_EQ(t.lines[0].name, "nvme0q1");
}

TEST(ProcInterrupts, NamesWithSpacesAndSharedActions) {
  InterruptTable t = parse_proc_interrupts(
      "           CPU0       CPU1\n"
      " 120:          0          0  PCI-MSI-0000:00:1c.0   0-edge      PCIe PME, aerdrv\n"
      "   9:          0          4   IO-APIC   9-fasteoi   acpi\n");
  ASSERT_EQ(t.lines.size(), 2u);
  EXPECT_EQ(t.lines[0].name, "PCIe PME, aerdrv");
  EXPECT_EQ(t.find_by_name("aerdrv"), &t.lines[0]);
  EXPECT_EQ(t.find_by_name("PCIe PME"), &t.lines[0]);
  EXPECT_EQ(t.lines[1].chip, "IO-APIC  9-fasteoi");
  EXPECT_EQ(t.find_by_name("acpi"), &t.lines[1]);
}

TEST(ProcInterrupts, ChipWithoutDomainOrHandlerName) {
  InterruptTable t = parse_proc_interrupts(
      "           CPU0\n"
      "   2:          0      XT-PIC        -edge      cascade\n"
      "  11:          5       GICv3  27 Level     arch_timer\n"
      "  12:          7     dummy\n");
  ASSERT_EQ(t.lines.size(), 3u);
  EXPECT_EQ(t.lines[0].chip, "XT-PIC  -edge");
  EXPECT_EQ(t.lines[0].name, "cascade");
  EXPECT_EQ(t.lines[1].chip, "GICv3  27 Level");
  EXPECT_EQ(t.lines[1].name, "arch_timer");
  EXPECT_EQ(t.lines[2].chip, "dummy");  // counts but no action left
  EXPECT_TRUE(t.lines[2].name.empty());
}

TEST(ProcInterrupts, ArchRowsAndSingleCountRows) {
  InterruptTable t = parse_proc_interrupts(
      "           CPU0       CPU1\n"
      "NMI:          0          0   Non-maskable interrupts\n"
      "ERR:          0\n"
      "MIS:          3\n");
  ASSERT_EQ(t.lines.size(), 3u);
  EXPECT_EQ(t.lines[0].name, "Non-maskable interrupts");
  EXPECT_EQ(t.lines[1].per_cpu, Counts{0});
  EXPECT_EQ(t.lines[2].per_cpu, Counts{3});
  EXPECT_EQ(t.find_by_irq("MIS"), &t.lines[2]);
  EXPECT_EQ(t.find_by_irq("PIN"), nullptr);
}

TEST(ProcInterrupts, LargeCountsWiderThanTheColumn) {
  InterruptTable t = parse_proc_interrupts(
      "           CPU0       CPU1\n"
      " 30: 12345678901234          1  PCI-MSIX-0000:81:00.0   2-edge      nvme0q2\n");
  EXPECT_EQ(t.lines[0].per_cpu, (Counts{12345678901234ull, 1}));
}

TEST(ProcInterrupts, RejectsWhatIsNotProcInterrupts) {
  EXPECT_THROW(parse_proc_interrupts(""), Error);
  EXPECT_THROW(parse_proc_interrupts("hello world\n"), Error);
  // A device row with fewer counts than CPU columns.
  EXPECT_THROW(parse_proc_interrupts("      CPU0       CPU1\n 24:     5  IO-APIC  2-edge  timer\n"), Error);
  EXPECT_THROW(parse_proc_interrupts("      CPU0\nno colon here\n"), Error);
  try {
    parse_proc_interrupts("      CPU0       CPU1\n 24:     5  IO-APIC  2-edge  timer\n");
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("line 2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace irqlab
