// Bad input gets one clear error line naming the cause and a non-zero exit.
// None of these boots a guest.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "cli_harness.h"

namespace irqlab::test {
namespace fs = std::filesystem;

namespace {

void expect_one_error_line(const CliRun& run, const std::string& expected_line) {
  EXPECT_NE(run.exit_code, 0);
  EXPECT_EQ(first_line(run.err), expected_line) << "stderr:\n" << run.err;
  EXPECT_EQ(run.err.find('\n'), run.err.size() - 1) << "more than one line:\n" << run.err;
}

}  // namespace

TEST(CliErrors, UnknownPresetNamesTheAvailableOnes) {
  for (const char* sub : {"run", "lab"}) {
    std::vector<std::string> args = sub == std::string("run")
                                        ? std::vector<std::string>{"run", "--preset", "no-such-preset"}
                                        : std::vector<std::string>{"lab", "run", "--preset", "no-such-preset"};
    CliRun run = run_irqlab(args);
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: unknown preset 'no-such-preset' (presets in "))
        << run.err;
    EXPECT_NE(run.err.find("nvme-node1"), std::string::npos) << run.err;
  }
}

TEST(CliErrors, MalformedPresetNamesFileAndLine) {
  fs::path dir = make_temp_dir("preset");
  fs::path preset = dir / "broken.preset";
  std::ofstream(preset) << "# a broken preset\nnode 0 cpus=2 memory=1G\nnvme node=0 queues=many\n";
  CliRun run = run_irqlab({"lab", "run", "--preset", preset.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: " + preset.string() + ":3: ")) << run.err;
  fs::remove_all(dir);
}

TEST(CliErrors, MissingKernelSource) {
  fs::path cache = make_temp_dir("cache-src");
  CliRun run = run_irqlab({"kernel", "build", "--kernel-source", "/nonexistent/linux-6.12.tar.xz", "--cache-dir",
                           cache.string()});
  expect_one_error_line(run, "irqlab: error: kernel source not found: /nonexistent/linux-6.12.tar.xz");
  fs::remove_all(cache);
}

TEST(CliErrors, PatchThatDoesNotApplyIsNamed) {
  // A tiny stand-in for a kernel tree: enough for the pipeline to reach the
  // series, which fails before anything is configured or built.
  fs::path dir = make_temp_dir("badpatch");
  fs::create_directories(dir / "src" / "kernel" / "irq");
  std::ofstream(dir / "src" / "Makefile") << "VERSION = 6\nPATCHLEVEL = 12\n";
  std::ofstream(dir / "src" / "kernel" / "irq" / "manage.c") << "int a;\nint b;\nint c;\n";
  fs::create_directories(dir / "patches");
  std::ofstream(dir / "patches" / "0001-good.patch")
      << "--- a/kernel/irq/manage.c\n+++ b/kernel/irq/manage.c\n@@ -1,3 +1,3 @@\n-int a;\n+int a2;\n int b;\n int c;\n";
  std::ofstream(dir / "patches" / "0002-stale.patch")
      << "--- a/kernel/irq/manage.c\n+++ b/kernel/irq/manage.c\n@@ -1,3 +1,3 @@\n int x;\n-int y;\n+int y2;\n "
         "int z;\n";
  std::ofstream(dir / "patches" / "series") << "0001-good.patch\n0002-stale.patch\n";
  CliRun run = run_irqlab({"kernel", "build", "--kernel-source", (dir / "src").string(), "--patches",
                           (dir / "patches").string(), "--cache-dir", (dir / "cache").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: patch 0002-stale.patch does not apply: ")) << run.err;
  fs::remove_all(dir);
}

// The same from a git tree: its HEAD is exported, so the working tree's
// uncommitted state cannot leak into the build.
TEST(CliErrors, PatchThatDoesNotApplyToAGitTreeIsNamed) {
  fs::path dir = make_temp_dir("badpatch-git");
  fs::create_directories(dir / "src" / "kernel" / "irq");
  std::ofstream(dir / "src" / "Makefile") << "VERSION = 6\n";
  std::ofstream(dir / "src" / "kernel" / "irq" / "manage.c") << "int a;\n";
  const std::string src = (dir / "src").string();
  ASSERT_EQ(std::system(("git -C " + src + " init -q && git -C " + src + " add -A && git -C " + src +
                         " -c user.name=t -c user.email=t@t commit -qm base")
                            .c_str()),
            0);
  std::ofstream(dir / "src" / "kernel" / "irq" / "manage.c") << "int uncommitted;\n";
  fs::create_directories(dir / "patches");
  std::ofstream(dir / "patches" / "0001-needs-uncommitted.patch")
      << "--- a/kernel/irq/manage.c\n+++ b/kernel/irq/manage.c\n@@ -1 +1 @@\n-int uncommitted;\n+int b;\n";
  std::ofstream(dir / "patches" / "series") << "0001-needs-uncommitted.patch\n";
  CliRun run = run_irqlab({"kernel", "build", "--kernel-source", src, "--patches", (dir / "patches").string(),
                           "--cache-dir", (dir / "cache").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: patch 0001-needs-uncommitted.patch does not apply: "))
      << run.err;
  fs::remove_all(dir);
}

TEST(CliErrors, SeriesNamingAMissingPatch) {
  fs::path dir = make_temp_dir("series");
  std::ofstream(dir / "series") << "0001-absent.patch\n";
  CliRun run = run_irqlab({"kernel", "build", "--patches", dir.string(), "--cache-dir", (dir / "cache").string()});
  expect_one_error_line(run, "irqlab: error: " + (dir / "series").string() + ":1: patch not found: 0001-absent.patch");
  fs::remove_all(dir);
}

TEST(CliErrors, QemuMissing) {
  fs::path dir = make_temp_dir("noqemu");
  CliRun run = run_irqlab({"lab", "run", "--kernel", IRQLAB_BINARY, "--run-dir", dir.string(), "--", "true"},
                          {"IRQLAB_QEMU=/nonexistent/qemu-system-x86_64"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: qemu not found: /nonexistent/qemu-system-x86_64"))
      << run.err;
  fs::remove_all(dir);
}

TEST(CliErrors, MissingKernelImage) {
  CliRun run = run_irqlab({"lab", "run", "--kernel", "/nonexistent/bzImage", "--", "true"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(first_line(run.err).find("/nonexistent/bzImage"), std::string::npos) << run.err;
}

TEST(CliErrors, UnknownOptionIsOneLineExitTwo) {
  CliRun run = run_irqlab({"run", "--no-such-option"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_TRUE(first_line(run.err).starts_with("irqlab: error: ")) << run.err;
  EXPECT_NE(run.err.find("--no-such-option"), std::string::npos) << run.err;
}

TEST(CliErrors, ConfigFragmentMissing) {
  CliRun run = run_irqlab({"kernel", "build", "--config-fragment", "/nonexistent/lab.config"});
  expect_one_error_line(run, "irqlab: error: config fragment not found: /nonexistent/lab.config");
}

}  // namespace irqlab::test

namespace irqlab::test {

TEST(CliErrors, DirectoryAsPresetIsRefused) {
  fs::path dir = make_temp_dir("preset-dir");
  const fs::path preset = dir / "dir.preset";
  fs::create_directories(preset);
  CliRun run = run_irqlab_promptly({"lab", "run", "--preset", preset.string()});
  EXPECT_EQ(run.exit_code, 1);
  expect_one_error_line(run, "irqlab: error: " + preset.string() + ": not a regular file (a directory)");
  fs::remove_all(dir);
}

}  // namespace irqlab::test
