// A run directory read by `scenario report` is input like any other: names
// from run.json stay inside it, files are read bounded, and what is wrong is
// one line naming the run directory and the file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/metrics/metrics.h"
#include "irqlab/record/run_file.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

// A copy of the run-strict fixture to break.
class RunDirCopy : public ::testing::Test {
 protected:
  void SetUp() override { fs::copy(fs::path(IRQLAB_FIXTURES_DIR) / "run-strict", dir(), fs::copy_options::recursive); }
  fs::path dir() const { return base_ / "run"; }
  std::string file(const std::string& name) const { return (dir() / name).string(); }
  void edit_json(const std::string& name, const std::function<void(nlohmann::json&)>& edit) const {
    nlohmann::json j = nlohmann::json::parse(read_file(dir() / name));
    edit(j);
    std::ofstream(dir() / name) << j.dump();
  }
  std::string error_of_read() const {
    return error_of([&] { read_run(dir(), "false", "false"); });
  }
  ScratchDir base_{"run-dir"};
};

TEST_F(RunDirCopy, PerfDataIsAPlainFileNameInsideTheRunDirectory) {
  fs::remove(dir() / "perf.script");  // so that perf script would run on perf_data
  for (const std::string& name : std::vector<std::string>{"/etc/hostname", "../run/perf.data", "..", ""}) {
    edit_json("run.json", [&](nlohmann::json& j) { j["perf_data"] = {name}; });
    EXPECT_EQ(error_of_read(), file("run.json") + ": perf_data '" + name +
                                   "' is not a file name in the run directory " + dir().string());
  }
  fs::create_symlink("/etc/hostname", dir() / "perf.data");
  edit_json("run.json", [](nlohmann::json& j) { j["perf_data"] = {"perf.data"}; });
  EXPECT_EQ(error_of_read(), file("perf.data") + ": not a regular file (perf reads only those)");
}

TEST_F(RunDirCopy, MalformedFieldsNameTheRunDirectoryAndFile) {
  edit_json("events.json", [](nlohmann::json& j) { j[0]["index"] = "zero"; });
  EXPECT_TRUE(error_of_read().starts_with(file("events.json") + ": malformed event: ")) << error_of_read();
  std::ofstream(dir() / "events.json") << "{}";
  EXPECT_EQ(error_of_read(), file("events.json") + ": expected an array of events");
  edit_json("run.json", [](nlohmann::json& j) { j["nodes"] = {{"x", "0-1"}}; });
  EXPECT_TRUE(error_of_read().starts_with(file("run.json") + ": malformed node id")) << error_of_read();
  edit_json("run.json", [](nlohmann::json& j) { j["start_ns"] = "soon"; });
  EXPECT_TRUE(error_of_read().starts_with(file("run.json") + ": malformed: ")) << error_of_read();
  std::ofstream(dir() / "run.json") << "\x7f" "ELF";
  EXPECT_TRUE(error_of_read().starts_with(file("run.json") + ": not valid JSON: ")) << error_of_read();
}

TEST_F(RunDirCopy, RecordParsersNameTheirFile) {
  std::ofstream(dir() / "fio_iops.2.log") << "12, x, 0, 0\n";
  EXPECT_TRUE(error_of_read().starts_with(file("fio_iops.2.log") + ": fio log line 1: ")) << error_of_read();
  std::ofstream(dir() / "fio.json") << "{\"jobs\": 3}";
  EXPECT_TRUE(error_of_read().starts_with(file("fio.json") + ": fio json: ")) << error_of_read();
}

TEST_F(RunDirCopy, AFifoLoopOrOverlongNameIsOneClearLine) {
  fs::remove(dir() / "events.json");
  ASSERT_EQ(::mkfifo((dir() / "events.json").c_str(), 0600), 0);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(error_of_read(), file("events.json") + ": not a regular file (a FIFO)");
  // A FIFO opened for reading blocks until a writer comes: a hang, which
  // ctest's timeout ends. The bound is loose for a sanitizer build under load
  // (in CI the ASan tree's tests run beside the fuzzers).
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(20));

  fs::remove(dir() / "run.json");
  fs::create_symlink("run.json", dir() / "run.json");
  EXPECT_EQ(error_of_read(), "cannot read " + file("run.json") + ": Too many levels of symbolic links");

  const fs::path long_dir = base_ / std::string(300, 'x');
  try {
    read_run(long_dir);
    ADD_FAILURE() << "read";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "cannot read " + (long_dir / "run.json").string() + ": File name too long");
  }
}

TEST(RunFile, NamesOnlyFilesInsideTheDirectory) {
  EXPECT_EQ(run_file_path("/r", "perf-cpu3.data", "perf_data"), fs::path("/r/perf-cpu3.data"));
  EXPECT_THROW(run_file_path("/r", "a/b", "perf_data"), Error);
  EXPECT_THROW(run_file_path("/r", std::string("a\0b", 3), "perf_data"), Error);
  try {
    run_file_path("/r", "\x1b[2J", "perf_data");
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "perf_data '\\x1b[2J' is not a file name in the run directory /r") << "printable";
  }
}

}  // namespace
}  // namespace irqlab
