// report.html as a browser shows it: headless Chromium renders the report of
// the fixture run directories; its DOM must hold the tables and the plots,
// and its screenshot must not be a blank page. Skipped only where chromium
// is not installed (ci/packages.txt installs it for CI).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "html_checks.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/results/html_report.h"
#include "irqlab/results/summary.h"
#include "report_fixture.h"

namespace irqlab {
namespace {

namespace fs = std::filesystem;

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto found = find_executable("chromium");
    if (!found) GTEST_SKIP() << "chromium is not installed (apt-get install chromium)";
    chromium_ = *found;
    dir_ = fs::temp_directory_path() / ("irqlab-browser-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty() && !HasFailure()) fs::remove_all(dir_);
  }

  // chromium --headless with the window of the brief, on a file of dir_.
  ProcessResult chromium(const std::string& what, const fs::path& page) {
    ProcessOptions o;
    o.timeout = std::chrono::seconds(120);
    o.extra_env = {"HOME=" + dir_.string()};
    return run_process({chromium_.string(), "--headless=new", "--no-sandbox", "--disable-gpu",
                        "--window-size=1200,900", what, "file://" + page.string()},
                       o);
  }

  // The screenshot's size in bytes.
  std::uintmax_t screenshot(const fs::path& page, const fs::path& png) {
    const ProcessResult r = chromium("--screenshot=" + png.string(), page);
    EXPECT_TRUE(r.ok()) << r.describe() << "\n" << r.output;
    if (!fs::exists(png)) return 0;
    EXPECT_EQ(read_file(png).substr(0, 8), "\x89PNG\r\n\x1a\n");
    return fs::file_size(png);
  }

  fs::path chromium_, dir_;
};

TEST_F(Browser, RendersTheTablesAndPlotsOfAReport) {
  const Report r = test::fixture_report();
  const fs::path page = dir_ / "report.html";
  write_file_atomic(page, html_report(r.comparison, summarize(r.comparison), r.timelines));

  const ProcessResult dom = chromium("--dump-dom", page);
  ASSERT_TRUE(dom.ok()) << dom.describe() << "\n" << dom.output;
  EXPECT_EQ(test::count(dom.output, "<table"), 2u) << dom.output;  // per arm, provenance
  EXPECT_NE(dom.output.find(">opt 3 (override)</th>"), std::string::npos);
  // Three plots, each with something drawn in it.
  EXPECT_EQ(test::count(dom.output, "<svg"), 3u);
  for (std::size_t at = dom.output.find("<svg"); at != std::string::npos; at = dom.output.find("<svg", at + 1)) {
    const std::string svg = dom.output.substr(at, dom.output.find("</svg>", at) - at);
    EXPECT_TRUE(svg.find("<polyline") != std::string::npos || svg.find("<circle") != std::string::npos) << svg;
  }

  // A blank page's screenshot compresses to almost nothing; the report's must not.
  const fs::path blank = dir_ / "blank.html";
  write_file_atomic(blank, "<!DOCTYPE html>\n<html><body></body></html>\n");
  const std::uintmax_t blank_size = screenshot(blank, dir_ / "blank.png");
  const std::uintmax_t report_size = screenshot(page, dir_ / "report.png");
  EXPECT_GT(blank_size, 0u);
  EXPECT_GT(report_size, 10 * blank_size) << "the report renders as a blank page? " << (dir_ / "report.png");
}

}  // namespace
}  // namespace irqlab
