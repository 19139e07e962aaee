// CollectInputs: how `agendum run` turns its arguments into files (issue 8:
// symlinks in input folders are followed once, loops are detected).
#include "pipeline/runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> Paths(const CollectResult& r, const std::string& root) {
  std::vector<std::string> out;
  // As CollectInputs spelled them: through the links, not resolved.
  for (const InputFile& f : r.files) {
    EXPECT_EQ(f.path.rfind(root + "/", 0), 0u) << f.path;
    out.push_back(f.path.substr(root.size() + 1));
  }
  return out;
}

bool Mentions(const std::vector<std::string>& notes, const std::string& part) {
  for (const std::string& n : notes) {
    if (n.find(part) != std::string::npos) return true;
  }
  return false;
}

TEST(CollectInputsTest, SymlinkLoopsAreReadOnce) {
  fixtures::TempDir dir;
  const std::string in = dir.path() + "/in";
  dir.Write("in/a.txt", "minutes");
  dir.Write("in/sub/b.txt", "minutes");
  // sub/up -> in: a loop back to the top; sub/self -> sub: a loop to itself.
  fs::create_directory_symlink(in, in + "/sub/up");
  fs::create_directory_symlink(in + "/sub", in + "/sub/self");
  CollectResult r = CollectInputs({in});
  EXPECT_EQ(Paths(r, dir.path()), (std::vector<std::string>{"in/a.txt", "in/sub/b.txt"}));
  EXPECT_TRUE(Mentions(r.skipped, "in/sub/up: symlink loop")) << ::testing::PrintToString(r.skipped);
  EXPECT_TRUE(Mentions(r.skipped, "in/sub/self: symlink loop"))
      << ::testing::PrintToString(r.skipped);
  EXPECT_TRUE(r.missing.empty());
}

TEST(CollectInputsTest, ALinkedFolderOutsideIsFollowedOnce) {
  fixtures::TempDir dir;
  dir.Write("elsewhere/c.txt", "minutes");
  dir.Write("in/a.txt", "minutes");
  // Two links to the same folder: its files are read through the first only.
  fs::create_directory_symlink(dir.path() + "/elsewhere", dir.path() + "/in/link1");
  fs::create_directory_symlink(dir.path() + "/elsewhere", dir.path() + "/in/link2");
  // A link to a file is an ordinary input; a dangling link is not an input.
  fs::create_symlink(dir.path() + "/elsewhere/c.txt", dir.path() + "/in/file-link.txt");
  fs::create_symlink(dir.path() + "/nowhere.txt", dir.path() + "/in/dangling.txt");
  CollectResult r = CollectInputs({dir.path() + "/in"});
  EXPECT_EQ(Paths(r, dir.path()),
            (std::vector<std::string>{"in/a.txt", "in/file-link.txt", "in/link1/c.txt"}));
  EXPECT_TRUE(Mentions(r.skipped, "in/link2: symlink loop, folder already read"))
      << ::testing::PrintToString(r.skipped);
}

TEST(CollectInputsTest, AFolderGivenTwiceIsReadOnce) {
  fixtures::TempDir dir;
  dir.Write("in/a.txt", "minutes");
  CollectResult r = CollectInputs({dir.path() + "/in", dir.path() + "/in/", dir.path() + "/gone"});
  EXPECT_EQ(Paths(r, dir.path()), std::vector<std::string>{"in/a.txt"});
  EXPECT_EQ(r.missing, std::vector<std::string>{dir.path() + "/gone"});
}

}  // namespace
}  // namespace agendum
