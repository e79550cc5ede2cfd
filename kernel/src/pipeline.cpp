#include "irqlab/kernel/pipeline.h"

#include <chrono>
#include <optional>
#include <nlohmann/json.hpp>

#include "irqlab/common/error.h"
#include "irqlab/common/files.h"
#include "irqlab/common/input_file.h"
#include "irqlab/common/process.h"
#include "irqlab/common/text.h"
#include "irqlab/kernel/config_fragment.h"
#include "irqlab/kernel/series.h"
#include "kernel_make.h"
#include "kernel_tree.h"
#include "source.h"
#include "tree_lock.h"

namespace irqlab {
namespace fs = std::filesystem;
namespace {

// Bump when the way images are built changes, so old cache entries go stale.
constexpr const char* kPipelineVersion = "irqlab-kernel-pipeline-v1";

std::string cache_key(const KernelSource& source, const Series& series,
                      const std::vector<ConfigFragment>& fragments) {
  std::string input = std::string(kPipelineVersion) + "\nsource " + source.identity + "\nseries " + series.hash +
                      "\nbase tinyconfig\n";
  for (const ConfigFragment& f : fragments) input += "fragment " + sha256_hex(f.text) + "\n";
  return sha256_hex(input);
}

KernelImage read_build_info(const fs::path& dir) {
  auto info = nlohmann::json::parse(read_input_file(dir / "build-info.json", "build record", kTextInputLimit));
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

void apply_series(const fs::path& src, const Series& series) {
  reset_to_base(src);
  for (const fs::path& patch : series.patches)
    if (std::string why = apply_patch(src, patch); !why.empty())
      throw Error("patch " + patch.filename().string() + " does not apply: " + why);
}

void configure(const fs::path& src, const fs::path& build, const std::vector<ConfigFragment>& fragments,
               const ProcessOptions& log) {
  std::vector<fs::path> paths;
  for (const ConfigFragment& f : fragments) paths.push_back(f.path);
  ProcessOptions in_src = log;
  in_src.cwd = src;
  for (const KernelCommand& command : tinyconfig_commands(src, build, {}, paths))
    run_checked(command.argv, command.what, in_src);
  require_fragments_hold(fragments, read_input_file(build / ".config", "kernel .config", kKernelConfigLimit));
}

}  // namespace

KernelImage build_kernel(const KernelBuildOptions& options, Progress& progress) {
  progress.begin("kernel", "checking the kernel source, series and config");
  const fs::path source_path = options.source.empty() ? kDefaultKernelTarball : options.source;
  const KernelSource source = resolve_kernel_source(source_path, options.source_ref);
  const Series series = load_series(options.patches_dir);
  const std::vector<ConfigFragment> fragments = load_config_fragments(options.config_fragments);
  const std::string key = cache_key(source, series, fragments);

  const fs::path kernel_cache = options.cache_dir / "kernel";
  const fs::path image_dir = kernel_cache / "images" / key.substr(0, 16);
  const std::string series_desc =
      series.patches.empty() ? "empty series" : std::to_string(series.patches.size()) + " patches";
  const auto cached = [&]() -> std::optional<KernelImage> {
    if (options.rebuild || !fs::exists(image_dir / "build-info.json") || !fs::exists(image_dir / "bzImage"))
      return std::nullopt;
    KernelImage image = read_build_info(image_dir);
    image.from_cache = true;
    progress.done(image.kernel_release + ", series " + series.short_hash() + " (" + series_desc +
                  "), cached image");
    return image;
  };
  if (auto image = cached()) return *image;

  const fs::path tree = kernel_tree_dir(options.cache_dir, source);
  fs::create_directories(tree);
  TreeLock lock(tree / "lock");
  // Another build of the same inputs may have held the lock and cached it.
  if (auto image = cached()) return *image;
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
  const unsigned jobs = make_jobs(options.jobs);
  auto make = kernel_make_command(build, jobs);
  make.push_back("bzImage");
  run_checked(make, "kernel build (log: " + log_file.string() + ")", log);

  auto release_args = kernel_make_command(build, 1);
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
