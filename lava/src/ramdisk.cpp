// build_ramdisk(): a directory tree laid out as the guest's /, packed with
// cpio (newc, owned by root) and gzip, the formats the kernel unpacks.
#include "irqlab/lava/ramdisk.h"

#include <set>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "ramdisk_scripts.h"

namespace irqlab {
namespace fs = std::filesystem;

namespace {

// The tools `irqlab scenario run` starts, and where the guest finds them.
struct Tool {
  const char* name;
  const char* package;
};
constexpr Tool kTools[] = {{"fio", "fio"}, {"perf", "linux-perf"}, {"trace-cmd", "trace-cmd"}};

// Plugin directories the tools load from at run time (absent ones are skipped).
const char* const kPluginDirs[] = {"/usr/lib/x86_64-linux-gnu/traceevent/plugins",
                                   "/usr/lib/x86_64-linux-gnu/trace-cmd/plugins",
                                   "/usr/lib/x86_64-linux-gnu/hwloc"};

fs::path required_program(const std::string& name, const std::string& package) {
  const auto found = find_executable(name);
  if (!found) throw Error(name + " not found: install " + package + " (the LAVA ramdisk carries it)");
  return fs::canonical(*found);
}

// Removes the staging tree however the build ends.
class StagingTree {
 public:
  explicit StagingTree(fs::path dir) : dir_(std::move(dir)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~StagingTree() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  StagingTree(const StagingTree&) = delete;
  StagingTree& operator=(const StagingTree&) = delete;
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

class Layout {
 public:
  explicit Layout(const fs::path& root) : root_(root) {}

  // Copies an ELF file to the same path under the root, its debug info
  // stripped (irqlab's RelWithDebInfo build is mostly debug info).
  void elf(const fs::path& host, const fs::path& guest) {
    if (!copied_.insert(guest).second) return;
    const fs::path target = root_ / guest.relative_path();
    fs::create_directories(target.parent_path());
    run_checked({"strip", "--strip-debug", "-o", target.string(), host.string()}, "strip " + host.string());
  }

  // A program with the libraries ldd lists for it.
  void program(const fs::path& host, const fs::path& guest) {
    elf(host, guest);
    programs_.push_back(host);
    for (const fs::path& lib : libraries_from_ldd(run_checked({"ldd", host.string()}, "ldd " + host.string()))) {
      elf(fs::canonical(lib), lib);
      programs_.push_back(lib);
    }
  }

  void text(const fs::path& guest, std::string_view content, fs::perms mode) {
    const fs::path target = root_ / guest.relative_path();
    fs::create_directories(target.parent_path());
    write_file_atomic(target, content);
    fs::permissions(target, mode);
  }

  std::vector<fs::path> programs_;

 private:
  fs::path root_;
  std::set<fs::path> copied_;
};

constexpr fs::perms kExecutable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                  fs::perms::others_read | fs::perms::others_exec;
constexpr fs::perms kReadable = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read;

}  // namespace

std::vector<fs::path> libraries_from_ldd(const std::string& ldd_output) {
  // "\tlibm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)", "\t/lib64/ld-linux-x86-64.so.2 (0x...)",
  // "\tlinux-vdso.so.1 (0x...)" (in the kernel: nothing to copy).
  std::vector<fs::path> out;
  for (const std::string& line : split(ldd_output, '\n')) {
    const std::vector<std::string> words = split_whitespace(line);
    if (words.size() >= 3 && words[1] == "=>") {
      if (words[2] == "not") throw Error("ldd: " + words[0] + " not found");
      if (starts_with(words[2], "/")) out.emplace_back(words[2]);
    } else if (!words.empty() && starts_with(words[0], "/")) {
      out.emplace_back(words[0]);
    }
  }
  return out;
}

RamdiskContents build_ramdisk(const RamdiskSpec& spec) {
  const fs::path busybox = required_program("busybox", "busybox-static");
  for (const char* tool : {"ldd", "strip", "cpio", "gzip"})
    if (!find_executable(tool)) throw Error(std::string(tool) + " not found (building the LAVA ramdisk needs it)");
  StagingTree tree(spec.output.parent_path() / ("." + spec.output.filename().string() + ".tree"));
  Layout layout(tree.dir());

  // busybox is static in busybox-static; ldd answers "not a dynamic executable".
  fs::create_directories(tree.dir() / "bin");
  fs::copy_file(busybox, tree.dir() / "bin/busybox");
  fs::create_symlink("busybox", tree.dir() / "bin/sh");
  layout.program(spec.irqlab_binary, "/usr/bin/irqlab");
  layout.program(spec.microbench_binary, "/usr/bin/irqlab-microbench");
  for (const Tool& t : kTools) layout.program(required_program(t.name, t.package), fs::path("/usr/bin") / t.name);
  for (const char* dir : kPluginDirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ".so") layout.program(e.path(), e.path());
  }

  layout.text("/init", kRamdiskInit, kExecutable);
  layout.text("/usr/bin/irqlab-lava-run", kRamdiskRun, kExecutable);
  layout.text("/usr/bin/irqlab-lava-send", kRamdiskSend, kExecutable);
  for (const auto& [name, text] : spec.scenarios)
    layout.text(fs::path("/irqlab/scenarios") / (name + ".scenario"), text, kReadable);

  const fs::path partial = spec.output.string() + ".partial";
  ProcessOptions in_tree;
  in_tree.cwd = tree.dir();
  run_checked({"sh", "-c", "find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -6 > " +
                               shell_join({partial.string()})},
              "packing the ramdisk", in_tree);
  fs::rename(partial, spec.output);
  RamdiskContents out;
  out.programs = layout.programs_;
  out.bytes = fs::file_size(spec.output);
  return out;
}

}  // namespace irqlab
