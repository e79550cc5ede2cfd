#include "irqlab/common/input_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/testing/error_of.h"
#include "irqlab/testing/scratch_dir.h"

namespace irqlab {
namespace {
namespace fs = std::filesystem;

std::string refusal(const fs::path& path, std::uint64_t limit) {
  return error_of([&] { read_input_file(path, "test file", limit); });
}

std::string sha256_refusal(const fs::path& path) {
  return error_of([&] { sha256_file(path, "patch"); });
}

class InputFile : public ::testing::Test {
 protected:
  ScratchDir dir_{"input-file"};
};

TEST_F(InputFile, ReadsARegularFileUpToTheLimit) {
  EXPECT_EQ(read_input_file(dir_.write("exact", "12345"), "test file", 5), "12345");
  EXPECT_EQ(read_input_file(dir_.write("empty", ""), "test file", 5), "");
}

TEST_F(InputFile, RefusesWhatIsNotARegularFile) {
  EXPECT_EQ(refusal("/dev/null", kTextInputLimit), "/dev/null: not a regular file (a character device)");
  EXPECT_EQ(refusal(dir_.path(), kTextInputLimit), dir_.path().string() + ": not a regular file (a directory)");
}

TEST_F(InputFile, RefusesAFileAboveTheLimitAndAMissingOne) {
  EXPECT_EQ(refusal(dir_.write("big", std::string(kMiB + 1, 'x')), kTextInputLimit),
            (dir_ / "big").string() + ": larger than 1 MiB");
  EXPECT_EQ(refusal(dir_.write("six", "123456"), 5), (dir_ / "six").string() + ": larger than 5 bytes");
  EXPECT_EQ(refusal(dir_ / "absent", 5), "test file not found: " + (dir_ / "absent").string());
}

TEST_F(InputFile, AFifoIsRefusedAtOnce) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(refusal(fifo, kSystemFileLimit), fifo.string() + ": not a regular file (a FIFO)");
  EXPECT_THROW(read_optional_input_file(fifo, "test file", kSystemFileLimit, Absence::MissingOrUnreadable), Error);
}

TEST_F(InputFile, OptionalReadsAnswerNothingForAnAbsentFile) {
  EXPECT_EQ(read_optional_input_file(dir_ / "absent", "test file", 5), std::nullopt);
  EXPECT_EQ(read_optional_input_file(dir_.write("plain", "x") / "below", "test file", 5), std::nullopt) << "ENOTDIR";
  EXPECT_EQ(read_optional_input_file(dir_.write("small", "abc"), "test file", 5), "abc");
  fs::create_symlink("loop", dir_ / "loop");
  EXPECT_EQ(read_optional_input_file(dir_ / "loop", "test file", 5, Absence::MissingOrUnreadable), std::nullopt);
  EXPECT_THROW(read_optional_input_file(dir_ / "loop", "test file", 5), Error) << "a loop is not a missing file";
}

TEST_F(InputFile, ProcfsFilesOfSizeZeroAreReadToTheirEnd) {
  const std::string text = read_input_file("/proc/self/status", "test file", kSystemFileLimit);
  EXPECT_NE(text.find("Pid:"), std::string::npos);
  EXPECT_THROW(read_input_file("/proc/self/status", "test file", 16), Error) << "still capped";
}

// sha256_file streams in 1 MiB pieces: a file of a few pieces and a ragged
// end hashes as its whole text does.
TEST_F(InputFile, Sha256OfAFileLargerThanOnePiece) {
  std::string text;
  for (int i = 0; text.size() < 3 * kMiB + 17; ++i) text += "line " + std::to_string(i) + "\n";
  EXPECT_EQ(sha256_file(dir_.write("big", text), "patch"), sha256_hex(text));
  EXPECT_EQ(sha256_file(dir_.write("empty", ""), "patch"),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_F(InputFile, Sha256RefusesWhatIsNotARegularFileAndNamesAMissingOne) {
  const fs::path fifo = dir_ / "fifo";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_EQ(sha256_refusal(fifo), fifo.string() + ": not a regular file (a FIFO)");
  EXPECT_EQ(sha256_refusal("/dev/zero"), "/dev/zero: not a regular file (a character device)");
  EXPECT_EQ(sha256_refusal(dir_.path()), dir_.path().string() + ": not a regular file (a directory)");
  EXPECT_EQ(sha256_refusal(dir_ / "absent"), "patch not found: " + (dir_ / "absent").string());
}

}  // namespace
}  // namespace irqlab
