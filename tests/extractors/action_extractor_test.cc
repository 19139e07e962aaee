// ActionExtractor (issue 3): actions with their owners as printed.
#include "extractors/action_extractor.h"

#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::RunText;

struct Row {
  const char* name;
  std::string sentence;
  std::vector<std::string> owners;  // empty = no action expected
};

const char* kMinutesHeader =
    "ASHBY GREEN PARISH COUNCIL\nMinutes of the meeting held on Tuesday 9 July 2024\n"
    "51/24 Village Matters ";

TEST(ActionExtractorTest, OwnersAsPrinted) {
  const std::vector<Row> rows = {
      {"BracketedTwoOwners",
       "Members asked for a map of the verges. The Chair agreed to share it when ready. "
       "(Action: Cllr Patel/Clerk).",
       {"Cllr Patel", "Clerk"}},
      {"ClerkAgreedTo", "The Clerk agreed to write to the highways authority.", {"Clerk"}},
      {"NamedCouncillor", "Cllr Mary Evans agreed to review the emergency plan.",
       {"Cllr Mary Evans"}},
      {"ChairOffered", "The Chair offered to contact the school.", {"Chair"}},
      {"InitialsTo", "RB to order the new noticeboard.", {"RB"}},
      {"ActionPrefix", "Action: Clerk to obtain three quotes for the bench.", {"Clerk"}},
      {"QuestionIsNotAnAction", "Would the Clerk agree to write to the MP?", {}},
      {"ReportedSpeechIsNotAnAction", "Residents raised concerns about the speed of traffic.", {}},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    Document doc = RunText(std::string(kMinutesHeader) + row.sentence + "\n");
    auto actions = OfKind(doc, Kind::kAction);
    if (row.owners.empty()) {
      EXPECT_TRUE(actions.empty()) << Dump(doc, Kind::kAction);
      continue;
    }
    ASSERT_EQ(actions.size(), 1u) << Dump(doc, Kind::kAction);
    EXPECT_EQ(actions[0]->owners, row.owners);
  }
}

TEST(ActionExtractorTest, PronounTakesThePreviousOwner) {
  Document doc = RunText(std::string(kMinutesHeader) +
                         "Cllr Tom Reid agreed to inspect the gates. He also agreed to ask the "
                         "county for a replacement clause.\n");
  auto actions = OfKind(doc, Kind::kAction);
  ASSERT_EQ(actions.size(), 2u) << Dump(doc, Kind::kAction);
  EXPECT_EQ(actions[1]->owners, std::vector<std::string>{"Cllr Tom Reid"});
}

TEST(ActionExtractorTest, ReportsAndNoticesHaveNoMeetingActions) {
  Document doc = RunText(
      "Report to Cabinet\n\nPurpose of report\nTo agree the plan.\n\nRecommendation(s):\n"
      "Cabinet is asked to approve the plan.\n\nThe Director agreed to publish the plan.\n");
  EXPECT_TRUE(OfKind(doc, Kind::kAction).empty()) << Dump(doc, Kind::kAction);
}

}  // namespace
}  // namespace agendum
