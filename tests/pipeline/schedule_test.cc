// Schedule (issue 7): the longest documents go first, by a cheap estimate.
#include "pipeline/schedule.h"

#include <gtest/gtest.h>

#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

TEST(ScheduleTest, EstimatesWorkFromSizeAndPageCount) {
  fixtures::TempDir dir;
  std::string text = dir.Write("minutes.txt", std::string(5000, 'x'));
  EXPECT_EQ(EstimateWork(text), 5000u);
  // A small PDF whose page tree says 300 pages outweighs a bigger file.
  std::string pack = dir.Write("pack.pdf", "%PDF-1.4\n2 0 obj << /Type /Pages /Count 300 >>\n");
  EXPECT_EQ(EstimateWork(pack), 300u * 30000u);
  // A count in the last 16 KB of a large file is found too.
  std::string tail = dir.Write("tail.pdf", "%PDF-1.5\n" + std::string(100000, ' ') +
                                                "<< /Type /Pages /Kids [] /Count\n12 >>\n");
  EXPECT_EQ(EstimateWork(tail), 12u * 30000u);
  // Without a visible count (object streams), the size.
  std::string compressed = dir.Write("compressed.pdf", "%PDF-1.5\n" + std::string(40000, 'z'));
  EXPECT_EQ(EstimateWork(compressed), 40009u);
  EXPECT_EQ(EstimateWork(dir.path() + "/missing.pdf"), 0u);
}

TEST(ScheduleTest, LongestFirstKeepsTheOrderOfEquals) {
  fixtures::TempDir dir;
  std::vector<InputFile> files = {
      {dir.Write("a.txt", std::string(10, 'a'))},
      {dir.Write("b.pdf", "%PDF-1.4 /Count 2 ")},
      {dir.Write("c.txt", std::string(10, 'c'))},
      {dir.Write("d.txt", std::string(99, 'd'))},
  };
  std::vector<InputFile> order = LongestFirst(files);
  ASSERT_EQ(order.size(), 4u);
  EXPECT_EQ(order[0].path, files[1].path);
  EXPECT_EQ(order[1].path, files[3].path);
  EXPECT_EQ(order[2].path, files[0].path);
  EXPECT_EQ(order[3].path, files[2].path);
}

}  // namespace
}  // namespace agendum
