// EffectClassifier: the effect of a resolution from its verb and structure
// (corpus/patterns/effects.tsv), the inheritance rule for sub-paragraphs and
// the cue reported in why["effect"]. Rows are written in the style of UK
// council minutes and decision notices (issue 4); none is copied from a
// corpus document.
#include "classifiers/effect_classifier.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

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

std::unique_ptr<Classifier> MakeEffectClassifier() {
  StatusOr<std::unique_ptr<Classifier>> c = EffectClassifier::Create(Corpus());
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? std::move(*c) : nullptr;
}

Record Resolution(std::string text, int parent = -1) {
  Record r;
  r.kind = Kind::kResolution;
  r.text = std::move(text);
  r.parent = parent;
  return r;
}

struct EffectCase {
  const char* text;
  Effect effect;
  const char* cue;  // a piece of text why["effect"] must quote; "" = not checked
};

// Ten or more spellings per effect. Where a row guards against a confusion
// (a noun that looks like another effect's verb), the comment says which.
const EffectCase kCases[] = {
    // approve: approve, agree, adopt, endorse, support, accept, confirm, award.
    {"That the minutes of the meeting held on 12 March 2024 be approved as a correct record and "
     "signed by the Chair.",
     Effect::kApprove, "approved"},
    {"That the revised Contract Procedure Rules set out at Appendix A be agreed.", Effect::kApprove,
     "agreed"},
    {"That the Housing Revenue Account Business Plan 2025-2055 be adopted.", Effect::kApprove,
     "adopted"},
    {"That the Cabinet endorses the draft Local Transport Plan for public consultation.",
     Effect::kApprove, "endorses"},
    {"That the Council supports the bid to the UK Shared Prosperity Fund.", Effect::kApprove,
     "supports"},
    {"That the recommendations of the Overview and Scrutiny Committee be accepted in full.",
     Effect::kApprove, "accepted"},
    {"That the appointment of Councillor Patel as Vice-Chair for the 2024/25 municipal year be "
     "confirmed.",
     Effect::kApprove, "confirmed"},
    {"That a sum of £12,500 be allocated from earmarked reserves for the refurbishment of the play "
     "area.",
     Effect::kApprove, "allocated"},
    {"That the Council approves a precept of £48,250 for 2025/26.", Effect::kApprove, "approves"},
    {"RESOLVED to adopt the Tree Management Policy.", Effect::kApprove, "adopt"},
    {"That Councillor Smith be appointed to the Audit and Governance Committee.", Effect::kApprove,
     "be appointed"},
    {"That the contract for grounds maintenance be awarded to Greenscape Ltd for three years.",
     Effect::kApprove, "be awarded"},
    {"The Committee AGREED the revised terms of reference.", Effect::kApprove, "AGREED"},
    {"That the Cabinet ratifies the decision taken under the urgency procedure on 4 June.",
     Effect::kApprove, "ratifies"},
    {"That planning permission be granted subject to the conditions set out in the report.",
     Effect::kApprove, "be granted"},
    // "recommended" as an adjective is not a recommendation to another body.
    {"That the recommended option, Option 2, be approved.", Effect::kApprove, "approved"},
    // "referred to in" points at a paragraph; nothing is referred.
    {"That the fees and charges referred to in paragraph 3.2 be approved.", Effect::kApprove,
     "approved"},

    // note: note, receive.
    {"That the report be noted.", Effect::kNote, "be noted"},
    {"That the contents of the quarterly performance report be noted.", Effect::kNote, "be noted"},
    {"The Committee noted the update on the Local Plan examination.", Effect::kNote, "noted"},
    {"That the Panel notes the progress made on the SEND improvement plan.", Effect::kNote,
     "notes"},
    {"That the Treasury Management outturn report for 2023/24 be received.", Effect::kNote,
     "be received"},
    {"To note the internal audit progress report.", Effect::kNote, "note"},
    {"That the Cabinet receives and notes the annual complaints report.", Effect::kNote, "notes"},
    {"That the responses to the consultation, as set out in Appendix 2, be noted.", Effect::kNote,
     "be noted"},
    {"That the forecast overspend of £3.2m at Month 6 be noted.", Effect::kNote, "be noted"},
    {"The Board received the minutes of the Health and Wellbeing Partnership.", Effect::kNote,
     "received"},
    {"That the verbal update from the Clerk be received and noted.", Effect::kNote, "be received"},
    {"Members NOTED the corporate risk register.", Effect::kNote, "NOTED"},
    {"That the Committee note the findings of the Ofsted focused visit.", Effect::kNote, "note"},

    // recommend: to another body (Full Council, Cabinet, the Executive).
    {"RECOMMENDED to Council that the Treasury Management Strategy 2025/26 be approved.",
     Effect::kRecommend, "RECOMMENDED"},
    {"That Full Council be recommended to approve the Pay Policy Statement 2025/26.",
     Effect::kRecommend, "recommended to"},
    {"That Cabinet recommends to Council the adoption of the revised Constitution.",
     Effect::kRecommend, "recommends to Council"},
    {"That it be recommended to Full Council that the Members' Allowances Scheme be adopted.",
     Effect::kRecommend, "recommended to Full Council"},
    {"RECOMMEND to Council that the Council Tax Reduction Scheme for 2025/26 be approved.",
     Effect::kRecommend, "RECOMMEND to Council"},
    {"That the Committee recommends the Cabinet to approve the revised fees and charges.",
     Effect::kRecommend, "recommends the Cabinet"},
    {"That the following recommendation be made to Cabinet: that the bus service review be paused.",
     Effect::kRecommend, "recommendation be made to"},
    {"To recommend to Council a Band D council tax of £1,812.45 for 2025/26.", Effect::kRecommend,
     "recommend to Council"},
    {"That the Scrutiny Committee recommends to the Executive that the library closures be "
     "reconsidered.",
     Effect::kRecommend, "recommends to the Executive"},
    {"That Council be recommended to agree the calendar of meetings for 2025/26.",
     Effect::kRecommend, "recommended to"},
    {"That the Health and Wellbeing Board recommends that the Integrated Care Board adopts the "
     "strategy.",
     Effect::kRecommend, "recommends that"},

    // delegate: delegated authority, authorise an officer to act.
    {"That delegated authority be given to the Director of Place, in consultation with the Cabinet "
     "Member "
     "for Housing, to finalise the agreement.",
     Effect::kDelegate, "delegated authority"},
    {"That authority be delegated to the Chief Executive to agree the final terms of the lease.",
     Effect::kDelegate, "authority be delegated"},
    {"That the Corporate Director of Growth be authorised to enter into the contract.",
     Effect::kDelegate, "be authorised"},
    {"To delegate to the Section 151 Officer the setting of the final precept figure.",
     Effect::kDelegate, "delegate to"},
    {"That the Cabinet authorises the Director of Finance to draw down the grant.",
     Effect::kDelegate, "authorises the"},
    {"That the Clerk be given delegated powers to place the order for the new noticeboard.",
     Effect::kDelegate, "delegated powers"},
    {"That the decision on the final scheme design be delegated to the Executive Director of "
     "Environment.",
     Effect::kDelegate, "delegated to"},
    {"That the Chief Executive, in consultation with the Leader, be given delegated authority to "
     "respond "
     "to the consultation.",
     Effect::kDelegate, "delegated authority"},
    {"That officers be granted delegated authority to issue the decision once the S106 agreement "
     "is "
     "completed.",
     Effect::kDelegate, "delegated authority"},
    {"That the Monitoring Officer is authorised to make the consequential changes to the "
     "Constitution.",
     Effect::kDelegate, "is authorised"},
    {"That the Head of Legal Services be authorized to complete the necessary legal agreements.",
     Effect::kDelegate, "be authorized"},

    // request: ask, instruct, direct someone to act; bring back a report.
    {"That officers be asked to bring a report on options for the car park to the next meeting.",
     Effect::kRequest, "be asked to"},
    {"That the Clerk is requested to write to the Highways Authority about speeding on Church "
     "Lane.",
     Effect::kRequest, "is requested to"},
    {"That the Director of Children's Services be instructed to prepare an action plan.",
     Effect::kRequest, "be instructed"},
    {"That a further report be brought back to Cabinet in six months.", Effect::kRequest,
     "report be brought back"},
    {"That the Committee requests a briefing note on the HWRC booking system.", Effect::kRequest,
     "requests"},
    {"That the Chief Executive be requested to write to the Secretary of State seeking additional "
     "funding.",
     Effect::kRequest, "be requested to"},
    {"The Panel asked officers to provide a breakdown of agency staff costs.", Effect::kRequest,
     "asked officers to"},
    {"That the Clerk be directed to obtain three quotes for the repair of the benches.",
     Effect::kRequest, "be directed"},
    {"That the Cabinet Member be invited to attend the next meeting to answer questions on the "
     "MTFS.",
     Effect::kRequest, "be invited to"},
    {"That an update be provided to the Committee at its meeting in January 2025.",
     Effect::kRequest, "update be provided"},
    {"That officers investigate options for additional cycle parking and report back.",
     Effect::kRequest, "report back"},
    {"That the Council instructs the Chief Executive to write to both local MPs.", Effect::kRequest,
     "instructs"},

    // defer.
    {"That the item be deferred to the next meeting.", Effect::kDefer, "be deferred"},
    {"That consideration of the application be deferred pending a site visit.", Effect::kDefer,
     "be deferred"},
    {"That the decision on the grant application be deferred until the October meeting.",
     Effect::kDefer, "be deferred"},
    {"That the matter be postponed until further information is available.", Effect::kDefer,
     "be postponed"},
    {"That the Committee defers consideration of the Fees and Charges report.", Effect::kDefer,
     "defers consideration"},
    {"RESOLVED to defer the item to allow the applicant to submit amended plans.", Effect::kDefer,
     "to defer"},
    {"That the application be DEFERRED for a site visit.", Effect::kDefer, "be DEFERRED"},
    {"That determination of the application be deferred to enable a noise assessment to be "
     "submitted.",
     Effect::kDefer, "be deferred"},
    {"That the item be held over to the next meeting.", Effect::kDefer, "held over"},
    {"That the report be adjourned to a future meeting of the Committee.", Effect::kDefer,
     "adjourned to a future"},
    {"That a decision on the boundary review be deferred for one cycle to allow further "
     "consultation.",
     Effect::kDefer, "be deferred"},

    // reject.
    {"That the application be refused for the reasons set out in the report.", Effect::kReject,
     "be refused"},
    {"That planning permission be refused on the grounds of overdevelopment of the site.",
     Effect::kReject, "be refused"},
    {"The motion was lost.", Effect::kReject, "was lost"},
    {"That the request for a contribution to the fireworks display be declined.", Effect::kReject,
     "be declined"},
    {"That the proposed amendment be rejected.", Effect::kReject, "be rejected"},
    {"That the Council does not support the proposed changes to the ward boundaries.",
     Effect::kReject, "does not support"},
    {"That the Committee rejects the proposal to increase the allotment charges.", Effect::kReject,
     "rejects"},
    {"That the grant application from the youth club not be supported.", Effect::kReject,
     "not be supported"},
    {"That the Council refuses consent for the works to the listed building.", Effect::kReject,
     "refuses"},
    {"That the quotation from ABC Fencing not be accepted.", Effect::kReject, "not be accepted"},
    {"That the premises licence application be refused.", Effect::kReject, "be refused"},

    // refer.
    {"That the matter be referred to Full Council.", Effect::kRefer, "be referred"},
    {"That the application be referred to the Planning Committee for determination.",
     Effect::kRefer, "be referred"},
    {"That the decision be referred back to Cabinet for reconsideration.", Effect::kRefer,
     "be referred"},
    {"That the Committee refers the matter to the Secretary of State.", Effect::kRefer,
     "refers the matter to"},
    {"That the report be referred to the Audit and Governance Committee for consideration.",
     Effect::kRefer, "be referred"},
    {"That this issue be referred to the Overview and Scrutiny Committee.", Effect::kRefer,
     "be referred"},
    {"RESOLVED to refer the proposals to the Local Plan Working Group.", Effect::kRefer,
     "to refer"},
    {"That the petition be referred to the Cabinet Member for Highways for a response.",
     Effect::kRefer, "be referred"},
    {"That the Council refers it back to the Executive with the comments set out above.",
     Effect::kRefer, "refers it back"},
    {"That the call-in be upheld and the decision referred back to the decision maker.",
     Effect::kRefer, "referred back"},
    {"That the draft policy be remitted to the Policy Working Group for further work.",
     Effect::kRefer, "be remitted"},

    // other: procedure that approves, notes or asks for nothing. The
    // `effects.procedure` row names the usual motions; anything else with no
    // cue at all is other too.
    {"That the meeting be closed at 9.15pm.", Effect::kOther, "be closed"},
    {"That Councillor Jones be thanked for her service to the parish.", Effect::kOther,
     "be thanked"},
    {"That the press and public be excluded from the meeting for the following item of business.",
     Effect::kOther, "be excluded"},
    {"That the next meeting be held on 14 November 2024 at 7.30pm.", Effect::kOther, "be held on"},
    {"That the Council's thanks to the volunteers who organised the litter pick be recorded.",
     Effect::kOther, "be recorded"},
    {"That no action be taken.", Effect::kOther, "no action be taken"},
    {"That the meeting be adjourned for ten minutes.", Effect::kOther, "be adjourned"},
    {"That Standing Orders be suspended to allow the meeting to continue beyond 10pm.",
     Effect::kOther, "be suspended"},
    {"That a minute's silence be observed in memory of former Councillor Brown.", Effect::kOther,
     "be observed"},
    {"That the Chair's announcements be taken as read.", Effect::kOther, "be taken as read"},
    {"That the item be taken in private session.", Effect::kOther, "no verb cue"},
    {"That the Parish Council writes a letter of condolence to the family.", Effect::kOther,
     "no verb cue"},
};

TEST(EffectClassifierTest, ClassifiesEverySpelling) {
  std::unique_ptr<Classifier> classifier = MakeEffectClassifier();
  ASSERT_NE(classifier, nullptr);
  std::map<Effect, int> spellings;
  for (const EffectCase& c : kCases) {
    SCOPED_TRACE(c.text);
    Document doc;
    doc.Add(Resolution(c.text));
    ASSERT_TRUE(classifier->Run(&doc).ok());
    const Record& r = doc.records[0];
    ASSERT_TRUE(r.effect.has_value());
    EXPECT_EQ(ToString(*r.effect), ToString(c.effect)) << "why: " << r.why.at("effect");
    ASSERT_EQ(r.why.count("effect"), 1u);
    EXPECT_NE(r.why.at("effect").find(c.cue), std::string::npos)
        << "why[\"effect\"] = " << r.why.at("effect") << ", expected it to name \"" << c.cue
        << "\"";
    ++spellings[c.effect];
  }
  for (Effect e :
       {Effect::kApprove, Effect::kNote, Effect::kRecommend, Effect::kDelegate, Effect::kRequest,
        Effect::kDefer, Effect::kReject, Effect::kRefer, Effect::kOther}) {
    EXPECT_GE(spellings[e], 10) << "fewer than ten spellings of " << ToString(e);
  }
}

// A sub-paragraph with no cue of its own inherits its parent's effect; one
// with its own cue keeps it.
struct InheritanceCase {
  const char* parent;
  const char* child;
  Effect child_effect;
  const char* why;
};

const InheritanceCase kInheritance[] = {
    {"That the following fees for 2025/26 be approved:", "allotment plots at £45 per year;",
     Effect::kApprove, "inherited"},
    {"That the Committee notes:", "the progress made on the Family Hubs programme;", Effect::kNote,
     "inherited"},
    {"That delegated authority be given to the Director of Resources to:",
     "finalise the terms of the lease with the tenant;", Effect::kDelegate, "inherited"},
    {"That the following be agreed:",
     "that the request from the Bowls Club for a rent reduction be refused;", Effect::kReject,
     "be refused"},
    {"That the following next steps be approved:",
     "that officers be asked to report back in March;", Effect::kRequest, "be asked to"},
    {"That the applications listed below be determined as follows:",
     "24/0123/FUL: that the application be deferred for a site visit;", Effect::kDefer,
     "be deferred"},
    {"That the next meeting be held on 3 June:", "in the Village Hall;", Effect::kOther,
     "inherited"},
};

TEST(EffectClassifierTest, SubParagraphInheritsOnlyWhenItStatesNothing) {
  std::unique_ptr<Classifier> classifier = MakeEffectClassifier();
  ASSERT_NE(classifier, nullptr);
  for (const InheritanceCase& c : kInheritance) {
    SCOPED_TRACE(std::string(c.parent) + " / " + c.child);
    Document doc;
    int parent = doc.Add(Resolution(c.parent));
    int child = doc.Add(Resolution(c.child, parent));
    ASSERT_TRUE(classifier->Run(&doc).ok());
    const Record& r = doc.records[child];
    ASSERT_TRUE(r.effect.has_value());
    EXPECT_EQ(ToString(*r.effect), ToString(c.child_effect)) << "why: " << r.why.at("effect");
    EXPECT_NE(r.why.at("effect").find(c.why), std::string::npos) << r.why.at("effect");
  }
}

// Only resolutions have an effect; a sub-paragraph of a decision (not of a
// resolution) never inherits.
TEST(EffectClassifierTest, LeavesOtherKindsAlone) {
  std::unique_ptr<Classifier> classifier = MakeEffectClassifier();
  ASSERT_NE(classifier, nullptr);
  Document doc;
  Record decision;
  decision.kind = Kind::kDecision;
  decision.text = "That the budget be approved.";
  int d = doc.Add(decision);
  Record recommendation;
  recommendation.kind = Kind::kRecommendation;
  recommendation.text = "Cabinet is asked to note the report.";
  doc.Add(recommendation);
  int child = doc.Add(Resolution("the annual governance statement;", d));
  ASSERT_TRUE(classifier->Run(&doc).ok());
  EXPECT_FALSE(doc.records[0].effect.has_value());
  EXPECT_FALSE(doc.records[1].effect.has_value());
  EXPECT_EQ(doc.records[child].effect, Effect::kOther);
}

}  // namespace
}  // namespace agendum
