#include "irqlab/common/text.h"
#include "irqlab/lab/disk_image.h"
#include "irqlab/lab/vm.h"

namespace irqlab {
namespace {

// 9p's virtio transport in 6.12 carries at most 125 pages per message;
// larger msize values are clamped with a warning.
constexpr int kNineP_Msize = 512000;
// Each controller's expander bridge gets a window of buses from here.
constexpr int kFirstExpanderBus = 0x80;
constexpr int kBusesPerExpander = 16;

// QEMU option values separate properties with ','; a literal comma is ",,".
std::string escape_commas(const std::string& value) {
  std::string out;
  for (char c : value) {
    out += c;
    if (c == ',') out += ',';
  }
  return out;
}

std::string megabytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + "M"; }

}  // namespace

std::string kernel_cmdline(const VmOptions& options, const std::filesystem::path& init_path) {
  // panic=-1: reboot at once, which -no-reboot turns into QEMU exiting, so a
  // panic ends the run in seconds instead of at the timeout. oops=panic: an
  // oops in the code under test would otherwise leave a half-dead guest that
  // goes on producing measurements; now it is reported as a panic.
  // tsc=reliable: TCG's TSC follows the host clock, but under load the
  // clocksource watchdog sees it skew against an HPET read late and switches
  // the guest to the HPET mid-run, an emulated device read per clock read:
  // fio fell from 80k to 30k IOPS for the rest of the run.
  std::string cmdline = "console=ttyS0 root=root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=" +
                        std::to_string(kNineP_Msize) + " ro init=" + init_path.string() + " panic=-1 oops=panic"
                        " tsc=reliable";
  if (!trim(options.extra_append).empty()) cmdline += " " + std::string(trim(options.extra_append));
  return cmdline;
}

std::vector<std::string> qemu_machine_options(const LabTopology& topo) {
  std::vector<std::string> argv = {"-machine", "q35", "-accel", "tcg"};
  auto add = [&argv](std::initializer_list<std::string> args) { argv.insert(argv.end(), args); };
  // One CPU per package: QEMU's default puts every CPU in one package, whose
  // shared LLC then spans the NUMA nodes, and the guest kernel warns at boot
  // (topology_sane()). A package per CPU fits any node layout of a preset.
  const std::string cpus = std::to_string(topo.total_cpus());
  add({"-m", megabytes(topo.total_memory_bytes()), "-smp", cpus + ",sockets=" + cpus + ",cores=1,threads=1"});
  for (const NodeSpec& node : topo.nodes) {
    std::string id = std::to_string(node.id);
    add({"-object", "memory-backend-ram,id=mem" + id + ",size=" + megabytes(node.memory_bytes), "-numa",
         "node,nodeid=" + id + ",cpus=" + format_cpu_list(topo.cpus_of_node(node.id)) + ",memdev=mem" + id});
  }
  return argv;
}

std::vector<std::string> qemu_nvme_options(const LabTopology& topo, const std::filesystem::path& disk_dir) {
  std::vector<std::string> argv;
  // One expander bridge per controller, on the controller's node (node 0
  // too: a device on pcie.0 has no node, numa_node -1 in the guest).
  for (const NvmeSpec& nvme : topo.controllers) {
    std::string i = std::to_string(nvme.index);
    std::string image = escape_commas(nvme_image_path(disk_dir, nvme).string());
    argv.insert(argv.end(),
                {"-device",
                 "pxb-pcie,id=pxb" + i + ",bus_nr=" + std::to_string(kFirstExpanderBus + kBusesPerExpander * nvme.index) +
                     ",numa_node=" + std::to_string(nvme.node) + ",bus=pcie.0",
                 "-device", "pcie-root-port,id=rp" + i + ",bus=pxb" + i + ",chassis=" + std::to_string(nvme.index + 1),
                 "-drive",
                 "file=" + image + ",if=none,id=nvme" + i + "disk,format=raw,cache=none,aio=io_uring" +
                     (nvme.iops_limit ? ",throttling.iops-total=" + std::to_string(nvme.iops_limit) : ""),
                 "-device",
                 "nvme,serial=" + lab_nvme_serial(nvme.index) + ",drive=nvme" + i + "disk,max_ioqpairs=" +
                     std::to_string(nvme.queues) + ",bus=rp" + i});
  }
  return argv;
}

std::string lab_nvme_serial(int index) { return "irqlab" + std::to_string(index); }

std::vector<std::string> qemu_command(const VmOptions& options, const std::filesystem::path& share_dir,
                                      const std::filesystem::path& init_path, const std::filesystem::path& console_log) {
  const LabTopology& topo = options.topology;
  std::vector<std::string> argv = {options.qemu, "-nodefaults", "-nographic", "-display", "none", "-no-reboot",
                                   "-monitor", "none"};
  auto add = [&argv](const std::vector<std::string>& args) { argv.insert(argv.end(), args.begin(), args.end()); };

  // The serial console goes to console.log; when verbose, also to stdout.
  std::string log = escape_commas(console_log.string());
  add({"-chardev", options.verbose ? "stdio,id=console,signal=off,logfile=" + log : "file,id=console,path=" + log,
       "-serial", "chardev:console"});
  add(qemu_machine_options(topo));
  add({"-kernel", options.kernel_image.string(), "-append", kernel_cmdline(options, init_path)});
  if (options.gdb_port != 0) add({"-gdb", "tcp:127.0.0.1:" + std::to_string(options.gdb_port)});

  // With expander bridges present, every other PCI device needs an explicit
  // bus=pcie.0 or QEMU tries to plug it into an expander and refuses.
  add({"-fsdev", "local,id=root,path=/,security_model=none,readonly=on,multidevs=remap", "-device",
       "virtio-9p-pci,fsdev=root,mount_tag=root,bus=pcie.0"});
  add({"-fsdev", "local,id=share,path=" + escape_commas(share_dir.string()) + ",security_model=none", "-device",
       "virtio-9p-pci,fsdev=share,mount_tag=irqlab_share,bus=pcie.0"});
  add(qemu_nvme_options(topo, options.disk_dir));
  return argv;
}

}  // namespace irqlab
