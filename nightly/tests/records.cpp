#include "records.h"

namespace irqlab::test {

std::vector<double> boots_around(double level, std::size_t n) {
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(level * (1 + 0.01 * static_cast<double>((i * 7) % 6) - 0.025));
  return out;
}

namespace {

RecordedArm arm(const std::string& name, double iops, double drain_ms, std::size_t n) {
  RecordedArm a{name, name, static_cast<unsigned>(n), {}, {}};
  a.metrics.push_back({"iops.steady", "IOPS", Better::Higher, true, boots_around(iops, n)});
  a.metrics.push_back({"drain.hctx.max_ms", "ms", Better::Lower, true, boots_around(drain_ms, n)});
  a.metrics.push_back({"locality.controller.after_share", "share", Better::Neither, false, boots_around(0.5, n)});
  for (const std::string& c : gate_counters()) a.correctness[c] = 0;
  return a;
}

}  // namespace

NightRecord made_night(const std::string& id, const std::string& started, double override_iops, double drain_ms,
                       std::size_t n) {
  NightRecord r;
  r.id = id;
  r.night = "nightly";
  r.started = started;
  r.machine = "lab1";
  r.kernel_release = "6.12.117-irqlab";
  r.series_hash = "1239a2b225ab";
  r.irqlab_commit = "abc";
  r.thresholds = default_thresholds();
  r.gate = "pass";
  RecordedScenario s{"default", "d6b2288d7428", "4 CPUs", static_cast<unsigned>(2 * n), static_cast<unsigned>(2 * n), {}};
  s.arms.push_back(arm("spread", 80000, 1.0, n));
  s.arms.push_back(arm("override", override_iops, drain_ms, n));
  r.scenarios.push_back(std::move(s));
  return r;
}

}  // namespace irqlab::test
