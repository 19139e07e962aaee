// DocTypeClassifier: every doc_type from a synthetic fixture run through the
// whole pipeline, with the cue that decided it; and the key_decision and
// callable_in spellings of a decision notice (issue 4). The fixtures are
// written for these tests in the layouts councils publish (ModernGov decision
// notices, parish minutes and agendas, cabinet reports, internal audit
// reports, LGA peer challenge letters, forward plans); none is copied.
#include "classifiers/doc_type_classifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "pipeline/pipeline.h"

namespace agendum {
namespace {

const Pipeline& SharedPipeline() {
  static const Pipeline* pipeline = [] {
    StatusOr<std::shared_ptr<const CorpusData>> corpus =
        CorpusData::Load(CorpusData::DefaultRoot());
    EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
    StatusOr<ExtractorList> extractors = MakeExtractors(*corpus);
    StatusOr<ClassifierList> pre = MakePreClassifiers(*corpus);
    StatusOr<ClassifierList> classifiers = MakeClassifiers(*corpus);
    EXPECT_TRUE(extractors.ok() && pre.ok() && classifiers.ok());
    return new Pipeline(*corpus, std::move(*extractors), std::move(*pre), std::move(*classifiers),
                        PipelineOptions{});
  }();
  return *pipeline;
}

// Runs the pipeline over `pages` as if ingested: one page for plain text,
// several for a PDF.
Document Process(const std::vector<std::string>& pages) {
  Document doc;
  doc.format = pages.size() > 1 ? Format::kPdf : Format::kText;
  doc.raw_pages = pages;
  doc.page_has_text.assign(pages.size(), true);
  doc.page_count = static_cast<int>(pages.size());
  doc.sha256 = std::string(64, 'a');
  doc.id = "doc-aaaaaaaaaaaaaaaa";
  Status st = SharedPipeline().ProcessIngested(&doc);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return doc;
}

Document Process(const std::string& text) { return Process(std::vector<std::string>{text}); }

const char kDecisionNotice[] = R"(Decision

Award of Highways Term Maintenance Contract

Decision Maker: Cabinet

Outcome: Recommendations Approved

Is Key Decision?: Yes

Is Callable In?: Yes

Date of Decision: January 14, 2025

Purpose:

Content: The Cabinet considered a report of the Director of Place on the procurement of the highways term maintenance contract.

Resolved:

1. That the contract be awarded to Roadworks Ltd for five years.

2. That delegated authority be given to the Director of Place to finalise the contract.

Reasons for decision:

The current contract expires on 31 March 2025.

Cabinet Member: Cllr B Smith
)";

const char kMinutes[] = R"(LITTLE WOODFORD PARISH COUNCIL

Minutes of the meeting of Little Woodford Parish Council held on Thursday 7 March 2024 at 7.30pm in the Village Hall

Present: Cllr A Brown (Chair), Cllr C Davis, Cllr E Fox

In attendance: the Clerk and two members of the public

1. Apologies for absence

Apologies were received from Cllr G Hill.

2. Minutes of the last meeting

RESOLVED: That the minutes of the meeting held on 1 February 2024 be approved as a correct record.

3. Play area

The Council considered three quotations for new safety surfacing. Proposed by Cllr Brown, seconded by Cllr Fox.

RESOLVED: That the quotation from Playsafe Ltd for £4,200 be accepted.

The meeting closed at 8.45pm.
)";

const char kAgenda[] = R"(LITTLE WOODFORD PARISH COUNCIL

Members of the Council are hereby summoned to attend a meeting of the Parish Council on Thursday 4 April 2024 at 7.30pm in the Village Hall.

AGENDA

1. To receive apologies for absence

2. To receive declarations of interest

3. To approve the minutes of the meeting held on 7 March 2024

4. To consider planning applications received

5. To approve the schedule of payments

6. Date of the next meeting

J Green, Clerk to the Council
)";

const char kReport[] = R"(From: Cllr D Patel, Cabinet Member for Finance

To: Cabinet, 14 January 2025

Subject: Fees and Charges 2025/26

Key Decision: Yes

Report Author: H Jones, Head of Finance

1. Purpose of the report

This report sets out the proposed fees and charges for 2025/26.

2. Recommendations

Cabinet is asked to approve the fees and charges set out in Appendix A.

3. Background

Fees are reviewed every year in line with the Medium Term Financial Strategy.

4. Options considered

Option 1: hold charges at current levels. This would leave a gap of £150,000.
)";

const char kAuditReport[] = R"(Internal Audit Report: Payroll 2024/25

Audit opinion: Reasonable assurance

Scope of the audit

The audit reviewed the controls over starters, leavers and changes to pay.

Summary of findings

Controls over starters were found to be well designed. Two exceptions were found in the processing of leavers.

Follow-up of previous audit recommendations

Recommendation 1 (overtime authorisation): Fully implemented.

Recommendation 2 (leaver forms): Partially implemented.
)";

const char kPeerReview[] = R"(LGA Corporate Peer Challenge: Feedback Report

Westshire District Council, 10 to 13 September 2024

1. Introduction

The peer team spent four days on site and spoke to more than 150 people. Peers heard a strong ambition for the district.

2. Key recommendations

The peer team make the following recommendations to the council.

3. Local priorities and outcomes

Peers found that the council understands its communities well.
)";

const char kForwardPlan[] = R"(Westshire District Council

Forward Plan of Key Decisions: 1 March 2025 to 30 June 2025

This notice of key decisions to be taken is published at least 28 clear days before each decision.

Subject: Adoption of the Westshire Local Plan. Decision by: Full Council. Expected: March 2025.

Subject: Award of the waste collection contract. Decision by: Cabinet. Expected: April 2025.
)";

const char kOther[] = R"(Westshire District Council

Dear Resident,

Thank you for your letter of 3 May about the condition of the footpath on Mill Lane. I have passed your concerns to the highways team, who will inspect the path within ten working days.

Yours sincerely,

A Brown
Customer Services Manager
)";

// An agenda pack: a frontsheet, then reports each behind an item banner,
// sixteen pages in all.
std::vector<std::string> AgendaPackPages() {
  std::vector<std::string> pages = {
      "Westshire District Council\n\nCabinet\n\nSummons and Agenda for a meeting of the Cabinet on "
      "Tuesday 14 January 2025 at 6.00pm\n\nAGENDA\n\n1. Apologies for absence\n\n2. Declarations "
      "of "
      "interest\n\n3. Fees and Charges 2025/26\n\n4. Housing Revenue Account Budget 2025/26\n"};
  const char* titles[] = {"Fees and Charges 2025/26", "Housing Revenue Account Budget 2025/26"};
  for (int item = 0; item < 2; ++item) {
    pages.push_back(
        "Agenda Item " + std::to_string(item + 3) + "\n\n" + titles[item] +
        "\n\nPurpose of report\n\nThis report sets out the proposals for " + titles[item] +
        ".\n\nRecommendations:\n\nCabinet is asked to approve the proposals in Appendix A.\n");
    for (int page = 0; page < 6; ++page) {
      pages.push_back("Section " + std::to_string(page + 1) + " of the report on " + titles[item] +
                      ".\n\nThe figures in table " + std::to_string(page + 1) +
                      " compare the proposed charges with last year's.\n");
    }
  }
  pages.push_back("Appendix A\n\nSchedule of proposed charges, page " +
                  std::to_string(pages.size() + 1) + ".\n");
  return pages;
}

struct DocTypeCase {
  const char* name;
  std::vector<std::string> pages;
  DocType expected;
  const char* cue;  // a piece of why["doc_type"]
};

TEST(DocTypeClassifierTest, ClassifiesEveryDocTypeFromAFixture) {
  const std::vector<DocTypeCase> cases = {
      {"decision notice", {kDecisionNotice}, DocType::kDecisionNotice, "Decision Maker:"},
      {"minutes", {kMinutes}, DocType::kMinutes, "Minutes of the meeting"},
      {"agenda", {kAgenda}, DocType::kAgenda, "doc_types.agenda"},
      {"agenda pack", AgendaPackPages(), DocType::kAgendaPack, "Agenda Item"},
      {"report", {kReport}, DocType::kReport, "Purpose of the report"},
      {"audit report", {kAuditReport}, DocType::kAuditReport, "doc_types.audit"},
      {"peer review", {kPeerReview}, DocType::kPeerReview, "Peer Challenge"},
      {"forward plan", {kForwardPlan}, DocType::kForwardPlan, "Forward Plan"},
      {"other", {kOther}, DocType::kOther, "no document-type cue"},
  };
  std::set<DocType> covered;
  for (const DocTypeCase& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc = Process(c.pages);
    std::string why = doc.why.count("doc_type") ? doc.why.at("doc_type") : "";
    EXPECT_EQ(ToString(doc.doc_type), ToString(c.expected)) << "why: " << why;
    EXPECT_NE(why.find(c.cue), std::string::npos) << "why: " << why;
    covered.insert(c.expected);
  }
  EXPECT_EQ(covered.size(), AllDocTypes().size()) << "a doc_type has no fixture";
}

// A document that names no cue strongly enough is other, and says what the
// strongest cue was.
TEST(DocTypeClassifierTest, WeakCuesAreOther) {
  Document doc = Process("Notes from the site visit\n\nThe minutes clerk was unable to attend.\n");
  EXPECT_EQ(doc.doc_type, DocType::kOther);
  ASSERT_EQ(doc.why.count("doc_type"), 1u);
  EXPECT_NE(doc.why.at("doc_type").find("minutes"), std::string::npos) << doc.why.at("doc_type");
}

// key_decision and callable_in, as a decision notice prints them. The flag
// rows live in corpus/patterns/flags.tsv; the decision extractor reads them.
struct FlagCase {
  const char* lines;  // replaces the notice's key decision and call-in lines
  std::optional<bool> key_decision;
  std::optional<bool> callable_in;
};

std::string NoticeWith(const std::string& flag_lines) {
  std::string text = kDecisionNotice;
  const std::string flags = "Is Key Decision?: Yes\n\nIs Callable In?: Yes\n";
  text.replace(text.find(flags), flags.size(), flag_lines);
  return text;
}

std::string FlagString(std::optional<bool> v) { return v ? (*v ? "true" : "false") : "null"; }

void ExpectFlags(const FlagCase& c) {
  SCOPED_TRACE(c.lines);
  Document doc = Process(NoticeWith(c.lines));
  ASSERT_EQ(doc.doc_type, DocType::kDecisionNotice);
  const Record* decision = nullptr;
  for (const Record& r : doc.records) {
    if (r.kind == Kind::kDecision) decision = &r;
  }
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(FlagString(decision->key_decision), FlagString(c.key_decision));
  EXPECT_EQ(FlagString(decision->callable_in), FlagString(c.callable_in));
}

const FlagCase kFlags[] = {
    {"Is Key Decision?: Yes\n\nIs Callable In?: No\n", true, false},
    {"Is Key Decision?: No\n\nIs Callable In?: Yes\n", false, true},
    {"Key Decision: Yes - Reference KD123\n", true, std::nullopt},
    {"Key decision: No\n", false, std::nullopt},
    {"Key Decision: Yes (Forward Plan reference FP/24/017)\n", true, std::nullopt},
    {"Is this a Key Decision? Yes\n", true, std::nullopt},
    {"Is this a key decision? No\n", false, std::nullopt},
    {"Key Decision: Non-key\n", false, std::nullopt},
    {"Key Decision: Not a key decision\n", false, std::nullopt},
    {"Key Decision: Y\n\nIs Callable In?: N\n", true, false},
    {"Is Key Decision?: No\n\nNote: This is an Executive Function Not eligible for call-in\n",
     false, false},
    {"Is Key Decision?: Yes\n\nNote: This decision is exempt from call-in under the urgency "
     "procedure.\n",
     true, false},
    {"Is Key Decision?: Yes\n\nNote: This decision is not subject to call-in.\n", true, false},
    {"Is Key Decision?: Yes\n\nNote: Call-in waived by the Chair of Overview and Scrutiny.\n", true,
     false},
    {"Is Key Decision?: Yes\n\nIs the decision eligible for call-in? Yes\n", true, true},
    {"Is Key Decision?: Yes\n\nCall-in: No\n", true, false},
    {"Is Key Decision?: No\n", false, std::nullopt},
};

TEST(DocTypeClassifierTest, ReadsKeyDecisionAndCallInSpellings) {
  for (const FlagCase& c : kFlags) ExpectFlags(c);
}

// Spellings found while writing the table above (issue 4), read since.
const FlagCase kMoreFlags[] = {
    {"Key Decision - Yes\n", true, std::nullopt},
    {"Key decision: This is not a key decision.\n", false, std::nullopt},
    {"Is Key Decision?: Yes\n\nSubject to call-in: Yes\n", true, true},
    {"Is Key Decision?: Yes\n\nCall-in: Not applicable (urgent decision)\n", true, false},
    {"Is Key Decision?: Yes\n\nCall-in deadline: 5pm on 24 January 2025\n", true, true},
};

TEST(DocTypeClassifierTest, ReadsMoreFlagSpellings) {
  for (const FlagCase& c : kMoreFlags) ExpectFlags(c);
}

}  // namespace
}  // namespace agendum
