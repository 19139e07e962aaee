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
      {"AcceptedOffer", "The Parish Council accepted Cllr Ann Lowe's offer to paint the bench.",
       {"Cllr Ann Lowe"}},
      {"WorkForARole",
       "The Council resolved that there was nothing for the Handyman to do apart from litter picking.",
       {"Handyman"}},
      {"ClerkWillReport",
       "The Clerk advised that the insurer had not replied and as soon as it did it would be "
       "circulated.",
       {"Clerk"}},
      {"PassiveByTheClerk", "It was agreed that a letter will be sent by the Clerk.", {"Clerk"}},
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

// In a bulleted list each bullet is one action holding all its owners; the
// pronoun takes the person named before it (Stoke Ferry "matters arising").
TEST(ActionExtractorTest, BulletsAreOneActionEach) {
  Document doc = RunText(std::string(kMinutesHeader) +
                         "The following were raised: \xE2\x80\xA2 Street light out on Mill Lane, "
                         "the Clerk had reported it. Cllr Sam Hart agreed to chase the county. "
                         "\xE2\x80\xA2 Cllr Jo Bell was at the police forum and she will report "
                         "back. The Clerk will add it to the June agenda. \xE2\x80\xA2 The "
                         "hedge on the green was cut.\n");
  auto actions = OfKind(doc, Kind::kAction);
  ASSERT_EQ(actions.size(), 2u) << Dump(doc, Kind::kAction);
  EXPECT_EQ(actions[0]->text,
            "Street light out on Mill Lane, the Clerk had reported it. Cllr Sam Hart agreed to "
            "chase the county.");
  EXPECT_EQ(actions[0]->owners, std::vector<std::string>{"Cllr Sam Hart"});
  EXPECT_EQ(actions[1]->owners, (std::vector<std::string>{"Cllr Jo Bell", "Clerk"}));
}

TEST(ActionExtractorTest, ReportsAndNoticesHaveNoMeetingActions) {
  Document doc = RunText(
      "Report to Cabinet\n\nPurpose of report\nTo agree the plan.\n\nRecommendation(s):\n"
      "Cabinet is asked to approve the plan.\n\nThe Director agreed to publish the plan.\n");
  EXPECT_TRUE(OfKind(doc, Kind::kAction).empty()) << Dump(doc, Kind::kAction);
}

}  // namespace
}  // namespace agendum
