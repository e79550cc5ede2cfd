#include "injector.h"

#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <chrono>

#include "irqlab/common/error.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/control/layout_apply.h"
#include "irqlab/layout/layout.h"
#include "irqlab/topology/topology_report.h"

namespace irqlab {

std::int64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

nlohmann::ordered_json injected_events_json(const std::vector<InjectedEvent>& events, std::int64_t start_ns) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  int index = 0;
  for (const InjectedEvent& e : events) {
    nlohmann::ordered_json j;
    j["index"] = index++;
    j["kind"] = to_text(e.plan.kind);
    j["description"] = e.plan.kind == PlannedEvent::Kind::Layout
                           ? e.plan.describe() + ": " + e.queue + " -> " + format_cpu_list(e.cpus)
                           : e.plan.describe();
    j["source"] = e.plan.source;
    j["at_ns"] = e.plan.at_ns;
    if (e.irq >= 0) {
      j["irq"] = e.irq;
      j["queue"] = e.queue;
      j["cpus"] = cpu_array(e.cpus);
    }
    if (e.plan.cpu >= 0) j["cpu"] = e.plan.cpu;
    if (!e.plan.layout.empty()) j["layout"] = e.plan.layout;
    j["status"] = to_text(e.status);
    j["errno"] = e.error;
    j["outcome"] = e.outcome;
    j["start_ns"] = start_ns;
    j["planned_ns"] = e.planned_ns;
    j["issued_ns"] = e.issued_ns;
    j["returned_ns"] = e.returned_ns;
    j["effective_ns"] = e.effective_ns;
    out.push_back(std::move(j));
  }
  return out;
}

Injector::Injector(ControlSession& session, std::vector<PlannedEvent> plan, std::int64_t start_ns, int cpu,
                   std::function<void(int)> on_online)
    : session_(session), plan_(std::move(plan)), start_ns_(start_ns), cpu_(cpu), on_online_(std::move(on_online)) {
  thread_ = std::thread([this] { run(); });
}

Injector::~Injector() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<InjectedEvent> Injector::finish() {
  if (thread_.joinable()) thread_.join();
  if (error_) std::rethrow_exception(error_);
  return std::move(done_);
}

void Injector::run() {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu_, &set);
  pinned_ = pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
  try {
    for (const PlannedEvent& e : plan_) {
      const std::int64_t due = start_ns_ + e.at_ns;
      // Sleep in short steps so a stop or a signal is seen quickly.
      for (;;) {
        if (stop_ || pending_signal()) return;
        const std::int64_t left = due - monotonic_ns();
        if (left <= 0) break;
        timespec ts{0, static_cast<long>(std::min<std::int64_t>(left, 20'000'000))};
        nanosleep(&ts, nullptr);
      }
      execute(e);
    }
  } catch (...) {
    error_ = std::current_exception();
  }
}

void Injector::execute(const PlannedEvent& e) {
  const std::int64_t planned = start_ns_ + e.at_ns;
  auto record_move = [&](int irq, const std::string& queue, const CpuSet& cpus) {
    InjectedEvent r;
    r.plan = e;
    r.planned_ns = planned;
    r.irq = irq;
    r.queue = queue;
    r.cpus = cpus;
    IrqMove m = session_.move_irq(irq, cpus);
    r.status = m.status;
    r.error = m.error;
    r.outcome = m.outcome;
    r.issued_ns = m.write_issued_ns;
    r.returned_ns = m.write_returned_ns;
    r.effective_ns = m.effective_seen_ns;
    done_.push_back(std::move(r));
  };
  switch (e.kind) {
    case PlannedEvent::Kind::Move:
      record_move(e.irq, e.queue, e.cpus);
      break;
    case PlannedEvent::Kind::Layout: {
      LayoutRequest request;
      request.name = e.layout;
      for (const PlannedIrq& p : make_layout(session_.machine(), request).irqs) record_move(p.irq, p.name, p.cpus);
      break;
    }
    case PlannedEvent::Kind::Offline:
    case PlannedEvent::Kind::Online: {
      InjectedEvent r;
      r.plan = e;
      r.planned_ns = planned;
      try {
        CpuChange c = session_.set_cpu_online(e.cpu, e.kind == PlannedEvent::Kind::Online);
        r.status = c.changed ? CpuEventStatus::Done : CpuEventStatus::AlreadyThere;
        r.outcome = c.changed ? (c.online ? "online" : "offline") : "already in that state";
        r.issued_ns = c.write_issued_ns;
        r.returned_ns = c.write_returned_ns;
        if (c.changed && c.online && on_online_) on_online_(e.cpu);
      } catch (const Interrupted&) {
        throw;
      } catch (const Error& err) {
        r.status = CpuEventStatus::Failed;
        r.outcome = err.what();
      }
      done_.push_back(std::move(r));
      break;
    }
  }
}

}  // namespace irqlab
