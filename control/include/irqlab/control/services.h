#pragma once
// Services irqlab may stop for a run and must start again afterwards: today
// irqbalance, which moves interrupts behind irqlab's back (and logs EPERM for
// every managed one). Only systemd units are handled, because a stopped
// service must be restarted exactly as it ran.
#include <filesystem>
#include <string>

namespace irqlab {

inline constexpr const char* kIrqbalanceUnit = "irqbalance.service";

class ServiceControl {
 public:
  virtual ~ServiceControl() = default;
  // Whether it controls the services of the system at this root (systemctl
  // controls the live system only).
  virtual bool manages(const std::filesystem::path& root) = 0;
  virtual bool is_active(const std::string& unit) = 0;
  // Throw Error naming the unit and systemctl's last line on failure.
  virtual void stop(const std::string& unit) = 0;
  virtual void start(const std::string& unit) = 0;
};

// systemctl. It runs its child even after SIGINT/SIGTERM was received:
// restarting a stopped service is part of cleaning up after the signal, and
// run_process() refuses to start anything once a signal is pending.
class SystemdServices : public ServiceControl {
 public:
  bool manages(const std::filesystem::path& root) override;
  bool is_active(const std::string& unit) override;
  void stop(const std::string& unit) override;
  void start(const std::string& unit) override;
};

}  // namespace irqlab
