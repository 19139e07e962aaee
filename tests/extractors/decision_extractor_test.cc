// DecisionExtractor over synthetic decision notices and minutes (issue 3):
// field blocks in any order and spelling, British dates, flags left null
// when the notice is silent.
#include "extractors/decision_extractor.h"

#include <gtest/gtest.h>

#include "tests/extractors/extract_fixture.h"

namespace agendum {
namespace {

using testing_support::Dump;
using testing_support::OfKind;
using testing_support::RunText;

struct NoticeRow {
  const char* name;
  std::string text;
  std::string title;
  std::string decision_maker;
  std::string date;                  // "" = null
  std::optional<bool> key_decision;
  std::optional<bool> callable_in;
  std::string portfolio_holder;      // "" = null
  int resolutions;
};

std::vector<NoticeRow> NoticeRows() {
  return {
      {"ModernGovFieldsOneLineContent",
       "Decision\n\nLibrary Opening Hours Review\n\nDecision Maker: Cabinet\n\nOutcome: "
       "Recommendations Approved\n\nIs Key Decision?: Yes\n\nIs Callable In?: No\n\nDate of "
       "Decision: March 17, 2025\n\nPurpose:\n\nContent: The Cabinet considered a report on "
       "library hours.   Resolved:   1. That the consultation responses be noted.   2. That the "
       "new opening hours be approved.   Reasons for decision:   The service must live within "
       "its budget.   Other options:   1. Keep the current hours. This would not meet the "
       "savings target.   Note: Not eligible for call-in Cabinet Member: Cllr B Okafor\n\n"
       "Supporting Documents\n",
       "Library Opening Hours Review", "Cabinet", "2025-03-17", true, false, "Cllr B Okafor", 2},
      {"FieldsInAnotherOrderBritishDate",
       "Record of decision\n\nCemetery Fees 2025/26\n\nDate of Decision: 3rd March, 2025\n\n"
       "Decision Maker: Cabinet Member for Environment\n\nIs Callable In?: Yes\n\n"
       "Decision:\nThat the cemetery fees in Appendix A be approved.\n\nReasons for decision:\n"
       "Fees are reviewed every year.\n",
       "Cemetery Fees 2025/26", "Cabinet Member for Environment", "2025-03-03", std::nullopt,
       true, "", 1},
      {"KentStyleValueOnNextLine",
       "COUNTY COUNCIL - PROPOSED RECORD OF DECISION\nDECISION TO BE TAKEN BY:\nDECISION NO:\n"
       "Cabinet\n25/00012\nKey decision: NO\nSubject Matter / Title of Decision\nHighways "
       "Asset Management Plan\nDecision:\nCabinet agree to:\nA) adopt the Highways Asset "
       "Management Plan\nB) delegate authority to the Director of Highways to publish it\n"
       "Reason(s) for decision:\nThe plan sets out how roads are maintained.\nAny alternatives "
       "considered and rejected:\nNone\n",
       "Highways Asset Management Plan", "Cabinet", "", false, std::nullopt, "", 3},
      {"OtherCouncilsModernGovLabels",
       "Decision details\n\nTenancy Strategy Refresh\n\nDecision Maker: Cabinet Member for "
       "Housing\n\nDecision status: Recommendations Approved\n\nIs Key Decision?: No\n\n"
       "Is subject to call-in?: Yes\n\nDate of decision: 12/03/2025\n\nDecision:\nThat the "
       "refreshed Tenancy Strategy be adopted.\n\nReasons for the decision:\nThe strategy is "
       "reviewed every five years.\n\nAlternative options considered:\nTo leave the 2019 "
       "strategy in place. This would not reflect the new regulatory standards.\n\nInterests "
       "and Nature of Interests Declared:\nNone\n",
       "Tenancy Strategy Refresh", "Cabinet Member for Housing", "2025-03-12", false, true, "", 1},
      {"NumericDayFirstDate",
       "Decision notice\n\nParking Permit Charges\n\nDecision Maker: Cabinet\n\nDate of "
       "Decision: 04/02/2025\n\nDecision:\nThat the permit charges be increased by 5%.\n",
       "Parking Permit Charges", "Cabinet", "2025-02-04", std::nullopt, std::nullopt, "", 1},
  };
}

TEST(DecisionExtractorTest, ReadsNoticeFields) {
  for (const NoticeRow& row : NoticeRows()) {
    SCOPED_TRACE(row.name);
    Document doc = RunText(row.text);
    EXPECT_EQ(doc.doc_type, DocType::kDecisionNotice);
    auto decisions = OfKind(doc, Kind::kDecision);
    ASSERT_EQ(decisions.size(), 1u) << Dump(doc, Kind::kDecision);
    const Record& d = *decisions[0];
    EXPECT_EQ(d.title.value_or(""), row.title);
    EXPECT_EQ(d.decision_maker.value_or(""), row.decision_maker);
    EXPECT_EQ(d.date.value_or(""), row.date);
    EXPECT_EQ(d.key_decision, row.key_decision);
    EXPECT_EQ(d.callable_in, row.callable_in);
    EXPECT_EQ(d.portfolio_holder.value_or(""), row.portfolio_holder);
    auto resolutions = OfKind(doc, Kind::kResolution);
    EXPECT_EQ(static_cast<int>(resolutions.size()), row.resolutions) << Dump(doc, Kind::kResolution);
    for (const Record* r : resolutions) {
      EXPECT_EQ(r->decision_maker, d.decision_maker);
    }
  }
}

TEST(DecisionExtractorTest, KentLettersNestUnderTheIntro) {
  Document doc = RunText(NoticeRows()[2].text);  // KentStyleValueOnNextLine
  auto resolutions = OfKind(doc, Kind::kResolution);
  ASSERT_EQ(resolutions.size(), 3u) << Dump(doc, Kind::kResolution);
  EXPECT_EQ(resolutions[0]->text, "Cabinet agree to:");
  EXPECT_EQ(resolutions[1]->label.value_or(""), "A");
  EXPECT_EQ(resolutions[1]->parent_id, resolutions[0]->id);
  EXPECT_EQ(resolutions[2]->effect, Effect::kDelegate);
}

TEST(DecisionExtractorTest, ReasonsAreKept) {
  Document doc = RunText(NoticeRows()[0].text);
  auto decisions = OfKind(doc, Kind::kDecision);
  ASSERT_EQ(decisions.size(), 1u);
  EXPECT_EQ(decisions[0]->reasons.value_or(""), "The service must live within its budget.");
  EXPECT_EQ(decisions[0]->outcome_class, OutcomeClass::kApproved);
}

TEST(DecisionExtractorTest, OneDecisionPerMinutesItemWithAnOutcome) {
  Document doc = RunText(
      "STOKE MARSH PARISH COUNCIL\nMinutes of the Ordinary Meeting held on Wednesday 5 June 2024 "
      "at 7.00 pm in the Village Hall\n"
      "41/24 Apologies There were no apologies.\n"
      "42/24 Declarations of Interest None were declared.\n"
      "43/24 Playing Field Fence The Clerk reported three quotes.\nRESOLVED: That the lowest "
      "quote of £1,200 be accepted.\n"
      "44/24 Correspondence The Clerk read a letter from a resident.\n"
      "45/24 Accounts for Payment The payments list was presented.\nRESOLVED: That the accounts "
      "be approved for payment.\n");
  auto decisions = OfKind(doc, Kind::kDecision);
  ASSERT_EQ(decisions.size(), 2u) << Dump(doc, Kind::kDecision);
  EXPECT_EQ(decisions[0]->title.value_or(""), "Playing Field Fence");
  EXPECT_EQ(decisions[1]->title.value_or(""), "Accounts for Payment");
  for (const Record* d : decisions) {
    EXPECT_EQ(d->decision_maker.value_or(""), "Stoke Marsh Parish Council");
    EXPECT_EQ(d->date.value_or(""), "2024-06-05");
    EXPECT_FALSE(d->key_decision.has_value());
    EXPECT_FALSE(d->callable_in.has_value());
  }
}

}  // namespace
}  // namespace agendum
