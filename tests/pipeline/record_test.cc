// Record model: every SCHEMA.md enum, its strings, and the taxonomy data.
#include "pipeline/record.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"
#include "pipeline/pipeline.h"

namespace agendum {
namespace {

// Checks that `values` are exactly `expected` (from SCHEMA.md, in its order)
// and that each converts to its string and back.
template <typename E, typename FromString>
void ExpectEnum(const std::vector<E>& values, const std::vector<std::string>& expected,
                FromString from_string) {
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) {
    SCOPED_TRACE(expected[i]);
    EXPECT_EQ(ToString(values[i]), expected[i]);
    std::optional<E> back = from_string(expected[i]);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, values[i]);
  }
  for (const char* unknown : {"", "?", "Approved", " approved", "other ", "document\n"}) {
    SCOPED_TRACE(std::string("unknown \"") + unknown + "\"");
    EXPECT_FALSE(from_string(unknown).has_value());
  }
}

// The value lists below are copied from ../shared/SCHEMA.md (agendum/1).
TEST(RecordTest, KindsRoundTrip) {
  ExpectEnum<Kind>(
      {Kind::kDocument, Kind::kItem, Kind::kDecision, Kind::kResolution, Kind::kRecommendation,
       Kind::kOption, Kind::kAction},
      {"document", "item", "decision", "resolution", "recommendation", "option", "action"},
      KindFromString);
}

TEST(RecordTest, DocTypesRoundTrip) {
  ExpectEnum<DocType>(AllDocTypes(),
                      {"decision_notice", "minutes", "agenda", "agenda_pack", "report",
                       "audit_report", "peer_review", "forward_plan", "other"},
                      DocTypeFromString);
}

TEST(RecordTest, OutcomeClassesRoundTrip) {
  ExpectEnum<OutcomeClass>(
      {OutcomeClass::kApproved, OutcomeClass::kApprovedWithAmendments, OutcomeClass::kNoted,
       OutcomeClass::kDeferred, OutcomeClass::kRejected, OutcomeClass::kReferred,
       OutcomeClass::kWithdrawn, OutcomeClass::kRecommended, OutcomeClass::kOther},
      {"approved", "approved_with_amendments", "noted", "deferred", "rejected", "referred",
       "withdrawn", "recommended", "other"},
      OutcomeClassFromString);
}

TEST(RecordTest, EffectsRoundTrip) {
  ExpectEnum<Effect>(
      {Effect::kApprove, Effect::kNote, Effect::kRecommend, Effect::kDelegate, Effect::kRequest,
       Effect::kDefer, Effect::kReject, Effect::kRefer, Effect::kOther},
      {"approve", "note", "recommend", "delegate", "request", "defer", "reject", "refer", "other"},
      EffectFromString);
}

TEST(RecordTest, DispositionsRoundTrip) {
  ExpectEnum<Disposition>({Disposition::kChosen, Disposition::kRejected, Disposition::kConsidered},
                          {"chosen", "rejected", "considered"}, DispositionFromString);
}

// clang-format off
const std::vector<std::string> kSchemaTopics = {
    "housing", "planning_and_building", "transport_and_streets", "environment", "waste",
    "adult_social_care", "children_and_education", "health_and_wellbeing", "community_safety",
    "culture_and_leisure", "economy_and_regeneration", "finance_and_budget",
    "council_and_democracy", "workforce", "ict_and_digital", "property_and_assets",
    "licensing_and_regulation", "benefits_and_welfare"};
// clang-format on

TEST(RecordTest, TopicsRoundTrip) {
  ExpectEnum<Topic>(AllTopics(), kSchemaTopics, TopicFromString);
}

// STYLE.md §4: corpus/taxonomy/topics.tsv and the Topic enum list the same keys.
TEST(RecordTest, TaxonomyKeysMatchTheTopicEnum) {
  std::string path = CorpusData::DefaultRoot() + "/taxonomy/topics.tsv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " does not exist yet";
  std::ifstream in(path);
  std::set<std::string> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    keys.insert(line.substr(0, line.find('\t')));
  }
  std::set<std::string> topics;
  for (Topic t : AllTopics()) topics.insert(std::string(ToString(t)));
  EXPECT_EQ(keys, topics);
}

TEST(RecordTest, DebugStringShowsTheSetFields) {
  Record r;
  r.kind = Kind::kResolution;
  r.label = "2(a)";
  r.effect = Effect::kApprove;
  r.parent = 3;
  r.text = "That the plan be approved.";
  EXPECT_EQ(r.DebugString(),
            "resolution [2(a)] effect=approve parent=3 text=\"That the plan be approved.\"");

  Record a;
  a.kind = Kind::kAction;
  a.owners = {"Clerk", "Cllr Grey"};
  a.due = "2025-04-01";
  a.text = "The Clerk agreed to write to the County Council.";
  EXPECT_EQ(a.DebugString(),
            "action due=2025-04-01 owners=Clerk|Cllr Grey text=\"The Clerk agreed to write to the "
            "County Council.\"");
}

TEST(DocumentTest, AddFillsDocIdAndPage) {
  Document doc;
  doc.id = "doc-0123456789abcdef";
  doc.format = Format::kPdf;
  doc.text = "page one\npage two";
  doc.pages = {{1, {0, 9}, true}, {2, {9, 17}, true}};
  Record r;
  r.span = {9, 17};
  int index = doc.Add(r);
  EXPECT_EQ(index, 0);
  EXPECT_EQ(doc.records[0].doc_id, "doc-0123456789abcdef");
  EXPECT_EQ(doc.records[0].page, 2);
  Record stated;
  stated.span = {9, 17};
  stated.page = 1;  // an extractor that knows better keeps its page
  EXPECT_EQ(doc.records[doc.Add(stated)].page, 1);
}

TEST(AssignIdsTest, IdsAreStableAndParentsResolved) {
  auto make = [] {
    Document doc;
    doc.sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    doc.id = "doc-ba7816bf8f01cfea";
    Record decision;
    decision.kind = Kind::kDecision;
    decision.span = {0, 40};
    doc.records.push_back(decision);
    Record first;
    first.kind = Kind::kResolution;
    first.span = {10, 20};
    first.parent = 0;
    doc.records.push_back(first);
    Record same_span = first;  // two records of one kind over one span
    doc.records.push_back(same_span);
    Record orphan;
    orphan.kind = Kind::kAction;
    orphan.span = {30, 40};
    orphan.parent = 99;
    orphan.parent_id = "stale";
    doc.records.push_back(orphan);
    AssignIds(&doc);
    return doc;
  };
  Document doc = make();
  std::set<std::string> ids;
  for (const Record& r : doc.records) {
    EXPECT_FALSE(r.id.empty());
    EXPECT_EQ(r.id.rfind("ba7816bf8f01cfea-", 0), 0u) << r.id;
    EXPECT_EQ(r.doc_id, "doc-ba7816bf8f01cfea");
    ids.insert(r.id);
  }
  EXPECT_EQ(ids.size(), doc.records.size()) << "ids must be unique within a document";
  EXPECT_EQ(doc.records[0].parent_id, std::nullopt);
  EXPECT_EQ(doc.records[1].parent_id, doc.records[0].id);
  EXPECT_EQ(doc.records[2].parent_id, doc.records[0].id);
  EXPECT_EQ(doc.records[3].parent_id, std::nullopt);

  Document again = make();
  for (size_t i = 0; i < doc.records.size(); ++i) EXPECT_EQ(again.records[i].id, doc.records[i].id);
}

}  // namespace
}  // namespace agendum
