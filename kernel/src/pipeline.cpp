#include "irqlab/kernel/pipeline.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/kernel/config_fragment.h"
#include "irqlab/kernel/series.h"
#include "source.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

// Bump when the way images are built changes, so old cache entries go stale.
constexpr const char* kPipelineVersion = "irqlab-kernel-pipeline-v1";
constexpr const char* kBaseTag = "irqlab-base";
constexpr const char* kLocalVersion = "-irqlab";

// Serialises builds that share a source tree (two irqlab runs at once).
class TreeLock {
 public:
  explicit TreeLock(const fs::path& file) {
    fd_ = open(file.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error("cannot open lock " + file.string());
    while (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      throw_if_interrupted();
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
  ~TreeLock() { close(fd_); }
  TreeLock(const TreeLock&) = delete;
  TreeLock& operator=(const TreeLock&) = delete;

 private:
  int fd_ = -1;
};

struct Fragment {
  fs::path path;
  std::string text;
  std::vector<ConfigOption> options;
};

std::vector<Fragment> load_fragments(const std::vector<fs::path>& paths) {
  std::vector<Fragment> fragments;
  for (const fs::path& p : paths) {
    if (!fs::is_regular_file(p)) throw Error("config fragment not found: " + p.string());
    Fragment f{fs::absolute(p), read_file(p), {}};
    f.options = parse_config_fragment(f.text, p.filename().string());
    fragments.push_back(std::move(f));
  }
  return fragments;
}

std::string cache_key(const KernelSource& source, const Series& series, const std::vector<Fragment>& fragments) {
  std::string input = std::string(kPipelineVersion) + "\nsource " + source.identity + "\nseries " + series.hash +
                      "\nbase tinyconfig\n";
  for (const Fragment& f : fragments) input += "fragment " + sha256_hex(f.text) + "\n";
  return sha256_hex(input);
}

KernelImage read_build_info(const fs::path& dir) {
  auto info = nlohmann::json::parse(read_file(dir / "build-info.json"));
  KernelImage image;
  image.bzimage = dir / "bzImage";
  image.config = dir / "config";
  image.key = info.at("key");
  image.kernel_release = info.at("kernel_release");
  image.source_label = info.at("source");
  image.series_hash = info.at("series_hash");
  image.patches = info.at("patches").get<std::vector<std::string>>();
  image.build_seconds = info.at("build_seconds");
  return image;
}

void write_build_info(const fs::path& dir, const KernelImage& image, const KernelSource& source) {
  nlohmann::json info = {
      {"schema", "irqlab.kernel-build/1"},   {"key", image.key},
      {"kernel_release", image.kernel_release}, {"source", image.source_label},
      {"source_identity", source.identity},  {"series_hash", image.series_hash},
      {"patches", image.patches},            {"build_seconds", image.build_seconds},
  };
  write_file_atomic(dir / "build-info.json", info.dump(2) + "\n");
}

// Extracts the pristine source once and records it as a git commit, so a
// later build can return to it cheaply whatever series was applied before.
void ensure_pristine_tree(const KernelSource& source, const fs::path& src) {
  if (fs::exists(src / ".irqlab-ready")) return;
  fs::path tmp = src;
  tmp += ".partial";
  fs::remove_all(tmp);
  snapshot_kernel_source(source, tmp);
  const std::string dir = tmp.string();
  run_checked({"git", "-C", dir, "init", "-q"}, "git init of the kernel tree");
  // Debian's tarball ships a .gitignore that ignores its whole top level.
  run_checked({"git", "-C", dir, "add", "-f", "-A"}, "git add of the kernel tree");
  run_checked({"git", "-C", dir, "-c", "user.name=irqlab", "-c", "user.email=irqlab@localhost", "commit", "-q",
               "--no-verify", "-m", "pristine " + source.label},
              "git commit of the kernel tree");
  run_checked({"git", "-C", dir, "tag", kBaseTag}, "git tag of the kernel tree");
  write_file_atomic(tmp / ".git" / "irqlab-source", source.identity + "\n");
  fs::rename(tmp, src);
  write_file_atomic(src / ".irqlab-ready", source.label + "\n");
}

std::string first_error_line(const std::string& output) {
  for (const std::string& line : split(output, '\n'))
    if (starts_with(line, "error: ")) return line.substr(7);
  return std::string(trim(output));
}

void apply_series(const fs::path& src, const Series& series) {
  const std::string dir = src.string();
  run_checked({"git", "-C", dir, "reset", "-q", "--hard", kBaseTag}, "resetting the kernel tree");
  run_checked({"git", "-C", dir, "clean", "-q", "-f", "-d", "-x", "-e", ".irqlab-ready"}, "cleaning the kernel tree");
  for (const fs::path& patch : series.patches) {
    auto r = run_process({"git", "-C", dir, "apply", "--whitespace=nowarn", patch.string()});
    if (!r.ok())
      throw Error("patch " + patch.filename().string() + " does not apply: " + first_error_line(r.output));
  }
}

void configure(const fs::path& src, const fs::path& build, const std::vector<Fragment>& fragments,
               const ProcessOptions& log) {
  const std::string o = "O=" + build.string();
  run_checked({"make", "-C", src.string(), o, "tinyconfig"}, "make tinyconfig", log);
  std::vector<std::string> merge = {(src / "scripts/kconfig/merge_config.sh").string(), "-m", "-O", build.string(),
                                    (build / ".config").string()};
  for (const Fragment& f : fragments) merge.push_back(f.path.string());
  ProcessOptions in_src = log;
  in_src.cwd = src;
  run_checked(merge, "merge_config.sh", in_src);
  run_checked({"make", "-C", src.string(), o, "olddefconfig"}, "make olddefconfig", log);

  // Later fragments override earlier ones; check each option where it was
  // last requested.
  std::map<std::string, std::size_t> last_request;
  for (std::size_t i = 0; i < fragments.size(); ++i)
    for (const ConfigOption& opt : fragments[i].options) last_request[opt.name] = i;
  const std::string final_config = read_file(build / ".config");
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    std::vector<ConfigOption> wanted;
    for (const ConfigOption& opt : fragments[i].options)
      if (last_request[opt.name] == i) wanted.push_back(opt);
    for (auto& p : verify_config(wanted, final_config, fragments[i].path.filename().string()))
      problems.push_back(std::move(p));
  }
  if (!problems.empty()) {
    std::string detail;
    for (const auto& p : problems) detail += "  " + p + "\n";
    throw Error("kernel config check: " + problems.front() +
                    (problems.size() > 1 ? " (and " + std::to_string(problems.size() - 1) + " more)" : ""),
                detail);
  }
}

std::vector<std::string> make_build_args(const fs::path& build, unsigned jobs) {
  std::vector<std::string> args = {"make", "-C", build.string(), "-j" + std::to_string(jobs),
                                   std::string("LOCALVERSION=") + kLocalVersion, "KBUILD_BUILD_USER=irqlab",
                                   "KBUILD_BUILD_HOST=irqlab"};
  if (find_executable("ccache")) args.push_back("CC=ccache gcc");
  return args;
}

}  // namespace

KernelImage build_kernel(const KernelBuildOptions& options, Progress& progress) {
  progress.begin("kernel", "checking the kernel source, series and config");
  const fs::path source_path = options.source.empty() ? kDefaultKernelTarball : options.source;
  const KernelSource source = resolve_kernel_source(source_path);
  const Series series = load_series(options.patches_dir);
  const std::vector<Fragment> fragments = load_fragments(options.config_fragments);
  const std::string key = cache_key(source, series, fragments);

  const fs::path kernel_cache = options.cache_dir / "kernel";
  const fs::path image_dir = kernel_cache / "images" / key.substr(0, 16);
  const std::string series_desc =
      series.patches.empty() ? "empty series" : std::to_string(series.patches.size()) + " patches";
  if (!options.rebuild && fs::exists(image_dir / "build-info.json") && fs::exists(image_dir / "bzImage")) {
    KernelImage image = read_build_info(image_dir);
    image.from_cache = true;
    progress.done(image.kernel_release + ", series " + series.short_hash() + " (" + series_desc +
                  "), cached image");
    return image;
  }

  const fs::path tree = kernel_cache / "trees" / sha256_hex(source.identity).substr(0, 16);
  fs::create_directories(tree);
  TreeLock lock(tree / "lock");
  const fs::path src = tree / "src";
  const fs::path build = tree / "build";
  const fs::path log_file = tree / "build.log";
  write_file_atomic(log_file, "");
  ProcessOptions log;
  log.log_file = log_file;
  log.stream = progress.verbose();
  log.capture = true;
  log.extra_env = {"CCACHE_DIR=" + (options.cache_dir / "ccache").string()};

  const auto start = std::chrono::steady_clock::now();
  ensure_pristine_tree(source, src);
  apply_series(src, series);
  fs::create_directories(build);
  configure(src, build, fragments, log);
  const unsigned jobs = options.jobs ? options.jobs : std::thread::hardware_concurrency() + 1;
  auto make = make_build_args(build, jobs);
  make.push_back("bzImage");
  run_checked(make, "kernel build (log: " + log_file.string() + ")", log);

  auto release_args = make_build_args(build, 1);
  release_args.insert(release_args.begin() + 1, "-s");
  release_args.push_back("kernelrelease");
  ProcessOptions quiet;
  std::string release(trim(run_checked(release_args, "make kernelrelease", quiet)));

  KernelImage image;
  image.key = key;
  image.kernel_release = release;
  image.source_label = source.label;
  image.series_hash = series.hash;
  for (const auto& p : series.patches) image.patches.push_back(p.filename().string());
  image.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  fs::path staging = image_dir;
  staging += ".partial";
  fs::remove_all(staging);
  fs::create_directories(staging);
  fs::copy_file(build / "arch/x86/boot/bzImage", staging / "bzImage");
  fs::copy_file(build / ".config", staging / "config");
  write_build_info(staging, image, source);
  fs::remove_all(image_dir);
  fs::rename(staging, image_dir);
  image.bzimage = image_dir / "bzImage";
  image.config = image_dir / "config";
  progress.done(release + ", series " + series.short_hash() + " (" + series_desc + "), built in " +
                std::to_string(static_cast<int>(image.build_seconds)) + " s");
  return image;
}

}  // namespace irqlab
