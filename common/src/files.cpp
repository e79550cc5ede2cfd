#include "irqlab/common/files.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/common/input_file.h"

namespace irqlab {
namespace fs = std::filesystem;

std::string read_file(const fs::path& path) { return read_input_file(path, "file", kTraceTextLimit); }

void write_file_atomic(const fs::path& path, std::string_view content) {
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(getpid());
  // Errors name the file asked for, and leave no temporary file behind.
  auto fail = [&](const std::string& why) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    return Error("cannot write " + path.string() + ": " + why);
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw fail(std::strerror(errno));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) throw fail(std::strerror(errno));
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  if (ec) throw fail(ec.message());
}

namespace {
struct DigestCtx {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  DigestCtx() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void update(const void* data, std::size_t n) { EVP_DigestUpdate(ctx.get(), data, n); }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
      out += digits[md[i] >> 4];
      out += digits[md[i] & 15];
    }
    return out;
  }
};
}  // namespace

std::string sha256_hex(std::string_view data) {
  DigestCtx d;
  d.update(data.data(), data.size());
  return d.hex();
}

std::string sha256_file(const fs::path& path, const std::string& what) {
  const UniqueFd fd = open_input_file(path, what);
  DigestCtx d;
  std::vector<char> buf(1 << 20);
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error("cannot read " + path.string() + ": " + std::strerror(errno));
    if (n == 0) return d.hex();
    d.update(buf.data(), static_cast<std::size_t>(n));
  }
}

fs::path default_cache_dir() {
  if (const char* dir = std::getenv("IRQLAB_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return fs::path(xdg) / "irqlab";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : "/tmp") / ".cache" / "irqlab";
}

}  // namespace irqlab

namespace irqlab {

std::vector<std::string> names_in(const fs::path& dir, const std::string& extension) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == extension) names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

fs::path resolve_name_or_path(const std::string& name_or_path, const fs::path& dir, const std::string& extension,
                              const std::string& kind) {
  if (name_or_path.find('/') != std::string::npos || fs::path(name_or_path).extension() == extension)
    return name_or_path;
  const fs::path file = dir / (name_or_path + extension);
  std::error_code ec;
  if (!name_or_path.empty() && fs::is_regular_file(file, ec)) return file;
  std::string known;
  for (const std::string& n : names_in(dir, extension)) known += (known.empty() ? "" : ", ") + n;
  throw Error("unknown " + kind + " '" + name_or_path + "' (" + kind + "s in " + dir.string() + ": " +
              (known.empty() ? "none" : known) + ")");
}

}  // namespace irqlab
