// irqlab: one CLI, one subcommand per area.
#include <cstdio>

#include "error_line.h"
#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "options.h"

int main(int argc, char** argv) {
  irqlab::install_signal_handlers();
  CLI::App app{"irqlab: managed NVMe interrupt moves and CPU hotplug, measured in a virtual or real lab"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags such as --verbose may follow the subcommand
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "stream the kernel build and the guest console");
  irqlab::cli::add_kernel_subcommand(app, verbose);
  irqlab::cli::add_lab_subcommand(app, verbose);
  irqlab::cli::add_run_subcommand(app, verbose);
  irqlab::cli::add_topology_subcommand(app);
  irqlab::cli::add_layout_subcommand(app);
  irqlab::cli::add_control_subcommands(app);
  irqlab::cli::add_device_subcommand(app);
  irqlab::cli::add_scenario_subcommand(app);
  irqlab::cli::add_nightly_subcommand(app, verbose);
  irqlab::cli::add_compare_subcommands(app);
  irqlab::cli::add_lava_subcommand(app, verbose);
  using irqlab::cli::print_error;
  try {
    app.parse(argc, argv);
    irqlab::throw_if_interrupted();  // a signal during the last, child-free step
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::RuntimeError& e) {
    return e.get_exit_code();  // a guest command's own exit status
  } catch (const CLI::ParseError& e) {
    print_error(irqlab::cli::parse_error_message(app, e) + " (see irqlab --help)");
    return 2;
  } catch (const irqlab::Interrupted& e) {
    print_error(e.what());
    return 128 + e.signal();
  } catch (const irqlab::Error& e) {
    print_error(e.what());
    if (!e.detail().empty()) std::fprintf(stderr, "%s%s", e.detail().c_str(), e.detail().back() == '\n' ? "" : "\n");
    return 1;
  } catch (const std::exception& e) {
    print_error(std::string("internal: ") + e.what());
    return 1;
  }
  return 0;
}
