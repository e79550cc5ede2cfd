#include "fixture_root.h"

#include <unistd.h>

#include <fstream>

#include "irqlab/common/files.h"
#include "irqlab/common/text.h"
#include "irqlab/topology/discovery.h"

namespace irqlab::test {
namespace fs = std::filesystem;

fs::path fixture(const std::string& name) { return fs::path(IRQLAB_FIXTURES_DIR) / name; }

Machine discover_fixture(const std::string& name) {
  DiscoveryOptions o;
  o.root = fixture(name);
  return discover(o);
}

FixtureCopy::FixtureCopy(const std::string& name) {
  static int counter = 0;
  base_ = fs::temp_directory_path() /
          ("irqlab-topology-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(base_);
  root_ = base_ / "root";
  fs::create_directories(base_);
  fs::copy(fixture(name), root_, fs::copy_options::recursive);
}

FixtureCopy::~FixtureCopy() {
  std::error_code ec;
  fs::remove_all(base_, ec);
}

fs::path FixtureCopy::path(const std::string& abs) const { return root_ / fs::path(abs).relative_path(); }

std::string FixtureCopy::read(const std::string& abs) const { return std::string(trim(read_file(path(abs)))); }

void FixtureCopy::write(const std::string& abs, const std::string& content) const {
  fs::create_directories(path(abs).parent_path());
  std::ofstream(path(abs)) << content;
}

}  // namespace irqlab::test
