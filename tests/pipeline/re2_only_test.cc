// Issue 8: every pattern the product runs is RE2, which matches in time
// linear in the input; std::regex backtracks and a crafted line can make it
// run for hours or overflow the stack. This test reads the product's sources
// (tests may use what they like) and fails on any use of <regex>.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "pipeline/pattern_table.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;

TEST(Re2OnlyTest, NoSourceUsesStdRegex) {
  // The corpus folder sits at the top of the source tree.
  const fs::path root = fs::path(CorpusData::DefaultRoot()).parent_path();
  size_t files = 0;
  for (const char* folder : {"pipeline", "extractors", "classifiers", "outputs"}) {
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(root / folder, ec)) {
      const std::string ext = entry.path().extension().string();
      if (!entry.is_regular_file() || (ext != ".cc" && ext != ".h")) continue;
      ++files;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const std::string source = text.str();
      EXPECT_EQ(source.find("#include <regex>"), std::string::npos) << entry.path();
      EXPECT_EQ(source.find("std::regex"), std::string::npos) << entry.path();
    }
  }
  EXPECT_GT(files, 20u) << "sources not found under " << root;
}

}  // namespace
}  // namespace agendum
