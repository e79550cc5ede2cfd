#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "irqlab/metrics/fio_json.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/fixture.h"

namespace irqlab {
namespace {

std::string error_of(std::string_view json) {
  return irqlab::error_of([&] { parse_fio_json(json); });
}

TEST(FioJson, HostRandreadGroupReported) {
  FioResult r = parse_fio_json(read_fixture("host-fio/randread.json"));
  EXPECT_EQ(r.fio_version, "fio-3.33");
  EXPECT_EQ(r.error, 0);
  EXPECT_NEAR(r.read_iops, 89452.095808, 1e-6);
  EXPECT_EQ(r.write_iops, 0);
  EXPECT_EQ(r.total_ios, 179262u);
  EXPECT_NEAR(r.completion.mean_us, 353.535171799, 1e-9);
  EXPECT_NEAR(r.completion.min_us, 0.090, 1e-12);
  EXPECT_NEAR(r.completion.max_us, 5136.406, 1e-9);
  ASSERT_EQ(r.completion.percentiles_us.size(), 4u);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(50), 329.728);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(90), 399.360);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(99), 485.376);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(99.9), 4423.680);
}

TEST(FioJson, LabGuestRandread) {
  FioResult r = parse_fio_json(read_fixture("guest-default/fio.json"));
  EXPECT_EQ(r.error, 0);
  EXPECT_NEAR(r.read_iops, 45306.954436, 1e-6);
  EXPECT_EQ(r.total_ios, 226716u);
  EXPECT_NEAR(r.completion.mean_us, 677.015578808, 1e-9);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(50), 522.240);
  EXPECT_DOUBLE_EQ(r.completion.percentiles_us.at(99.9), 7962.624);
}

TEST(FioJson, MixedLoadReportsTheDominantDirection) {
  // randrw: 100527 reads, 100598 writes, so write completions are reported.
  FioResult r = parse_fio_json(read_fixture("host-fio/randrw.json"));
  EXPECT_NEAR(r.read_iops, 50238.380810, 1e-6);
  EXPECT_NEAR(r.write_iops, 50273.863068, 1e-6);
  EXPECT_EQ(r.total_ios, 100527u + 100598u);
  EXPECT_NEAR(r.completion.mean_us, 328.949136563, 1e-9);
  EXPECT_NEAR(r.completion.min_us, 0.130, 1e-12);
}

TEST(FioJson, PerJobOutputIsSummedAndPercentilesComeFromMergedBins) {
  FioResult r = parse_fio_json(read_fixture("host-fio/randread-per-job.json"));
  nlohmann::json doc = nlohmann::json::parse(read_fixture("host-fio/randread-per-job.json"));
  ASSERT_EQ(doc["jobs"].size(), 2u);
  const auto& a = doc["jobs"][0]["read"];
  const auto& b = doc["jobs"][1]["read"];
  EXPECT_NEAR(r.read_iops, a["iops"].get<double>() + b["iops"].get<double>(), 1e-6);
  EXPECT_EQ(r.total_ios, a["total_ios"].get<std::uint64_t>() + b["total_ios"].get<std::uint64_t>());
  double na = a["clat_ns"]["N"].get<double>(), nb = b["clat_ns"]["N"].get<double>();
  double mean_ns = (a["clat_ns"]["mean"].get<double>() * na + b["clat_ns"]["mean"].get<double>() * nb) / (na + nb);
  EXPECT_NEAR(r.completion.mean_us, mean_ns / 1000, 1e-9);
  EXPECT_DOUBLE_EQ(r.completion.max_us,
                   std::max(a["clat_ns"]["max"].get<double>(), b["clat_ns"]["max"].get<double>()) / 1000);
  // A merged percentile lies between the two jobs' own values.
  for (const char* key : {"50.000000", "99.000000"}) {
    double pa = a["clat_ns"]["percentile"][key].get<double>() / 1000;
    double pb = b["clat_ns"]["percentile"][key].get<double>() / 1000;
    double p = r.completion.percentiles_us.at(key[0] == '5' ? 50 : 99);
    EXPECT_GE(p, std::min(pa, pb)) << key;
    EXPECT_LE(p, std::max(pa, pb)) << key;
  }
}

TEST(FioJson, BinsReproduceFiosOwnPercentiles) {
  // Two identical jobs force the merged-bins path; fio's percentiles of the
  // single job must come out unchanged, which checks the rule against fio's.
  for (const char* name : {"host-fio/randread.json", "guest-default/fio.json"}) {
    nlohmann::json doc = nlohmann::json::parse(read_fixture(name));
    FioResult single = parse_fio_json(doc.dump());
    doc["jobs"].push_back(doc["jobs"][0]);
    FioResult doubled = parse_fio_json(doc.dump());
    EXPECT_EQ(doubled.completion.percentiles_us, single.completion.percentiles_us) << name;
    EXPECT_NEAR(doubled.completion.mean_us, single.completion.mean_us, 1e-9) << name;
    EXPECT_EQ(doubled.total_ios, 2 * single.total_ios) << name;
  }
}

TEST(FioJson, FailedJobKeepsItsErrorAndZeroLatency) {
  FioResult r = parse_fio_json(read_fixture("host-fio/error-readonly-missing-file.json"));
  EXPECT_EQ(r.error, 2);
  EXPECT_EQ(r.total_ios, 0u);
  EXPECT_EQ(r.read_iops, 0);
  EXPECT_TRUE(r.completion.percentiles_us.empty());
}

TEST(FioJson, WarningsBeforeTheJsonAreSkipped) {
  std::string text = "fio: some warning\n" + read_fixture("host-fio/randread.json");
  EXPECT_EQ(parse_fio_json(text).total_ios, 179262u);
}

TEST(FioJson, ErrorsNameWhatIsMissing) {
  EXPECT_NE(error_of("").find("no JSON object"), std::string::npos);
  EXPECT_NE(error_of("{\"jobs\": [").find("not valid JSON"), std::string::npos);
  EXPECT_NE(error_of("{\"jobs\": []}").find("fio version"), std::string::npos);
  EXPECT_NE(error_of("{\"fio version\": \"fio-3.33\"}").find("jobs"), std::string::npos);

  nlohmann::json doc = nlohmann::json::parse(read_fixture("host-fio/randread.json"));
  doc["jobs"][0]["read"]["clat_ns"].erase("bins");
  EXPECT_NE(error_of(doc.dump()).find("jobs[0].read.clat_ns.bins"), std::string::npos) << error_of(doc.dump());
  doc = nlohmann::json::parse(read_fixture("host-fio/randread.json"));
  doc["jobs"][0]["read"]["clat_ns"]["percentile"].erase("99.900000");
  EXPECT_NE(error_of(doc.dump()).find("percentile lacks 99.9"), std::string::npos) << error_of(doc.dump());
  doc = nlohmann::json::parse(read_fixture("host-fio/randread.json"));
  doc["jobs"][0].erase("write");
  EXPECT_NE(error_of(doc.dump()).find("missing jobs[0].write"), std::string::npos) << error_of(doc.dump());
  doc = nlohmann::json::parse(read_fixture("host-fio/randread.json"));
  doc["jobs"][0]["read"]["iops"] = "fast";
  EXPECT_NE(error_of(doc.dump()).find("jobs[0].read.iops is not a number"), std::string::npos);
}

}  // namespace
}  // namespace irqlab
