#pragma once
// The injector: executes a plan on a thread pinned to one CPU, stamping each
// step on CLOCK_MONOTONIC. Failures of single events are outcomes, recorded;
// only a signal or a broken session stops it.
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "irqlab/control/control_session.h"
#include "irqlab/scenario/event_status.h"
#include "irqlab/scenario/scenario.h"

namespace irqlab {

struct InjectedEvent {
  PlannedEvent plan;
  int irq = -1;                  // Move (a layout gives one record per interrupt)
  std::string queue;
  CpuSet cpus;                   // Move: requested
  EventStatus status = MoveStatus::Skipped;  // a move's for move and layout events, else a CPU change's
  int error = 0;                 // errno of a refused write
  std::string outcome;           // one phrase
  std::int64_t planned_ns = 0;   // CLOCK_MONOTONIC the plan asked for
  std::int64_t issued_ns = 0, returned_ns = 0, effective_ns = 0;  // CLOCK_MONOTONIC, 0 if not reached
};

nlohmann::ordered_json injected_events_json(const std::vector<InjectedEvent>& events, std::int64_t start_ns);

class Injector {
 public:
  // Starts the thread at once; events run at start_ns + at_ns.
  // on_online runs on the injector thread after a CPU came back online.
  Injector(ControlSession& session, std::vector<PlannedEvent> plan, std::int64_t start_ns, int cpu,
           std::function<void(int)> on_online = {});
  ~Injector();  // stops and joins
  Injector(const Injector&) = delete;
  Injector& operator=(const Injector&) = delete;

  void stop() { stop_ = true; }
  // Joins; rethrows what ended the thread early (Interrupted, a session error).
  std::vector<InjectedEvent> finish();
  bool pinned() const { return pinned_; }

 private:
  void run();
  void execute(const PlannedEvent& e);

  ControlSession& session_;
  std::vector<PlannedEvent> plan_;
  std::int64_t start_ns_;
  int cpu_;
  std::function<void(int)> on_online_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> pinned_{false};
  std::vector<InjectedEvent> done_;
  std::exception_ptr error_;
  std::thread thread_;
};

std::int64_t monotonic_ns();

}  // namespace irqlab
