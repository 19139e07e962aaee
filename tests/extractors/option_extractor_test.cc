// OptionExtractor (issue 3): alternatives listed in notices and reports, with
// the disposition the text states.
#include "extractors/option_extractor.h"

#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::RunText;

const char* kNotice =
    "Decision\n\nWaste Collection Contract\n\nDecision Maker: Cabinet\n\nIs Key Decision?: Yes\n\n"
    "Decision:\nThat the contract be awarded to the preferred bidder.\n\n"
    "Alternative options considered and rejected:\n"
    "1. Bring the service in house. The set-up costs could not be met this year.\n"
    "2. Extend the current contract. The contract does not allow a further extension.\n\n"
    "Reasons for decision:\nThe award gives best value.\n";

TEST(OptionExtractorTest, NoticeAlternativesAreRejected) {
  Document doc = RunText(kNotice);
  auto options = OfKind(doc, Kind::kOption);
  ASSERT_EQ(options.size(), 2u) << Dump(doc, Kind::kOption);
  EXPECT_EQ(options[0]->label.value_or(""), "1");
  EXPECT_EQ(options[0]->text,
            "Bring the service in house. The set-up costs could not be met this year.");
  for (const Record* o : options) {
    EXPECT_EQ(o->disposition, Disposition::kRejected);
    auto decisions = OfKind(doc, Kind::kDecision);
    ASSERT_EQ(decisions.size(), 1u);
    EXPECT_EQ(o->parent_id, decisions[0]->id);
  }
}

TEST(OptionExtractorTest, NoneMeansNoOption) {
  Document doc = RunText(
      "Decision\n\nPlay Area Refurbishment\n\nDecision Maker: Cabinet Member for Leisure\n\n"
      "Decision:\nThat the refurbishment be approved.\n\nOther options considered:\nNone\n");
  EXPECT_TRUE(OfKind(doc, Kind::kOption).empty()) << Dump(doc, Kind::kOption);
}

TEST(OptionExtractorTest, ReportOptionsTakeTheirStatedDisposition) {
  Document doc = RunText(
      "Report to Cabinet\n\nPurpose of report\nTo choose a delivery model for leisure centres.\n\n"
      "Recommendation(s):\nCabinet is asked to approve Option 2.\n\n"
      "Options considered\n"
      "Option 1: Keep the current contract. This option is not recommended as costs would rise.\n"
      "Option 2: Set up a leisure trust. This is the preferred option.\n"
      "Option 3: Close the smallest centre.\n\nReport Author: J Smith\n");
  EXPECT_EQ(doc.doc_type, DocType::kReport);
  auto options = OfKind(doc, Kind::kOption);
  ASSERT_EQ(options.size(), 3u) << Dump(doc, Kind::kOption);
  EXPECT_EQ(options[0]->disposition, Disposition::kRejected);
  EXPECT_EQ(options[1]->disposition, Disposition::kChosen);
  EXPECT_EQ(options[2]->disposition, Disposition::kConsidered);
}

}  // namespace
}  // namespace agendum
