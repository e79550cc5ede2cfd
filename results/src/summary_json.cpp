#include <charconv>
#include <string>

#include "irqlab/results/summary.h"

namespace irqlab {
namespace {

using nlohmann::json;

// 50 -> "50", 99.9 -> "99.9": the percentile as people write it.
std::string percentile_key(double p) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, p);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(p);
}

json latency_json(const LatencySummary& l) {
  json percentiles = json::object();
  for (const auto& [p, us] : l.percentiles_us) percentiles[percentile_key(p)] = us;
  return {{"mean", l.mean_us}, {"min", l.min_us}, {"max", l.max_us}, {"percentiles", percentiles}};
}

json queue_json(const QueueIrq& q) {
  json per_cpu = json::object();
  for (const auto& [cpu, count] : q.interrupts_per_cpu) per_cpu[std::to_string(cpu)] = count;
  return {{"name", q.name},
          {"irq", q.irq},
          {"affinity", q.affinity},
          {"effective_affinity", q.effective_affinity},
          {"interrupts_total", q.total_interrupts()},
          {"interrupts_per_cpu", per_cpu}};
}

}  // namespace

json summary_json(const RunInfo& info, const FioLoad& load, const QuickLoadResult& result) {
  json queues = json::array();
  for (const QueueIrq& q : result.queues) queues.push_back(queue_json(q));
  json doc;
  doc["schema"] = "irqlab.quickrun/1";
  doc["run"] = {{"kernel_version", info.kernel_version},
                {"kernel_source", info.kernel_source},
                {"series_hash", info.series_hash},
                {"patches_applied", info.patches_applied_summary},
                {"cmdline", info.cmdline},
                {"topology", info.topology_summary},
                {"preset", info.preset},
                {"run_dir", info.run_dir}};
  doc["load"] = {{"rw", load.rw},
                 {"ioengine", load.ioengine},
                 {"block_size", load.block_size},
                 {"iodepth", load.iodepth},
                 {"numjobs", load.numjobs},
                 {"runtime_s", load.runtime_s},
                 {"direct", load.direct},
                 {"size_bytes", load.size_bytes},
                 {"filenames", load.filenames}};
  doc["guest"] = {{"cmdline", result.guest_cmdline}, {"kernel_release", result.guest_kernel_release}};
  doc["fio"] = {{"version", result.fio.fio_version},
                {"read_iops", result.fio.read_iops},
                {"write_iops", result.fio.write_iops},
                {"total_ios", result.fio.total_ios},
                {"error", result.fio.error},
                {"exit_status", result.fio_exit_status},
                {"completion_latency_us", latency_json(result.fio.completion)}};
  doc["queues"] = queues;
  return doc;
}

}  // namespace irqlab
