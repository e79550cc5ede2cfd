#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/lava/collect.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

class LavaCollect : public ::testing::Test {
 protected:
  void SetUp() override { dir_.write("src/run/run.json", "{\"mode\": \"override\"}\n"); }

  std::string packed(const std::string& extra_tar_args = "") {
    run_checked({"sh", "-c", "cd " + (dir_ / "src").string() + " && tar czf ../run.tgz run " + extra_tar_args}, "tar");
    std::ifstream in(dir_ / "run.tgz", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }

  // The console lines irqlab-lava-send prints for `data`.
  static std::vector<std::string> send_lines(const std::string& data) {
    std::vector<std::string> out = {"irqlab-records-begin " + sha256_hex(data) + " " + std::to_string(data.size())};
    for (std::size_t i = 0; i < data.size(); i += 57) {
      const std::string chunk = data.substr(i, 57);
      std::string line(4 * ((chunk.size() + 2) / 3) + 1, '\0');
      const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(line.data()),
                                    reinterpret_cast<const unsigned char*>(chunk.data()), static_cast<int>(chunk.size()));
      line.resize(static_cast<std::size_t>(n));
      out.push_back(line + "\r");  // the console's line ends
    }
    out.push_back("irqlab-records-end " + sha256_hex(data));
    return out;
  }

  // A lava-run log: entries of every level, the console's as "target".
  fs::path log_of(const std::vector<std::string>& console, const std::string& prefix = "",
                  const std::string& job_result = "pass") {
    std::string text = prefix + R"({"dt": "x", "lvl": "info", "msg": "start: 0 validate"})" "\n";
    text += prefix + R"({"dt": "x", "lvl": "results", "msg": {"case": "file-download", "extra": {"size": ! "123"}}})" "\n";
    for (const std::string& line : console)
      text += prefix + nlohmann::json{{"dt", "x"}, {"lvl", "target"}, {"msg", line}}.dump() + "\n";
    text += prefix + R"({"dt": "x", "lvl": "results", "msg": {"case": "job", "definition": "lava", "result": ")" +
            job_result + R"(", "error_msg": "boot failed"}})" "\n";
    const fs::path log = dir_ / "job.log";
    write_file_atomic(log, text);
    return log;
  }

  static std::string error_of(const fs::path& log) {
    return irqlab::error_of([&] { records_from_lava_log(log); });
  }

  ScratchDir dir_{std::string("lava-collect-") + ::testing::UnitTest::GetInstance()->current_test_info()->name()};
};

TEST_F(LavaCollect, RecordsTravelWholeAndUnpackIntoRecords) {
  const std::string data = packed();
  std::vector<std::string> console = {"irqlab-lava# irqlab-lava-send"};
  for (const std::string& l : send_lines(data)) console.push_back(l);
  console.push_back("irqlab-lava# ");
  const LavaLogRecords r = records_from_lava_log(log_of(console));
  EXPECT_EQ(r.packed, data);
  EXPECT_EQ(r.job_result, "pass");
  unpack_lava_records(r, dir_ / "out/001", "job.log");
  std::ifstream in(dir_ / "out/001/records/run.json");
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "{\"mode\": \"override\"}\n");
  EXPECT_FALSE(fs::exists(dir_ / "out/001/run.tgz"));
  EXPECT_THROW(unpack_lava_records(r, dir_ / "out/001", "job.log"), Error);  // never over earlier records
}

TEST_F(LavaCollect, ReadsTheServersYamlListForm) {
  const std::string data = packed();
  EXPECT_EQ(records_from_lava_log(log_of(send_lines(data), "- ")).packed, data);
}

TEST_F(LavaCollect, DamagedOrCutRecordsAreRefusedWithTheReason) {
  const std::string data = packed();
  std::vector<std::string> lines = send_lines(data);
  std::vector<std::string> damaged = lines;
  damaged[1].insert(10, "[  12.3] nvme nvme0: I/O timeout");
  EXPECT_NE(error_of(log_of(damaged)).find("job.log:4: a damaged line inside the records"), std::string::npos)
      << error_of(log_of(damaged));

  std::vector<std::string> flipped = lines;
  flipped[1][5] = flipped[1][5] == 'A' ? 'B' : 'A';
  EXPECT_NE(error_of(log_of(flipped)).find("SHA-256 does not match"), std::string::npos) << error_of(log_of(flipped));

  std::vector<std::string> cut(lines.begin(), lines.end() - 2);
  EXPECT_NE(error_of(log_of(cut, "", "fail")).find("cut short (no end line) (job result: fail, boot failed)"),
            std::string::npos)
      << error_of(log_of(cut, "", "fail"));

  EXPECT_NE(error_of(log_of({"irqlab-lava: run failed with exit status 1"}, "", "fail"))
                .find("no records in this job log (job result: fail, boot failed)"),
            std::string::npos);
}

TEST_F(LavaCollect, RefusesALogThatIsNotAFile) {
  EXPECT_NE(error_of(dir_.path()).find("not a regular file"), std::string::npos) << error_of(dir_.path());
  EXPECT_NE(error_of(dir_ / "missing.log").find("no such file"), std::string::npos);
}

TEST_F(LavaCollect, RefusesAnArchiveWithALinkOrAnythingOutsideRun) {
  fs::create_symlink("/etc/passwd", dir_ / "src/run/passwd");
  const LavaLogRecords with_link = records_from_lava_log(log_of(send_lines(packed())));
  EXPECT_THROW(unpack_lava_records(with_link, dir_ / "out/a", "job.log"), Error);
  fs::remove(dir_ / "src/run/passwd");
  write_file_atomic(dir_ / "src/other", "x");
  const LavaLogRecords outside = records_from_lava_log(log_of(send_lines(packed("other"))));
  EXPECT_THROW(unpack_lava_records(outside, dir_ / "out/b", "job.log"), Error);
  EXPECT_FALSE(fs::exists(dir_ / "out/b/records"));
}

}  // namespace
}  // namespace irqlab
