#pragma once
// The make command lines of a kernel build out of tree (O=build): the
// pipeline and check-series build the same way.
#include <filesystem>
#include <string>
#include <vector>

#include "irqlab/kernel/kernel_command.h"

namespace irqlab {

// What makes <build>/.config: make tinyconfig, the fragments merged with
// merge_config.sh, make olddefconfig. Run them with the source tree as the
// working directory. make_vars go on every make ("ARCH=i386").
std::vector<KernelCommand> tinyconfig_commands(const std::filesystem::path& src, const std::filesystem::path& build,
                                               const std::vector<std::string>& make_vars,
                                               const std::vector<std::filesystem::path>& fragments);

// make -C build -jN LOCALVERSION=-irqlab ... (CC="ccache gcc" when ccache is
// installed) make_vars; the caller appends the targets.
std::vector<std::string> kernel_make_command(const std::filesystem::path& build, unsigned jobs,
                                             const std::vector<std::string>& make_vars = {});

// 0 means the CPUs + 1.
unsigned make_jobs(unsigned requested);

}  // namespace irqlab
