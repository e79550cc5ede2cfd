// The corpus of malformed inputs (tests/corpus/README): each case must be
// answered by one printable error line with its exit status, within a
// second of CPU time (IRQLAB_CLI_CPU_SECONDS: looser under the sanitizers),
// and none by an internal error.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <regex>

#include "cli_harness.h"
#include "irqlab/common/files.h"
#include "irqlab/common/text.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

struct CorpusCase {
  fs::path dir;
  std::string name;
};

std::vector<CorpusCase> corpus_cases() {
  std::vector<CorpusCase> cases;
  const fs::path roots[] = {fs::path(IRQLAB_TEST_SOURCE_DIR) / "tests/corpus", IRQLAB_CORPUS_GENERATED_DIR};
  for (const fs::path& root : roots) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec))
      if (fs::exists(entry.path() / "args")) cases.push_back({entry.path(), entry.path().filename().string()});
  }
  std::sort(cases.begin(), cases.end(), [](const CorpusCase& a, const CorpusCase& b) { return a.name < b.name; });
  return cases;
}

// The non-empty lines of a case's file; none if it has no such file.
std::vector<std::string> lines_of(const fs::path& file) {
  std::vector<std::string> out;
  if (!fs::exists(file)) return out;
  for (const std::string& line : split(read_file(file), '\n'))
    if (!line.empty()) out.push_back(line);
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

struct Expectation {
  int exit_code = -1;
  std::string error_pattern;
};

Expectation read_expectation(const fs::path& dir) {
  Expectation e;
  for (const std::string& line : lines_of(dir / "expect")) {
    if (line.starts_with("exit ")) e.exit_code = std::stoi(line.substr(5));
    if (line.starts_with("error ")) e.error_pattern = line.substr(6);
  }
  return e;
}

// A fresh copy of the case, so that nothing irqlab does (restore's lock
// file) touches the source tree; with the FIFOs git cannot keep.
fs::path copy_of(const CorpusCase& c) {
  const fs::path dir = make_temp_dir("corpus-" + c.name);
  fs::copy(c.dir, dir, fs::copy_options::recursive);
  for (const std::string& name : lines_of(c.dir / "mkfifo"))
    if (::mkfifo((dir / name).c_str(), 0600) != 0) ADD_FAILURE() << "cannot make the FIFO " << (dir / name);
  return dir;
}

CliRun run_case(const CorpusCase& c, const fs::path& copy) {
  const std::string fixtures = std::string(IRQLAB_TEST_SOURCE_DIR) + "/topology/tests/fixtures";
  std::vector<std::string> args;
  for (const std::string& arg : lines_of(c.dir / "args"))
    args.push_back(replace_all(replace_all(arg, "@CASE@", copy.string()), "@FIXTURES@", fixtures));
  return run_irqlab_promptly(args, lines_of(c.dir / "env"));
}

bool all_printable(const std::string& line) {
  return std::all_of(line.begin(), line.end(), [](char ch) { return ch >= 0x20 && ch < 0x7f; });
}

// gtest names a failing case by this, not by its bytes.
void PrintTo(const CorpusCase& c, std::ostream* out) { *out << c.name; }

class Corpus : public ::testing::TestWithParam<CorpusCase> {};

}  // namespace

TEST_P(Corpus, AnswersWithOneErrorLine) {
  const CorpusCase& c = GetParam();
  const Expectation expected = read_expectation(c.dir);
  ASSERT_FALSE(expected.error_pattern.empty()) << c.dir << "/expect has no 'error' line";
  const fs::path copy = copy_of(c);
  const CliRun run = run_case(c, copy);
  EXPECT_EQ(run.exit_code, expected.exit_code) << run.err;
  const std::string line = error_line(run.err);
  EXPECT_TRUE(std::regex_match(line, std::regex(expected.error_pattern)))
      << "error line: " << line << "\nexpected:   " << expected.error_pattern;
  EXPECT_EQ(run.err, line + "\n") << "stderr is not that one line";
  EXPECT_TRUE(all_printable(line)) << line;
  fs::remove_all(copy);
}

INSTANTIATE_TEST_SUITE_P(Cases, Corpus, ::testing::ValuesIn(corpus_cases()),
                         [](const ::testing::TestParamInfo<CorpusCase>& info) {
                           return replace_all(info.param.name, "-", "_");
                         });

// "internal:" is for bugs: no input a user can write may produce it.
TEST(CorpusSweep, NoInputIsAnInternalError) {
  const std::vector<CorpusCase> cases = corpus_cases();
  EXPECT_GE(cases.size(), 40u) << "the corpus was not found (or the generated half is missing)";
  std::string internal;
  for (const CorpusCase& c : cases) {
    const fs::path copy = copy_of(c);
    const CliRun run = run_case(c, copy);
    if (run.err.find("internal:") != std::string::npos) internal += c.name + ": " + run.err;
    fs::remove_all(copy);
  }
  EXPECT_EQ(internal, "");
}

}  // namespace irqlab::test
