#include "irqlab/lab/guest_init.h"

#include <gtest/gtest.h>

#include "irqlab/common/process.h"
#include "irqlab/lab/vm.h"

namespace irqlab {
namespace {

TEST(GuestInit, IsAShellScript) {
  std::string_view script = guest_init_script();
  EXPECT_EQ(script.substr(0, 10), "#!/bin/sh\n");
  ProcessOptions options;
  options.input = std::string(script);
  ProcessResult r = run_process({"sh", "-n"}, options);
  EXPECT_TRUE(r.ok()) << r.output;
}

TEST(GuestInit, AgreesWithTheHostOnTheShareLayout) {
  std::string script(guest_init_script());
  EXPECT_NE(script.find(std::string("share=") + kGuestShareDir + "\n"), std::string::npos);
  EXPECT_NE(script.find("record=$share/.irqlab\n"), std::string::npos);
  EXPECT_EQ(std::string(kGuestStatusFile), ".irqlab/exit-status");
  EXPECT_NE(script.find("\"$record/exit-status\""), std::string::npos);
  EXPECT_EQ(std::string(kGuestOutputFile), ".irqlab/output");
  EXPECT_NE(script.find("tee \"$record/output\""), std::string::npos);
  EXPECT_NE(script.find(" irqlab_share "), std::string::npos);  // the 9p tag qemu_command uses
}

}  // namespace
}  // namespace irqlab
