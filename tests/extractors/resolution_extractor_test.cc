// ResolutionExtractor over synthetic minutes and notices, one row per format
// (issue 3). Each row: a committee paper excerpt and the resolutions expected,
// as "label|text prefix" strings in order.
#include "extractors/resolution_extractor.h"

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
  std::vector<std::string> expected;  // "label|prefix of text"
};

const std::string kHeader =
    "MINUTES of a meeting of the Licensing Committee held at the Guildhall on "
    "Tuesday, 4 June 2024.\nPRESENT: Cllr A Brown (Chair), Cllr C Dunn\n";

std::vector<Row> Rows() {
  return {
      {"ResolvedColonThat",
       kHeader + "12. Minutes of the previous meeting\nRESOLVED: That the minutes of the meeting "
                 "held on 7 May 2024 be approved as a correct record.\n",
       {"|That the minutes of the meeting held on 7 May 2024 be approved"}},
      {"ResolvedThatLowerCase",
       kHeader + "13. Street trading fees\nRESOLVED that the revised street trading fees be adopted "
                 "from 1 April 2025.\n",
       {"|that the revised street trading fees be adopted"}},
      {"ItWasResolved",
       kHeader + "14. Taxi tariff review\nMembers discussed the proposed tariff.\nIt was RESOLVED "
                 "that the tariff increase be approved.\n",
       {"|that the tariff increase be approved"}},
      {"AgreedPrefix",
       kHeader + "15. Working group\nAGREED: That a working group of three members be set up.\n",
       {"|That a working group of three members be set up"}},
      {"DecisionPrefix",
       kHeader + "16. Licensing policy\nDECISION: The consultation response be submitted as "
                 "drafted.\n",
       {"|The consultation response be submitted as drafted"}},
      {"CueAloneThenParagraph",
       kHeader + "17. Update on enforcement\nThe Committee received a report.\nRESOLVED\nThe "
                 "Committee noted the update.\n",
       {"|The Committee noted the update."}},
      {"CueAloneThenLetteredList",
       kHeader + "18. Fees and charges\nRESOLVED -\n(a) That the report be noted;\n(b) That the "
                 "Head of Licensing be authorised to publish the new fees.\n",
       {"a|That the report be noted", "b|That the Head of Licensing be authorised"}},
      {"InlineNumberedList",
       kHeader + "19. Highways matters\nResolved: 1) That the Clerk writes to the highways "
                 "authority. 2) That the item be deferred to the July meeting.\n",
       {"1|That the Clerk writes to the highways authority",
        "2|That the item be deferred to the July meeting"}},
      {"NestedNumberedAndLettered",
       kHeader + "20. Depot lease\nRESOLVED that the Committee:\n1. Approves the heads of terms;\n"
                 "2. Delegates authority to the Director of Property to:\n(a) agree the final terms; "
                 "and\n(b) sign the lease.\n",
       {"|that the Committee:", "1|Approves the heads of terms", "2|Delegates authority",
        "2(a)|agree the final terms", "2(b)|sign the lease"}},
      {"RecommendedToCouncil",
       kHeader + "24. Licensing policy review\nRECOMMENDED to Council that the revised Statement of "
                 "Licensing Policy be adopted.\n",
       {"|to Council that the revised Statement of Licensing Policy be adopted."}},
      {"ProseNoted",
       kHeader + "21. Annual report\nThe Committee noted the report.\n",
       {"|The Committee noted the report."}},
      {"ProseThisWasNoted", kHeader + "22. Forward plan\nThis was noted.\n", {"|This was noted."}},
      {"ThatParagraphWithList",
       "Agenda item\n\nShared Services Review\n\nMinutes:\n\nMembers discussed the options.\n\n"
       "That the recommendations of the review be supported:\n\na) To approve the preferred "
       "option;\n\nb) To note the timetable.\n\nSupporting documents:\n",
       {"|That the recommendations of the review be supported:", "a|To approve the preferred option",
        "b|To note the timetable"}},
  };
}

TEST(ResolutionExtractorTest, FindsEachSpelling) {
  for (const Row& row : Rows()) {
    SCOPED_TRACE(row.name);
    Document doc = RunText(row.text);
    auto found = OfKind(doc, Kind::kResolution);
    ASSERT_EQ(found.size(), row.expected.size()) << Dump(doc, Kind::kResolution);
    for (size_t i = 0; i < found.size(); ++i) {
      std::string want = row.expected[i];
      std::string label = want.substr(0, want.find('|'));
      std::string prefix = want.substr(want.find('|') + 1);
      EXPECT_EQ(found[i]->label.value_or(""), label) << Dump(doc, Kind::kResolution);
      EXPECT_EQ(found[i]->text.substr(0, prefix.size()), prefix) << Dump(doc, Kind::kResolution);
    }
  }
}

TEST(ResolutionExtractorTest, SubParagraphsPointAtTheirParent) {
  Document doc = RunText(Rows()[8].text);  // NestedNumberedAndLettered
  auto found = OfKind(doc, Kind::kResolution);
  ASSERT_EQ(found.size(), 5u) << Dump(doc, Kind::kResolution);
  const Record& two = *found[2];
  const Record& two_a = *found[3];
  ASSERT_GE(two_a.parent, 0);
  EXPECT_EQ(&doc.records[two_a.parent], &two);
  EXPECT_EQ(two_a.parent_id, two.id);
}

TEST(ResolutionExtractorTest, ResolutionsBelongToTheItemsDecision) {
  Document doc = RunText(Rows()[0].text);
  auto decisions = OfKind(doc, Kind::kDecision);
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0]->title.value_or(""), "Minutes of the previous meeting");
  EXPECT_EQ(decisions[0]->decision_maker.value_or(""), "Licensing Committee");
  EXPECT_EQ(decisions[0]->date.value_or(""), "2024-06-04");
  auto resolutions = OfKind(doc, Kind::kResolution);
  ASSERT_EQ(resolutions.size(), 1u);
  EXPECT_EQ(resolutions[0]->parent_id, decisions[0]->id);
}

// Prose that mentions deciding but records no decision must yield nothing.
TEST(ResolutionExtractorTest, NegativeProseYieldsNothing) {
  const std::vector<std::string> negatives = {
      kHeader + "3. Questions\nCould the Committee decide on the matter tonight?\n",
      kHeader + "4. Audit follow-up\nThe Board have agreed that issues should be resolved "
                "through the normal channels.\n",
      kHeader + "5. Updates\nA decision will be taken at the next meeting of the Cabinet.\n",
      kHeader + "6. Cabinet Member update\nAt a previous meeting the Council approved the "
                "budget for the scheme.\n",
      "Appendix 2: Audits Revisited\nTo assess whether the actions agreed in the original audit "
      "have been implemented.\nSummary findings: Substantial assurance\n",
  };
  for (const std::string& text : negatives) {
    SCOPED_TRACE(text);
    Document doc = RunText(text);
    EXPECT_TRUE(OfKind(doc, Kind::kResolution).empty()) << Dump(doc, Kind::kResolution);
    EXPECT_TRUE(OfKind(doc, Kind::kDecision).empty()) << Dump(doc, Kind::kDecision);
  }
}

// Within an item that records its decision with RESOLVED, the proposals
// discussed before it are not resolutions (Stoke Ferry style).
TEST(ResolutionExtractorTest, ExplicitCueSilencesDiscussion) {
  Document doc = RunText(kHeader +
                         "23. Litter bins\nIt was proposed to buy two bins, this was seconded and "
                         "all were in favour.\nRESOLVED: That two litter bins be purchased.\n");
  auto found = OfKind(doc, Kind::kResolution);
  ASSERT_EQ(found.size(), 1u) << Dump(doc, Kind::kResolution);
  EXPECT_EQ(found[0]->text, "That two litter bins be purchased.");
}

}  // namespace
}  // namespace agendum

namespace agendum {
namespace {

// Votes recorded on an item go on its decision (issue 3: "For 6 Against 2
// Abstain 1", "Motion Carried 7-0").
TEST(DecisionVotesTest, ReadsVoteCountsAndResult) {
  struct VoteRow {
    const char* name;
    std::string text;
    int votes_for, votes_against, votes_abstain;  // -1 = not stated
    std::string motion;
  };
  const std::vector<VoteRow> rows = {
      {"ForAgainstAbstain",
       kHeader + "25. Car park charges\nThe motion was put to the vote: For 6 Against 2 Abstain 1.\n"
                 "RESOLVED: That the charges be increased.\n",
       6, 2, 1, ""},
      {"BracketedCounts",
       kHeader + "26. Budget amendment\nFor (39) Against (19) Abstain (1)\nAmendment carried.\n"
                 "RESOLVED that the amended budget be approved.\n",
       39, 19, 1, "carried"},
      {"MotionCarriedDash",
       kHeader + "27. Street lighting contract\nMoved by Cllr Hale to approve. Motion Carried 7-0.\n"
                 "RESOLVED that the contract be awarded.\n",
       7, 0, -1, "carried"},
      {"NoVoteStated",
       kHeader + "28. Minutes\nRESOLVED that the minutes be approved.\n", -1, -1, -1, ""},
  };
  for (const VoteRow& row : rows) {
    SCOPED_TRACE(row.name);
    Document doc = RunText(row.text);
    auto decisions = OfKind(doc, Kind::kDecision);
    ASSERT_EQ(decisions.size(), 1u) << Dump(doc, Kind::kDecision);
    const Record& d = *decisions[0];
    EXPECT_EQ(d.votes_for.value_or(-1), row.votes_for);
    EXPECT_EQ(d.votes_against.value_or(-1), row.votes_against);
    EXPECT_EQ(d.votes_abstain.value_or(-1), row.votes_abstain);
    EXPECT_EQ(d.motion.value_or(""), row.motion);
  }
}

}  // namespace
}  // namespace agendum
