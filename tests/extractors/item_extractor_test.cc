// ItemExtractor (issue 3): agenda items of minutes in the shapes councils print.
#include "extractors/item_extractor.h"

#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::RunText;

struct Row {
  const char* name;
  std::string text;
  std::vector<std::string> titles;
};

TEST(ItemExtractorTest, ItemTitlesInEachShape) {
  const std::string header = "Minutes of the meeting of the Parish Council held on 2 May 2024\n";
  const std::vector<Row> rows = {
      {"NumberedHeadings",
       header + "1. Apologies for absence\nNone were received.\n2. Minutes of the last meeting\n"
                "RESOLVED: That the minutes be signed.\n",
       {"Apologies for absence", "Minutes of the last meeting"}},
      {"RunInMinuteNumbers",
       header + "61/24 Apologies and Welcome There were no apologies.\n62/24 Allotment Rents The "
                "Clerk reported on rents.\n",
       {"Apologies and Welcome", "Allotment Rents"}},
      {"KentItemSuffix",
       "MINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, 6 March "
       "2025.\n101. Apologies (Item 1)\nApologies were received from Mr A Jones.\n102. Budget "
       "Monitoring (Item 5)\nRESOLVED that the report be noted.\n",
       {"Apologies", "Budget Monitoring"}},
      {"MarkdownHeadings",
       "# 1.   Call to Order\n\n## 1.1   Disclosures of Pecuniary Interest\n\nThat it BE NOTED "
       "that no pecuniary interests were disclosed.\n",
       {"Call to Order", "Disclosures of Pecuniary Interest"}},
      {"SubParagraphsAreNotItems",
       header + "3. Playing field\nThe Council discussed:\n1. the drainage;\n2. the fence.\n"
                "4. Finance\nThe accounts were approved for payment.\n",
       {"Playing field", "Finance"}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Document doc = RunText(row.text);
    auto items = OfKind(doc, Kind::kItem);
    std::vector<std::string> titles;
    for (const Record* r : items) titles.push_back(r->title.value_or(""));
    EXPECT_EQ(titles, row.titles) << Dump(doc, Kind::kItem);
  }
}

}  // namespace
}  // namespace agendum
