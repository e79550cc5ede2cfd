#include <gtest/gtest.h>

#include "irqlab/common/error.h"
#include "irqlab/lava/job.h"

namespace irqlab {
namespace {

LavaJob qemu_job() {
  LavaJob j;
  j.name = "irqlab short override-2";
  j.device_type = "qemu";
  j.kernel_url = "file:///n/bzImage";
  j.ramdisk_url = "file:///n/irqlab-ramdisk.cpio.gz";
  j.kernel_args = "console=ttyS0 rdinit=/init irq_managed=override";
  j.scenario = "short";
  j.run_args = {"--scratch", "irqlab0"};
  j.qemu_options = {"-machine q35", "-smp 4"};
  j.test_minutes = 7;
  j.metadata = {{"irqlab.mode", "override"}};
  return j;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(LavaJobYaml, QemuJobBootsTheModeAndRunsTheScenario) {
  const std::string y = lava_job_yaml(qemu_job());
  EXPECT_TRUE(has(y, "device_type: 'qemu'\n")) << y;
  EXPECT_TRUE(has(y, "job_name: 'irqlab short override-2'\n")) << y;
  EXPECT_TRUE(has(y, "image_arg: '-kernel {kernel} -append \"console=ttyS0 rdinit=/init irq_managed=override\"'")) << y;
  EXPECT_TRUE(has(y, "url: 'file:///n/irqlab-ramdisk.cpio.gz'\n        compression: gz\n")) << y;
  EXPECT_TRUE(has(y, "  extra_options:\n  - '-machine q35'\n  - '-smp 4'\n")) << y;
  EXPECT_TRUE(has(y, "- command: 'irqlab-lava-run short --scratch irqlab0'\n")) << y;
  EXPECT_TRUE(has(y, "- message: 'irqlab-lava: run ok'\n")) << y;
  EXPECT_TRUE(has(y, "- message: 'irqlab-records-end [0-9a-f]{64}'\n")) << y;
  EXPECT_TRUE(has(y, "  irqlab.mode: 'override'\n")) << y;
  EXPECT_TRUE(has(y, "  job: {minutes: 32}\n")) << y;
  EXPECT_FALSE(has(y, "to: tftp")) << y;
}

TEST(LavaJobYaml, LabDeviceTypeDeploysOverTftpWithTheKernelArgumentsInTheContext) {
  LavaJob j = qemu_job();
  j.device_type = "x86";
  j.qemu_options.clear();
  EXPECT_THROW(lava_job_yaml(j), Error);  // no boot method
  j.boot_method = "ipxe";
  const std::string y = lava_job_yaml(j);
  EXPECT_TRUE(has(y, "    to: tftp\n")) << y;
  EXPECT_TRUE(has(y, "    method: ipxe\n    commands: ramdisk\n")) << y;
  EXPECT_TRUE(has(y, "  extra_kernel_args: 'console=ttyS0 rdinit=/init irq_managed=override'\n")) << y;
  EXPECT_FALSE(has(y, "extra_options")) << y;
}

TEST(LavaJobYaml, RefusesWhatTheShellOrYamlWouldMisread) {
  for (const std::string bad : {"irq_managed=$(reboot)", "a\"b", "a`b`", "a;b", "a\nb"}) {
    LavaJob j = qemu_job();
    j.kernel_args = bad;
    EXPECT_THROW(lava_job_yaml(j), Error) << bad;
  }
  LavaJob j = qemu_job();
  j.name = "two\nlines";
  EXPECT_THROW(lava_job_yaml(j), Error);
  j = qemu_job();
  j.run_args = {"--device", "nvme0n1;reboot"};
  EXPECT_THROW(lava_job_yaml(j), Error);
  j = qemu_job();
  j.name = "it's";
  EXPECT_TRUE(has(lava_job_yaml(j), "job_name: 'it''s'\n"));
}

TEST(LavaExtraOptions, PairsEachFlagWithItsValue) {
  EXPECT_EQ(lava_extra_options({"-machine", "q35", "-accel", "tcg", "-m", "2048M"}),
            (std::vector<std::string>{"-machine q35", "-accel tcg", "-m 2048M"}));
  EXPECT_THROW(lava_extra_options({"-drive", "file=/a b/nvme0.img"}), Error);
  EXPECT_THROW(lava_extra_options({"-drive", "file=/a$b"}), Error);
}

TEST(LavaDeviceYaml, CarriesTheExtraOptionsOfTheJob) {
  const std::string y = lava_qemu_device_yaml({"-machine q35", "-smp 4"});
  EXPECT_TRUE(has(y, "          extra:\n          - '-machine q35'\n          - '-smp 4'\n")) << y;
  EXPECT_TRUE(has(y, "command: qemu-system-x86_64")) << y;
  EXPECT_TRUE(has(y, "  boot_retry:\n")) << y;  // lava-run refuses a device without it
}

}  // namespace
}  // namespace irqlab
