#include <gtest/gtest.h>

#include <filesystem>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/lava/ramdisk.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

TEST(LibrariesFromLdd, TakesEveryPathTheLoaderNeeds) {
  const std::string ldd =
      "\tlinux-vdso.so.1 (0x00007ffd)\n"
      "\tlibhwloc.so.15 => /lib/x86_64-linux-gnu/libhwloc.so.15 (0x00007f1)\n"
      "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f2)\n"
      "\t/lib64/ld-linux-x86-64.so.2 (0x00007f3)\n";
  EXPECT_EQ(libraries_from_ldd(ldd),
            (std::vector<fs::path>{"/lib/x86_64-linux-gnu/libhwloc.so.15", "/lib/x86_64-linux-gnu/libc.so.6",
                                   "/lib64/ld-linux-x86-64.so.2"}));
  EXPECT_THROW(libraries_from_ldd("\tlibfoo.so.1 => not found\n"), Error);
  EXPECT_TRUE(libraries_from_ldd("\tnot a dynamic executable\n").empty());
}

// Packs a real ramdisk from this host's tools, with /bin/true standing in
// for irqlab, and checks the guest's paths are in it.
TEST(BuildRamdisk, HoldsTheToolsTheirLibrariesTheScriptsAndTheScenarios) {
  const ScratchDir dir("ramdisk-test");
  RamdiskSpec spec;
  spec.irqlab_binary = "/bin/true";
  spec.microbench_binary = "/bin/true";
  spec.scenarios = {{"short", "name = short\n"}};
  spec.output = dir / "rd.cpio.gz";
  const RamdiskContents c = build_ramdisk(spec);
  EXPECT_GT(c.bytes, 0u);
  const std::string listing = run_checked({"sh", "-c", "gzip -dc " + spec.output.string() + " | cpio -t --quiet"}, "cpio");
  const std::vector<std::string> files = split(listing, '\n');
  for (const std::string want : {"init", "bin/busybox", "bin/sh", "usr/bin/irqlab", "usr/bin/irqlab-microbench",
                                 "usr/bin/fio", "usr/bin/perf", "usr/bin/trace-cmd", "usr/bin/irqlab-lava-run",
                                 "usr/bin/irqlab-lava-send", "lib64/ld-linux-x86-64.so.2", "irqlab/scenarios/short.scenario"})
    EXPECT_NE(std::find(files.begin(), files.end(), want), files.end()) << want << " missing in:\n" << listing;
  EXPECT_FALSE(fs::exists(dir / ".rd.cpio.gz.tree"));  // the staging tree is gone
}

}  // namespace
}  // namespace irqlab
