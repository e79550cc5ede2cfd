#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "irqlab/common/error.h"
#include "irqlab/scenario/fio.h"

namespace irqlab {
namespace {

bool has(const std::vector<std::string>& argv, const std::string& arg) {
  return std::find(argv.begin(), argv.end(), arg) != argv.end();
}

FioLoad nvme_load() {
  FioLoad load;
  load.filenames = {"/dev/nvme0n1"};
  return load;
}

TEST(FioCommand, DefaultLoadIsTheDocumentedQuickLoad) {
  std::vector<std::string> argv = fio_command(nvme_load(), "/share/fio.json");
  ASSERT_FALSE(argv.empty());
  EXPECT_EQ(argv[0], "fio");
  for (const char* arg : {"--filename=/dev/nvme0n1", "--rw=randread", "--ioengine=io_uring", "--bs=4096",
                          "--iodepth=16", "--numjobs=2", "--runtime=5", "--time_based", "--direct=1",
                          "--group_reporting", "--readonly", "--output-format=json+",
                          "--output=/share/fio.json"})
    EXPECT_TRUE(has(argv, arg)) << arg;
  // The whole device unless a size is given.
  EXPECT_TRUE(std::none_of(argv.begin(), argv.end(), [](const std::string& a) { return a.rfind("--size", 0) == 0; }));
}

TEST(FioCommand, WriteLoadsAreNotReadonly) {
  FioLoad load = nvme_load();
  for (const char* rw : {"randwrite", "write", "randrw", "readwrite"}) {
    load.rw = rw;
    EXPECT_FALSE(has(fio_command(load, "j"), "--readonly")) << rw;
    EXPECT_FALSE(fio_load_is_read_only(load)) << rw;
  }
  load.rw = "read";
  EXPECT_TRUE(has(fio_command(load, "j"), "--readonly"));
}

TEST(FioCommand, SeveralFilesSizeAndBufferedIo) {
  FioLoad load = nvme_load();
  load.filenames.push_back("/dev/disk/by-path/pci-0000:81:00.0-nvme-1");
  load.size_bytes = 64ull << 20;
  load.direct = false;
  std::vector<std::string> argv = fio_command(load, "out.json");
  EXPECT_TRUE(has(argv, "--filename=/dev/nvme0n1:/dev/disk/by-path/pci-0000\\:81\\:00.0-nvme-1"));
  EXPECT_TRUE(has(argv, "--size=67108864"));
  EXPECT_TRUE(has(argv, "--direct=0"));
}

TEST(FioCommand, RejectsLoadsFioWouldMisread) {
  EXPECT_THROW(fio_command(FioLoad{}, "j"), Error);  // no filename
  FioLoad load = nvme_load();
  load.iodepth = 0;
  EXPECT_THROW(fio_command(load, "j"), Error);
  EXPECT_THROW(fio_command(nvme_load(), ""), Error);
}

}  // namespace
}  // namespace irqlab
