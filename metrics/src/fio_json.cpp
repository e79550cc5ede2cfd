#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "irqlab/metrics/fio_json.h"
#include "irqlab/common/error.h"
#include "irqlab/common/text.h"

namespace irqlab {
namespace {

using nlohmann::json;

[[noreturn]] void malformed(const std::string& what) { throw Error("fio json: " + what); }

const json& member(const json& object, const char* key, const std::string& path) {
  if (!object.is_object()) malformed(path + " is not an object");
  auto it = object.find(key);
  if (it == object.end()) malformed("missing " + path + "." + key);
  return *it;
}

double number(const json& object, const char* key, const std::string& path) {
  const json& value = member(object, key, path);
  if (!value.is_number()) malformed(path + "." + key + " is not a number");
  return value.get<double>();
}

// One direction ("read" or "write") summed over all jobs.
struct Direction {
  double iops = 0;
  std::uint64_t total_ios = 0;
  std::uint64_t clat_n = 0;
  double clat_sum_ns = 0;  // mean * N, to weight the mean by job
  double clat_min_ns = 0, clat_max_ns = 0;
  std::map<double, double> reported_percentiles_ns;  // from fio, valid for one job
  std::map<std::uint64_t, std::uint64_t> bins;       // json+ latency histogram, ns -> count
  int jobs_with_ios = 0;
};

void add_job_direction(Direction& dir, const json& job, const char* name, const std::string& job_path) {
  const std::string path = job_path + "." + name;
  const json& d = member(job, name, job_path);
  dir.iops += number(d, "iops", path);
  dir.total_ios += static_cast<std::uint64_t>(number(d, "total_ios", path));
  const std::string clat_path = path + ".clat_ns";
  const json& clat = member(d, "clat_ns", path);
  auto n = static_cast<std::uint64_t>(number(clat, "N", clat_path));
  if (n == 0) return;  // no completions: fio prints no percentiles or bins
  double min = number(clat, "min", clat_path), max = number(clat, "max", clat_path);
  dir.clat_min_ns = dir.jobs_with_ios == 0 ? min : std::min(dir.clat_min_ns, min);
  dir.clat_max_ns = std::max(dir.clat_max_ns, max);
  dir.clat_sum_ns += number(clat, "mean", clat_path) * static_cast<double>(n);
  dir.clat_n += n;
  ++dir.jobs_with_ios;

  const json& percentile = member(clat, "percentile", clat_path);
  if (!percentile.is_object()) malformed(clat_path + ".percentile is not an object");
  for (const auto& [key, value] : percentile.items()) {
    char* end = nullptr;
    double p = std::strtod(key.c_str(), &end);
    if (end == key.c_str() || *end != '\0' || !value.is_number())
      malformed(clat_path + ".percentile has a bad entry '" + key + "'");
    dir.reported_percentiles_ns[p] = value.get<double>();
  }
  const json& bins = member(clat, "bins", clat_path);
  if (!bins.is_object()) malformed(clat_path + ".bins is not an object (was the output format json+?)");
  for (const auto& [key, value] : bins.items()) {
    auto ns = parse_int(key);
    if (!ns || *ns < 0 || !value.is_number_unsigned())
      malformed(clat_path + ".bins has a bad entry '" + key + "'");
    dir.bins[static_cast<std::uint64_t>(*ns)] += value.get<std::uint64_t>();
  }
}

// fio's own rule (stat.c calc_clat_percentiles): the value of the first bin at
// which the running count reaches p% of all samples.
double percentile_from_bins(const std::map<std::uint64_t, std::uint64_t>& bins, double p) {
  std::uint64_t total = 0;
  for (const auto& [ns, count] : bins) total += count;
  long double threshold = static_cast<long double>(p) / 100.0L * static_cast<long double>(total);
  std::uint64_t sum = 0;
  for (const auto& [ns, count] : bins) {
    sum += count;
    if (static_cast<long double>(sum) >= threshold) return static_cast<double>(ns);
  }
  return bins.empty() ? 0 : static_cast<double>(bins.rbegin()->first);
}

LatencySummary summarise(const Direction& dir, const std::string& name) {
  LatencySummary s;
  if (dir.clat_n == 0) return s;
  s.mean_us = dir.clat_sum_ns / static_cast<double>(dir.clat_n) / 1000.0;
  s.min_us = dir.clat_min_ns / 1000.0;
  s.max_us = dir.clat_max_ns / 1000.0;
  for (double p : reported_percentiles()) {
    double ns = 0;
    if (dir.jobs_with_ios == 1) {
      auto it = dir.reported_percentiles_ns.end();
      for (auto i = dir.reported_percentiles_ns.begin(); i != dir.reported_percentiles_ns.end(); ++i)
        if (std::fabs(i->first - p) < 1e-6) it = i;
      if (it == dir.reported_percentiles_ns.end()) {
        char p_text[32];
        std::snprintf(p_text, sizeof p_text, "%g", p);
        malformed(name + ".clat_ns.percentile lacks " + p_text + " (the default --percentile_list has it)");
      }
      ns = it->second;
    } else {
      ns = percentile_from_bins(dir.bins, p);
    }
    s.percentiles_us[p] = ns / 1000.0;
  }
  return s;
}

}  // namespace

const std::vector<double>& reported_percentiles() {
  static const std::vector<double> list = {50, 90, 99, 99.9};
  return list;
}

FioResult parse_fio_json(std::string_view text) {
  // A fio that printed warnings to the same stream puts them before the JSON.
  std::size_t start = text.find('{');
  if (start == std::string_view::npos) malformed("no JSON object in the output");
  json doc = json::parse(text.substr(start), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) malformed("not valid JSON");

  FioResult result;
  const json& version = member(doc, "fio version", "top level");
  if (!version.is_string()) malformed("\"fio version\" is not a string");
  result.fio_version = version.get<std::string>();

  const json& jobs = member(doc, "jobs", "top level");
  if (!jobs.is_array() || jobs.empty()) malformed("jobs is not a non-empty array");
  Direction read, write;
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    const std::string path = "jobs[" + std::to_string(i) + "]";
    const json& job = jobs[i];
    const json& error = member(job, "error", path);
    if (!error.is_number_integer()) malformed(path + ".error is not an integer");
    if (result.error == 0) result.error = error.get<int>();
    add_job_direction(read, job, "read", path);
    add_job_direction(write, job, "write", path);
  }
  result.read_iops = read.iops;
  result.write_iops = write.iops;
  result.total_ios = read.total_ios + write.total_ios;
  const bool reads_dominate = read.total_ios >= write.total_ios;
  result.completion = reads_dominate ? summarise(read, "read") : summarise(write, "write");
  return result;
}

}  // namespace irqlab
