#include <gtest/gtest.h>

#include <algorithm>

#include "irqlab/lab/vm.h"

namespace irqlab {
namespace {

LabTopology two_nodes(int nvme_node) {
  LabTopology t;
  t.name = "t";
  t.nodes = {{0, 2, 1ull << 30}, {1, 2, 1ull << 30}};
  t.controllers = {{0, nvme_node, 4, 1ull << 30}};
  return t;
}

VmOptions options_for(LabTopology topo) {
  VmOptions o;
  o.kernel_image = "/k/bzImage";
  o.topology = std::move(topo);
  o.run_dir = "/r";
  o.disk_dir = "/d";
  return o;
}

std::vector<std::string> command_for(const VmOptions& o) {
  return qemu_command(o, "/r/share", "/r/init.sh", "/r/console.log");
}

// The value following `flag` each time it occurs.
std::vector<std::string> values_of(const std::vector<std::string>& argv, const std::string& flag) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == flag) out.push_back(argv[i + 1]);
  return out;
}

bool has_sequence(const std::vector<std::string>& argv, const std::vector<std::string>& seq) {
  return std::search(argv.begin(), argv.end(), seq.begin(), seq.end()) != argv.end();
}

TEST(QemuCommand, MachineAndConsole) {
  auto argv = command_for(options_for(two_nodes(0)));
  EXPECT_EQ(argv.at(0), "qemu-system-x86_64");
  EXPECT_TRUE(has_sequence(argv, {"-machine", "q35", "-accel", "tcg"}));
  for (const char* flag : {"-nographic", "-no-reboot", "-nodefaults"})
    EXPECT_NE(std::find(argv.begin(), argv.end(), flag), argv.end()) << flag;
  EXPECT_TRUE(has_sequence(argv, {"-display", "none"}));
  EXPECT_TRUE(has_sequence(argv, {"-monitor", "none"}));
  EXPECT_EQ(values_of(argv, "-chardev"), (std::vector<std::string>{"file,id=console,path=/r/console.log"}));
  EXPECT_EQ(values_of(argv, "-serial"), (std::vector<std::string>{"chardev:console"}));
  EXPECT_EQ(values_of(argv, "-kernel"), (std::vector<std::string>{"/k/bzImage"}));
}

TEST(QemuCommand, AGdbStubOnlyWhenAsked) {
  auto options = options_for(two_nodes(0));
  EXPECT_TRUE(values_of(command_for(options), "-gdb").empty());
  options.gdb_port = 1234;
  EXPECT_EQ(values_of(command_for(options), "-gdb"), (std::vector<std::string>{"tcp:127.0.0.1:1234"}));
}

TEST(QemuCommand, VerboseCopiesTheConsoleToStdout) {
  VmOptions o = options_for(two_nodes(0));
  o.verbose = true;
  o.qemu = "/opt/qemu";
  auto argv = command_for(o);
  EXPECT_EQ(argv.at(0), "/opt/qemu");
  EXPECT_EQ(values_of(argv, "-chardev"),
            (std::vector<std::string>{"stdio,id=console,signal=off,logfile=/r/console.log"}));
}

TEST(QemuCommand, NumaNodes) {
  LabTopology t = two_nodes(0);
  t.nodes[1].cpus = 3;
  t.nodes[1].memory_bytes = 512ull << 20;
  auto argv = command_for(options_for(t));
  EXPECT_EQ(values_of(argv, "-m"), (std::vector<std::string>{"1536M"}));
  EXPECT_EQ(values_of(argv, "-smp"), (std::vector<std::string>{"5,sockets=5,cores=1,threads=1"}));
  EXPECT_EQ(values_of(argv, "-object"), (std::vector<std::string>{"memory-backend-ram,id=mem0,size=1024M",
                                                                   "memory-backend-ram,id=mem1,size=512M"}));
  EXPECT_EQ(values_of(argv, "-numa"), (std::vector<std::string>{"node,nodeid=0,cpus=0-1,memdev=mem0",
                                                                 "node,nodeid=1,cpus=2-4,memdev=mem1"}));
}

TEST(QemuCommand, SingleCpuNode) {
  LabTopology t = two_nodes(0);
  t.nodes[0].cpus = 1;
  auto numa = values_of(command_for(options_for(t)), "-numa");
  EXPECT_EQ(numa.at(0), "node,nodeid=0,cpus=0,memdev=mem0");
  EXPECT_EQ(numa.at(1), "node,nodeid=1,cpus=1-2,memdev=mem1");
}

TEST(QemuCommand, EachControllerBehindItsOwnExpanderOnItsNode) {
  LabTopology t = two_nodes(1);
  t.controllers.push_back({1, 0, 8, 512ull << 20, 200});  // a throttled drive
  auto argv = command_for(options_for(t));
  EXPECT_EQ(values_of(argv, "-device"),
            (std::vector<std::string>{
                "virtio-9p-pci,fsdev=root,mount_tag=root,bus=pcie.0",
                "virtio-9p-pci,fsdev=share,mount_tag=irqlab_share,bus=pcie.0",
                "pxb-pcie,id=pxb0,bus_nr=128,numa_node=1,bus=pcie.0",
                "pcie-root-port,id=rp0,bus=pxb0,chassis=1",
                "nvme,serial=irqlab0,drive=nvme0disk,max_ioqpairs=4,bus=rp0",
                "pxb-pcie,id=pxb1,bus_nr=144,numa_node=0,bus=pcie.0",
                "pcie-root-port,id=rp1,bus=pxb1,chassis=2",
                "nvme,serial=irqlab1,drive=nvme1disk,max_ioqpairs=8,bus=rp1",
            }));
  EXPECT_EQ(values_of(argv, "-drive"),
            (std::vector<std::string>{
                "file=/d/nvme0-1G.img,if=none,id=nvme0disk,format=raw,cache=none,aio=io_uring",
                "file=/d/nvme1-512M.img,if=none,id=nvme1disk,format=raw,cache=none,aio=io_uring,throttling.iops-total=200",
            }));
}

TEST(QemuCommand, NinePShares) {
  auto argv = command_for(options_for(two_nodes(0)));
  EXPECT_EQ(values_of(argv, "-fsdev"),
            (std::vector<std::string>{"local,id=root,path=/,security_model=none,readonly=on,multidevs=remap",
                                      "local,id=share,path=/r/share,security_model=none"}));
}

TEST(QemuCommand, CommasInPathsAreEscaped) {
  VmOptions o = options_for(two_nodes(0));
  o.disk_dir = "/a,b";
  auto argv = qemu_command(o, "/r,1/share", "/r,1/init.sh", "/r,1/console.log");
  EXPECT_EQ(values_of(argv, "-fsdev").at(1), "local,id=share,path=/r,,1/share,security_model=none");
  EXPECT_EQ(values_of(argv, "-drive").at(0).substr(0, 24), "file=/a,,b/nvme0-1G.img,");
  EXPECT_EQ(values_of(argv, "-chardev").at(0), "file,id=console,path=/r,,1/console.log");
}

TEST(KernelCmdline, OursThenExtraAppendLast) {
  VmOptions o = options_for(two_nodes(0));
  EXPECT_EQ(kernel_cmdline(o, "/r/init.sh"),
            "console=ttyS0 root=root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=512000 ro "
            "init=/r/init.sh panic=-1 oops=panic tsc=reliable");
  o.extra_append = "  init=/nonexistent irqaffinity=0 ";
  std::string cmdline = kernel_cmdline(o, "/r/init.sh");
  EXPECT_TRUE(cmdline.ends_with(" tsc=reliable init=/nonexistent irqaffinity=0")) << cmdline;
  EXPECT_EQ(values_of(command_for(o), "-append"), (std::vector<std::string>{kernel_cmdline(o, "/r/init.sh")}));
}

}  // namespace
}  // namespace irqlab
