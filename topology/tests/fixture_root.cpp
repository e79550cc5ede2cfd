#include "fixture_root.h"

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

// A test may hold several copies at once: each has a directory of its own.
static int copies = 0;

FixtureCopy::FixtureCopy(const std::string& name)
    : base_("topology-test-" + std::to_string(copies++)), root_(base_ / "root") {
  fs::copy(fixture(name), root_, fs::copy_options::recursive);
}

fs::path FixtureCopy::path(const std::string& abs) const { return root_ / fs::path(abs).relative_path(); }

std::string FixtureCopy::read(const std::string& abs) const { return std::string(trim(read_file(path(abs)))); }

void FixtureCopy::write(const std::string& abs, const std::string& content) const {
  fs::create_directories(path(abs).parent_path());
  std::ofstream(path(abs)) << content;
}

}  // namespace irqlab::test
