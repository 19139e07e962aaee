// OutcomeClassifier: a decision's outcome_class from the printed outcome
// field (corpus/patterns/outcomes.tsv) and, when there is none or it says
// nothing recognisable, from its resolutions' effects (issue 4). Spellings
// are written in the style of ModernGov decision notices, planning committee
// minutes and parish council minutes; none is copied from a corpus document.
#include "classifiers/outcome_classifier.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "classifiers/effect_classifier.h"
#include "pipeline/document.h"
#include "pipeline/pattern_table.h"

namespace agendum {
namespace {

std::shared_ptr<const CorpusData> Corpus() {
  static const std::shared_ptr<const CorpusData> corpus = [] {
    StatusOr<std::shared_ptr<const CorpusData>> loaded =
        CorpusData::Load(CorpusData::DefaultRoot());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : nullptr;
  }();
  return corpus;
}

template <typename T>
std::unique_ptr<Classifier> Make() {
  StatusOr<std::unique_ptr<Classifier>> c = T::Create(Corpus());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

Record Decision(std::optional<std::string> outcome) {
  Record d;
  d.kind = Kind::kDecision;
  d.title = "Test item";
  d.text = "Test item";
  d.outcome = std::move(outcome);
  return d;
}

Record Resolution(std::string text, int parent) {
  Record r;
  r.kind = Kind::kResolution;
  r.text = std::move(text);
  r.parent = parent;
  return r;
}

std::string ClassOf(const Record& r) {
  return r.outcome_class ? std::string(ToString(*r.outcome_class)) : "(none)";
}

struct OutcomeCase {
  const char* outcome;  // as printed after "Outcome:" or "Decision:"
  OutcomeClass expected;
};

const OutcomeCase kPrinted[] = {
    // approved
    {"Recommendations Approved", OutcomeClass::kApproved},
    {"Approved", OutcomeClass::kApproved},
    {"Agreed", OutcomeClass::kApproved},
    {"Decision approved", OutcomeClass::kApproved},
    {"Carried", OutcomeClass::kApproved},
    {"Motion carried unanimously", OutcomeClass::kApproved},
    {"Adopted", OutcomeClass::kApproved},
    {"Endorsed", OutcomeClass::kApproved},
    {"Recommendations agreed", OutcomeClass::kApproved},
    {"Granted subject to conditions", OutcomeClass::kApproved},
    {"Planning permission granted", OutcomeClass::kApproved},
    {"Accepted", OutcomeClass::kApproved},
    {"Approved as recommended", OutcomeClass::kApproved},
    {"Option 2 approved", OutcomeClass::kApproved},
    {"Agreed unanimously", OutcomeClass::kApproved},
    {"Ratified", OutcomeClass::kApproved},
    // approved_with_amendments
    {"Agreed as amended", OutcomeClass::kApprovedWithAmendments},
    {"Approved with amendments", OutcomeClass::kApprovedWithAmendments},
    {"Recommendations approved as amended", OutcomeClass::kApprovedWithAmendments},
    {"Approved subject to amendments", OutcomeClass::kApprovedWithAmendments},
    {"Approved subject to the following amendments", OutcomeClass::kApprovedWithAmendments},
    {"Amended recommendations approved", OutcomeClass::kApprovedWithAmendments},
    {"Approved with modifications", OutcomeClass::kApprovedWithAmendments},
    {"Carried as amended", OutcomeClass::kApprovedWithAmendments},
    {"Recommendations Approved (with amendment)", OutcomeClass::kApprovedWithAmendments},
    {"Agreed with minor amendments", OutcomeClass::kApprovedWithAmendments},
    {"Substantive motion, as amended, carried", OutcomeClass::kApprovedWithAmendments},
    {"Amendment carried", OutcomeClass::kApprovedWithAmendments},
    {"Recommendations Approved (amended)", OutcomeClass::kApprovedWithAmendments},
    {"Approved with changes", OutcomeClass::kApprovedWithAmendments},
    // noted
    {"Noted", OutcomeClass::kNoted},
    {"Report noted", OutcomeClass::kNoted},
    {"For information", OutcomeClass::kNoted},
    {"Received", OutcomeClass::kNoted},
    {"Information noted", OutcomeClass::kNoted},
    {"The report was noted", OutcomeClass::kNoted},
    {"Received and noted", OutcomeClass::kNoted},
    {"Update noted", OutcomeClass::kNoted},
    {"Comments noted", OutcomeClass::kNoted},
    {"Noted with thanks", OutcomeClass::kNoted},
    {"Considered and noted", OutcomeClass::kNoted},
    {"Recommendations Noted", OutcomeClass::kNoted},
    {"For information only", OutcomeClass::kNoted},
    // deferred
    {"Deferred", OutcomeClass::kDeferred},
    {"Deferred to the next meeting", OutcomeClass::kDeferred},
    {"Item deferred", OutcomeClass::kDeferred},
    {"Decision deferred", OutcomeClass::kDeferred},
    {"Postponed", OutcomeClass::kDeferred},
    {"Adjourned to a future meeting", OutcomeClass::kDeferred},
    {"Deferred for a site visit", OutcomeClass::kDeferred},
    {"Deferred pending further information", OutcomeClass::kDeferred},
    {"Consideration deferred", OutcomeClass::kDeferred},
    {"Held over to the next meeting", OutcomeClass::kDeferred},
    {"Decision postponed until the March meeting", OutcomeClass::kDeferred},
    {"Not determined - deferred", OutcomeClass::kDeferred},
    // rejected
    {"Refused", OutcomeClass::kRejected},
    {"Rejected", OutcomeClass::kRejected},
    {"Not approved", OutcomeClass::kRejected},
    {"Motion lost", OutcomeClass::kRejected},
    {"Motion failed", OutcomeClass::kRejected},
    {"Planning permission refused", OutcomeClass::kRejected},
    {"Recommendations rejected", OutcomeClass::kRejected},
    {"The motion fell", OutcomeClass::kRejected},
    {"Application refused", OutcomeClass::kRejected},
    {"Not agreed", OutcomeClass::kRejected},
    {"Declined", OutcomeClass::kRejected},
    {"Defeated", OutcomeClass::kRejected},
    {"Not supported", OutcomeClass::kRejected},
    {"Refused contrary to officer recommendation", OutcomeClass::kRejected},
    {"Appeal dismissed", OutcomeClass::kRejected},
    // referred
    {"Referred to Full Council", OutcomeClass::kReferred},
    {"Referred", OutcomeClass::kReferred},
    {"Referred back to Cabinet", OutcomeClass::kReferred},
    {"Referred to the Planning Committee", OutcomeClass::kReferred},
    {"Refer to Council", OutcomeClass::kReferred},
    {"Referred to Scrutiny", OutcomeClass::kReferred},
    {"Referred to the Secretary of State", OutcomeClass::kReferred},
    {"Referred back to officers", OutcomeClass::kReferred},
    {"Called in and referred back to the decision maker", OutcomeClass::kReferred},
    {"Referred to the Executive for decision", OutcomeClass::kReferred},
    {"Remitted to the Planning Committee", OutcomeClass::kReferred},
    {"Decision referred to Council for determination", OutcomeClass::kReferred},
    // recommended
    {"Recommended to Council", OutcomeClass::kRecommended},
    {"Recommended to Full Council", OutcomeClass::kRecommended},
    {"Recommendations to Council", OutcomeClass::kRecommended},
    {"Recommendation to Council", OutcomeClass::kRecommended},
    {"Recommended for approval", OutcomeClass::kRecommended},
    {"Recommendations made to Cabinet", OutcomeClass::kRecommended},
    {"Recommended to Cabinet", OutcomeClass::kRecommended},
    {"Recommendation to the Executive", OutcomeClass::kRecommended},
    {"For recommendation to Council", OutcomeClass::kRecommended},
    {"Recommend to Council", OutcomeClass::kRecommended},
    {"Recommended to the Mayor", OutcomeClass::kRecommended},
    {"Agreed to recommend to Council", OutcomeClass::kRecommended},
    {"Recommended for adoption", OutcomeClass::kRecommended},
    // withdrawn
    {"Withdrawn", OutcomeClass::kWithdrawn},
    {"Withdrawn by the applicant", OutcomeClass::kWithdrawn},
    {"Item withdrawn", OutcomeClass::kWithdrawn},
    {"Report withdrawn from the agenda", OutcomeClass::kWithdrawn},
    {"Motion withdrawn", OutcomeClass::kWithdrawn},
    {"Withdrawn by the proposer", OutcomeClass::kWithdrawn},
    {"Application withdrawn prior to the meeting", OutcomeClass::kWithdrawn},
    {"Withdrawn by officers", OutcomeClass::kWithdrawn},
    {"Item withdrawn - to be considered at a later date", OutcomeClass::kWithdrawn},
    {"The motion was withdrawn with the consent of the meeting", OutcomeClass::kWithdrawn},
    {"Removed from the agenda", OutcomeClass::kWithdrawn},
    {"The applicant withdrew the application", OutcomeClass::kWithdrawn},
    // other: the field is printed but states no outcome (ModernGov statuses,
    // procedural notes), or says something no row recognises.
    {"No decision", OutcomeClass::kOther},
    {"Discussed", OutcomeClass::kOther},
    {"Discussion only", OutcomeClass::kOther},
    {"Called in", OutcomeClass::kOther},
    {"Superseded", OutcomeClass::kOther},
    {"Decision pending", OutcomeClass::kOther},
    {"For determination", OutcomeClass::kOther},
    {"Not applicable", OutcomeClass::kOther},
    {"N/A", OutcomeClass::kOther},
    {"Item not taken", OutcomeClass::kOther},
    {"See minute 45", OutcomeClass::kOther},
    {"Decision made", OutcomeClass::kOther},
};

TEST(OutcomeClassifierTest, ClassifiesEveryPrintedOutcome) {
  std::unique_ptr<Classifier> classifier = Make<OutcomeClassifier>();
  ASSERT_NE(classifier, nullptr);
  std::map<OutcomeClass, int> spellings;
  for (const OutcomeCase& c : kPrinted) {
    SCOPED_TRACE(c.outcome);
    Document doc;
    doc.Add(Decision(c.outcome));
    ASSERT_TRUE(classifier->Run(&doc).ok());
    const Record& d = doc.records[0];
    EXPECT_EQ(ClassOf(d), ToString(c.expected))
        << "why: " << (d.why.count("outcome_class") ? d.why.at("outcome_class") : "");
    ASSERT_EQ(d.why.count("outcome_class"), 1u);
    // The evidence quotes the printed outcome.
    EXPECT_NE(d.why.at("outcome_class").find(std::string("Outcome: ") + c.outcome),
              std::string::npos)
        << d.why.at("outcome_class");
    ++spellings[c.expected];
  }
  for (OutcomeClass oc :
       {OutcomeClass::kApproved, OutcomeClass::kApprovedWithAmendments, OutcomeClass::kNoted,
        OutcomeClass::kDeferred, OutcomeClass::kRejected, OutcomeClass::kReferred,
        OutcomeClass::kWithdrawn, OutcomeClass::kRecommended, OutcomeClass::kOther}) {
    EXPECT_GE(spellings[oc], 10) << "fewer than ten spellings of " << ToString(oc);
  }
}

// No outcome field (minutes) or one that says nothing recognisable: the
// class comes from the resolutions, read by the EffectClassifier first.
struct FallbackCase {
  const char* name;
  std::optional<std::string> outcome;
  std::vector<std::string> resolutions;
  std::optional<OutcomeClass> expected;  // nullopt: nothing to go on
  const char* why;                       // a piece of why["outcome_class"]
};

const FallbackCase kFallback[] = {
    {"approved",
     std::nullopt,
     {"That the minutes of the meeting held on 6 March be approved."},
     OutcomeClass::kApproved,
     "approve 1"},
    {"approved and noted",
     std::nullopt,
     {"That the quarterly report be noted.", "That the revised fees and charges be agreed."},
     OutcomeClass::kApproved,
     "approve 1, note 1"},
    {"delegated",
     std::nullopt,
     {"That delegated authority be given to the Director of Place to award the contract."},
     OutcomeClass::kApproved,
     "delegate 1"},
    {"asked for",
     std::nullopt,
     {"The Clerk to write to the Highways Authority about the potholes."},
     OutcomeClass::kApproved,
     "request 1"},
    {"all noted",
     std::nullopt,
     {"The Panel noted the report.", "That the verbal update from the Cabinet Member be received."},
     OutcomeClass::kNoted,
     "note 2"},
    {"deferred",
     std::nullopt,
     {"That the report be noted.", "That a decision on the grant be deferred to the next meeting."},
     OutcomeClass::kDeferred,
     "defer 1"},
    {"refused",
     std::nullopt,
     {"That planning permission be refused for the reasons set out below."},
     OutcomeClass::kRejected,
     "reject 1"},
    {"refused and noted",
     std::nullopt,
     {"That the officer's update be noted.", "That the application be refused."},
     OutcomeClass::kRejected,
     "reject 1"},
    {"referred",
     std::nullopt,
     {"That the matter be referred to Full Council for decision."},
     OutcomeClass::kReferred,
     "refer 1"},
    {"recommended",
     std::nullopt,
     {"RECOMMENDED to Council that the Treasury Management Strategy be approved."},
     OutcomeClass::kRecommended,
     "recommend 1"},
    {"noted then recommended",
     std::nullopt,
     {"That the report be noted.",
      "That Full Council be recommended to adopt the revised Constitution."},
     OutcomeClass::kRecommended,
     "recommend 1"},
    {"amended",
     std::nullopt,
     {"That the Data Protection Policy be approved as amended at the meeting."},
     OutcomeClass::kApprovedWithAmendments,
     "with a change"},
    {"amended by proviso",
     std::nullopt,
     {"That the policy be adopted providing that the contact details of councillors are removed."},
     OutcomeClass::kApprovedWithAmendments,
     "with a change"},
    {"procedure only",
     std::nullopt,
     {"That the meeting be closed at 9.05pm."},
     OutcomeClass::kOther,
     "other 1"},
    {"withdrawn",
     std::nullopt,
     {"The item was withdrawn by the applicant before the meeting."},
     OutcomeClass::kWithdrawn,
     "withdrawal"},
    {"procedure left out of the count",
     std::nullopt,
     {"That the press and public be excluded.", "That the tender from Smith Roofing be accepted."},
     OutcomeClass::kApproved,
     "approve 1, other 1"},
    {"unrecognised field, resolutions decide",
     std::string("Decision made"),
     {"That the Cabinet Member's decision be noted."},
     OutcomeClass::kNoted,
     "not recognised"},
    {"unrecognised field, no resolutions",
     std::string("See minute 45"),
     {},
     OutcomeClass::kOther,
     "not a recognised outcome"},
    {"printed field wins",
     std::string("Deferred"),
     {"That the application be approved."},
     OutcomeClass::kDeferred,
     "Outcome: Deferred"},
    {"nothing to go on", std::nullopt, {}, std::nullopt, ""},
};

TEST(OutcomeClassifierTest, FallsBackToTheResolutions) {
  std::unique_ptr<Classifier> effects = Make<EffectClassifier>();
  std::unique_ptr<Classifier> outcomes = Make<OutcomeClassifier>();
  ASSERT_NE(effects, nullptr);
  ASSERT_NE(outcomes, nullptr);
  for (const FallbackCase& c : kFallback) {
    SCOPED_TRACE(c.name);
    Document doc;
    int d = doc.Add(Decision(c.outcome));
    for (const std::string& text : c.resolutions) doc.Add(Resolution(text, d));
    // A resolution of another decision must not count.
    int other = doc.Add(Decision(std::nullopt));
    doc.Add(Resolution("That the application be refused.", other));
    ASSERT_TRUE(effects->Run(&doc).ok());
    ASSERT_TRUE(outcomes->Run(&doc).ok());
    const Record& decision = doc.records[d];
    std::string why = decision.why.count("outcome_class") ? decision.why.at("outcome_class") : "";
    EXPECT_EQ(ClassOf(decision), c.expected ? std::string(ToString(*c.expected)) : "(none)")
        << "why: " << why;
    EXPECT_NE(why.find(c.why), std::string::npos) << "why: " << why;
    EXPECT_EQ(ClassOf(doc.records[other]), "rejected");
  }
}

}  // namespace
}  // namespace agendum
