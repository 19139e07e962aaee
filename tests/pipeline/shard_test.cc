// Shards (issue 7): `--shard K/N` parsing and the content-hash partition.
#include "pipeline/shard.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/ingest.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

TEST(ShardTest, ParsesKOverN) {
  struct Case {
    const char* text;
    bool ok;
    int index;
    int count;
  } cases[] = {
      {"0/1", true, 0, 1},   {"0/4", true, 0, 4},  {"3/4", true, 3, 4},
      {"4/4", false, 0, 0},  {"-1/4", false, 0, 0}, {"1/0", false, 0, 0},
      {"1", false, 0, 0},    {"a/b", false, 0, 0},  {"1/4x", false, 0, 0},
      {"/4", false, 0, 0},   {"2/", false, 0, 0},   {"0/100001", false, 0, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto spec = ParseShard(c.text);
    ASSERT_EQ(spec.ok(), c.ok) << spec.status().ToString();
    if (!c.ok) {
      EXPECT_EQ(spec.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(spec.status().message().find("K/N"), std::string::npos);
      continue;
    }
    EXPECT_EQ(spec->index, c.index);
    EXPECT_EQ(spec->count, c.count);
  }
}

TEST(ShardTest, ShardOfShaIsTheLeadingDigitsModuloN) {
  EXPECT_EQ(ShardOfSha("0000000000000000ffff", 7), 0);
  EXPECT_EQ(ShardOfSha("0000000000000005ffff", 4), 1);
  EXPECT_EQ(ShardOfSha("00000000000000ff", 256), 255);
  EXPECT_EQ(ShardOfSha("ffffffffffffffff", 1), 0);
  // 0xffffffffffffffff = 18446744073709551615, which is 0 modulo 5 and 15 modulo 16.
  EXPECT_EQ(ShardOfSha("ffffffffffffffff0123", 5), 0);
  EXPECT_EQ(ShardOfSha("ffffffffffffffff0123", 16), 15);
}

TEST(ShardTest, EveryFileLandsInExactlyOneShardWhateverItsPath) {
  fixtures::TempDir dir;
  std::vector<InputFile> files;
  for (int i = 0; i < 40; ++i) {
    files.push_back({dir.Write("paper" + std::to_string(i) + ".txt",
                               "Minutes of meeting " + std::to_string(i) + "\n")});
  }
  // The same bytes under another name follow their content.
  files.push_back({dir.Write("copy/paper7.txt", "Minutes of meeting 7\n")});
  files.push_back({dir.path() + "/missing.txt"});
  for (int n : {1, 2, 3, 8}) {
    SCOPED_TRACE(n);
    std::multiset<std::string> seen;
    std::vector<int> sizes;
    for (int k = 0; k < n; ++k) {
      std::vector<InputFile> shard = SelectShard(files, ShardSpec{k, n});
      sizes.push_back(static_cast<int>(shard.size()));
      for (size_t i = 1; i < shard.size(); ++i) {
        // Input order is kept within a shard.
        auto pos = [&](const std::string& p) {
          for (size_t j = 0; j < files.size(); ++j) {
            if (files[j].path == p) return j;
          }
          return files.size();
        };
        EXPECT_LT(pos(shard[i - 1].path), pos(shard[i].path));
      }
      for (const InputFile& f : shard) {
        seen.insert(f.path);
        if (f.path.find("paper7.txt") != std::string::npos) {
          EXPECT_EQ(ShardOfSha(Sha256Hex("Minutes of meeting 7\n"), n), k);
        }
      }
      // Selecting again gives the same files.
      EXPECT_EQ(SelectShard(files, ShardSpec{k, n}).size(), shard.size());
    }
    EXPECT_EQ(seen.size(), files.size());
    for (const InputFile& f : files) EXPECT_EQ(seen.count(f.path), 1u) << f.path;
    if (n == 2) {
      // 42 files split roughly evenly.
      EXPECT_GT(sizes[0], 8);
      EXPECT_GT(sizes[1], 8);
    }
  }
}

}  // namespace
}  // namespace agendum
