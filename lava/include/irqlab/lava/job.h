#pragma once
// LAVA job definitions for irqlab boots. One job is one boot: deploy the lab
// kernel and irqlab's ramdisk, boot with irq_managed=<mode>, run the scenario
// at the ramdisk's shell (an interactive test: no overlay, no network), and
// print the run directory to the console, where `irqlab lava collect` finds
// it in the job's log.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace irqlab {

// The shell prompt of irqlab's ramdisk, and the lines its scripts print.
inline constexpr const char* kLavaPrompt = "irqlab-lava# ";
inline constexpr const char* kLavaRunOk = "irqlab-lava: run ok";
inline constexpr const char* kLavaRunFailed = "irqlab-lava: run failed";
inline constexpr const char* kLavaRecordsBegin = "irqlab-records-begin";
inline constexpr const char* kLavaRecordsEnd = "irqlab-records-end";

struct LavaJob {
  std::string name;                        // job_name
  std::string device_type;                 // "qemu": the boot method is qemu; else --boot-method
  std::string boot_method;                 // for other device types: ipxe, grub, u-boot
  std::string kernel_url, ramdisk_url;
  std::string kernel_args;                 // irq_managed=<mode> and the rest
  std::string scenario;                    // its name: /irqlab/scenarios/<name>.scenario in the ramdisk
  std::vector<std::string> run_args;       // more `irqlab scenario run` arguments
  std::vector<std::string> qemu_options;   // qemu: the job context's extra_options
  unsigned test_minutes = 30;              // the scenario run; the job's limit adds boot and transfer
  std::map<std::string, std::string> metadata;
};

// The job definition (YAML). Throws Error for a value that cannot travel in
// it (a newline; a quote, '$', '`' or '\' in the kernel arguments or the run
// arguments, which LAVA passes through a shell).
std::string lava_job_yaml(const LavaJob& job);

// The device dictionary lava-server renders from its qemu device type for a
// job with these context extra_options: what `lava-run --device` needs to
// run the job without a server.
std::string lava_qemu_device_yaml(const std::vector<std::string>& extra_options);

// Throws Error "<what>: ..." unless value can travel in a job: LAVA types
// the kernel arguments and the interactive commands through a shell.
void check_lava_argument(const std::string& value, const std::string& what);

// The QEMU arguments as LAVA's extra_options: one "-flag value" string each.
std::vector<std::string> lava_extra_options(const std::vector<std::string>& qemu_argv);

}  // namespace irqlab
