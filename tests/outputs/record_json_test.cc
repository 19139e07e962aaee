// Record and document JSON against ../shared/SCHEMA.md (`agendum/1`): every
// line parses, carries the fields of its kind with the right types, keys come
// in a fixed order, and ids do not change between runs.
#include "outputs/record_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "pipeline/pipeline.h"
#include "tests/support/pdf_fixture.h"
#include "tests/support/schema_check.h"

namespace agendum {
namespace {

using schema::Json;

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A document with one record of every kind, fields filled as extractors would.
Document FullDocument() {
  Document doc;
  doc.path = "papers/cabinet-2025-03-03.pdf";
  doc.sha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  doc.id = "doc-ba7816bf8f01cfea";
  doc.format = Format::kPdf;
  doc.page_count = 2;
  doc.text =
      "Review of the Leisure Strategy\nResolved:\n1. That the strategy be approved.\n"
      "(a) That officers consult.\nOption: do nothing.\nThe Clerk agreed to write.";
  doc.pages = {{1, {0, 40}, true}, {2, {40, doc.text.size()}, true}};
  doc.title = "Review of the Leisure Strategy";
  doc.doc_type = DocType::kDecisionNotice;
  doc.body = "Cabinet";
  doc.meeting_date = "2025-03-03";
  doc.warnings = {"repaired: xref rebuilt"};

  Record item;
  item.kind = Kind::kItem;
  item.title = "Review of the Leisure Strategy";
  item.number = "7";
  item.page_start = 1;
  item.page_end = 2;
  item.span = {0, 30};
  item.text = doc.text.substr(0, 30);
  int item_index = doc.Add(item);

  Record decision;
  decision.kind = Kind::kDecision;
  decision.parent = item_index;
  decision.title = "Review of the Leisure Strategy";
  decision.decision_maker = "Cabinet";
  decision.date = "2025-03-03";
  decision.outcome = "Recommendations Approved";
  decision.outcome_class = OutcomeClass::kApproved;
  decision.key_decision = true;
  decision.callable_in = false;
  decision.portfolio_holder = "Cllr Odell";
  decision.reasons = "The strategy is out of date.";
  decision.interests = "None declared.";
  decision.topics = {Topic::kCultureAndLeisure, Topic::kFinanceAndBudget};
  decision.span = {0, doc.text.size()};
  decision.text = doc.text;
  int decision_index = doc.Add(decision);

  Record resolution;
  resolution.kind = Kind::kResolution;
  resolution.parent = decision_index;
  resolution.label = "1";
  resolution.effect = Effect::kApprove;
  resolution.span = {41, 72};
  resolution.text = "That the strategy be approved.";
  int resolution_index = doc.Add(resolution);

  Record sub = resolution;
  sub.parent = resolution_index;
  sub.label = "1(a)";
  sub.effect = Effect::kRequest;
  sub.span = {73, 99};
  sub.text = "That officers consult.";
  doc.Add(sub);

  Record recommendation;
  recommendation.kind = Kind::kRecommendation;
  recommendation.status = "accepted";
  recommendation.source = "Scrutiny Committee";
  recommendation.span = {41, 72};
  recommendation.text = "That the strategy be approved.";
  doc.Add(recommendation);

  Record option;
  option.kind = Kind::kOption;
  option.parent = decision_index;
  option.disposition = Disposition::kRejected;
  option.reasons = "It would leave the strategy out of date.";
  option.span = {100, 120};
  option.text = "Option: do nothing.";
  doc.Add(option);

  Record action;
  action.kind = Kind::kAction;
  action.owners = {"Clerk"};
  action.due = "2025-04-01";
  action.status = "open";
  action.span = {121, doc.text.size()};
  action.text = "The Clerk agreed to write.";
  doc.Add(action);

  AssignIds(&doc);
  return doc;
}

// The same records with every optional field left unset.
Document SparseDocument() {
  Document doc = FullDocument();
  doc.format = Format::kText;
  doc.pages = {{1, {0, doc.text.size()}, true}};
  doc.body.reset();
  doc.meeting_date.reset();
  doc.warnings.clear();
  for (Record& r : doc.records) {
    Record bare;
    bare.kind = r.kind;
    bare.id = r.id;
    bare.doc_id = r.doc_id;
    bare.span = r.span;
    bare.text = r.text;
    r = bare;
  }
  return doc;
}

std::vector<Json> ParseLines(const std::string& jsonl) {
  std::vector<Json> out;
  for (const std::string& line : SplitLines(jsonl)) {
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
    out.push_back(j);
  }
  return out;
}

TEST(RecordJsonTest, EveryLineMatchesTheSchema) {
  for (const Document& doc : {FullDocument(), SparseDocument()}) {
    SCOPED_TRACE(doc.format == Format::kPdf ? "every field set" : "optional fields unset");
    std::string jsonl = DocumentJsonLines(doc);
    ASSERT_FALSE(jsonl.empty());
    EXPECT_EQ(jsonl.back(), '\n');
    std::vector<Json> lines = ParseLines(jsonl);
    ASSERT_EQ(lines.size(), doc.records.size() + 1) << "one line per record, plus the document";
    std::set<std::string> kinds;
    for (const Json& j : lines) {
      schema::ExpectRecordMatchesSchema(j);
      kinds.insert(j.value("kind", std::string()));
    }
    EXPECT_EQ(kinds.size(), schema::kKinds.size()) << "every kind is covered";
  }
}

TEST(RecordJsonTest, DocumentRecordCarriesTheDocumentFields) {
  Document doc = FullDocument();
  Json j = Json::parse(DocumentJson(doc));
  EXPECT_EQ(j["id"], "doc-ba7816bf8f01cfea");
  EXPECT_EQ(j["kind"], "document");
  EXPECT_EQ(j["path"], "papers/cabinet-2025-03-03.pdf");
  EXPECT_EQ(j["sha256"], doc.sha256);
  EXPECT_EQ(j["format"], "pdf");
  EXPECT_EQ(j["pages"], 2);
  EXPECT_EQ(j["page"], 1);
  EXPECT_EQ(j["title"], "Review of the Leisure Strategy");
  EXPECT_EQ(j["doc_type"], "decision_notice");
  EXPECT_EQ(j["body"], "Cabinet");
  EXPECT_EQ(j["meeting_date"], "2025-03-03");
  EXPECT_EQ(j["warnings"], Json::array({"repaired: xref rebuilt"}));
  EXPECT_EQ(j["span"], Json::array({0, doc.text.size()}));

  // SCHEMA.md: page is null for plain text.
  Json text = Json::parse(DocumentJson(SparseDocument()));
  EXPECT_EQ(text["format"], "txt");
  EXPECT_TRUE(text["page"].is_null());
  EXPECT_TRUE(text["body"].is_null());
  EXPECT_TRUE(text["meeting_date"].is_null());
}

TEST(RecordJsonTest, RecordsCarryTheirFieldsAndLinks) {
  Document doc = FullDocument();
  std::vector<Json> lines = ParseLines(DocumentJsonLines(doc));
  ASSERT_EQ(lines.size(), 8u);
  std::set<std::string> ids;
  for (const Json& j : lines) ids.insert(j["id"].get<std::string>());
  EXPECT_EQ(ids.size(), lines.size()) << "ids are unique";
  for (size_t i = 1; i < lines.size(); ++i) {
    SCOPED_TRACE(lines[i].dump());
    EXPECT_EQ(lines[i]["doc_id"], lines[0]["id"]);
    if (!lines[i]["parent_id"].is_null()) {
      EXPECT_TRUE(ids.count(lines[i]["parent_id"].get<std::string>())) << "parent is in the file";
    }
  }
  const Json& decision = lines[2];
  EXPECT_EQ(decision["kind"], "decision");
  EXPECT_EQ(decision["parent_id"], lines[1]["id"]);
  EXPECT_EQ(decision["outcome_class"], "approved");
  EXPECT_EQ(decision["key_decision"], true);
  EXPECT_EQ(decision["callable_in"], false);
  EXPECT_EQ(decision["topics"], Json::array({"culture_and_leisure", "finance_and_budget"}));
  EXPECT_EQ(decision["page"], 1);
  const Json& sub = lines[4];
  EXPECT_EQ(sub["label"], "1(a)");
  EXPECT_EQ(sub["effect"], "request");
  EXPECT_EQ(sub["parent_id"], lines[3]["id"]);
  EXPECT_EQ(sub["page"], 2);  // span begins on page 2
  EXPECT_EQ(lines[6]["disposition"], "rejected");
  EXPECT_EQ(lines[7]["owners"], Json::array({"Clerk"}));
  EXPECT_EQ(lines[7]["due"], "2025-04-01");
}

TEST(RecordJsonTest, KeysComeInAFixedOrder) {
  std::vector<Json> full = ParseLines(DocumentJsonLines(FullDocument()));
  std::vector<Json> sparse = ParseLines(DocumentJsonLines(SparseDocument()));
  ASSERT_EQ(full.size(), sparse.size());
  for (size_t i = 0; i < full.size(); ++i) {
    SCOPED_TRACE(full[i].value("kind", std::string()));
    std::vector<std::string> keys = schema::Keys(full[i]);
    // Every record opens with the common fields in SCHEMA.md's order.
    std::vector<std::string> common;
    for (const std::string& key : schema::kCommonKeys) {
      if (i > 0 || key != "doc_id") common.push_back(key);
    }
    ASSERT_GE(keys.size(), common.size());
    EXPECT_EQ(std::vector<std::string>(keys.begin(), keys.begin() + common.size()), common);
    // Which fields are set does not change which keys are written, or their order.
    EXPECT_EQ(keys, schema::Keys(sparse[i]));
  }
}

TEST(RecordJsonTest, OutputIsDeterministic) {
  EXPECT_EQ(DocumentJsonLines(FullDocument()), DocumentJsonLines(FullDocument()));
}

TEST(RecordJsonTest, HostileTextStaysOnOneLine) {
  Document doc = SparseDocument();
  static constexpr char kControl[] = "control \x01 and NUL \0 bytes";
  const std::string hostile[] = {
      "quote \" backslash \\ slash /",
      "new\nline and tab\t and return\r",
      std::string(kControl, sizeof(kControl) - 1),
      "invalid UTF-8 \xFF\xFE here",
      "\xE2\x80\x9C"
      "curly\xE2\x80\x9D \xC2\xA3"
      "5",
  };
  for (const std::string& text : hostile) {
    SCOPED_TRACE(text);
    doc.records[1].text = text;
    doc.title = text;
    std::string jsonl = DocumentJsonLines(doc);
    std::vector<Json> lines = ParseLines(jsonl);
    ASSERT_EQ(lines.size(), doc.records.size() + 1) << jsonl;
    std::string parsed = lines[2]["text"].get<std::string>();
    if (text.find('\xFF') == std::string::npos) {
      EXPECT_EQ(parsed, text);
    } else {
      EXPECT_NE(parsed.find("\xEF\xBF\xBD"), std::string::npos) << "invalid bytes become U+FFFD";
    }
  }
}

TEST(RecordJsonTest, SpansCountCharactersNotBytes) {
  Document doc = SparseDocument();
  doc.text =
      "Fee: \xC2\xA3"
      "5.\nThat the fee be noted.";
  const size_t begin = doc.text.find("That");  // byte 10, character 9
  doc.records.resize(1);
  doc.records[0].kind = Kind::kResolution;
  doc.records[0].span = {begin, doc.text.size()};
  doc.records[0].text = doc.text.substr(begin);
  std::vector<Json> lines = ParseLines(DocumentJsonLines(doc));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1]["span"], Json::array({9, 31}));
  EXPECT_EQ(lines[0]["span"], Json::array({0, 31}));
}

// Runs the whole pipeline (with the registered extractors and classifiers)
// over one file and returns its JSON lines.
std::string ProcessToJsonLines(const std::string& path) {
  StatusOr<std::shared_ptr<const CorpusData>> corpus = CorpusData::Load(CorpusData::DefaultRoot());
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  if (!corpus.ok()) return "";
  StatusOr<ExtractorList> extractors = MakeExtractors(*corpus);
  StatusOr<ClassifierList> pre = MakePreClassifiers(*corpus);
  StatusOr<ClassifierList> classifiers = MakeClassifiers(*corpus);
  EXPECT_TRUE(extractors.ok() && pre.ok() && classifiers.ok());
  if (!extractors.ok() || !pre.ok() || !classifiers.ok()) return "";
  Pipeline pipeline(*corpus, std::move(extractors).value(), std::move(pre).value(),
                    std::move(classifiers).value(), {});
  Document doc;
  Status status = pipeline.Process(path, &doc);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return DocumentJsonLines(doc);
}

constexpr const char* kDecisionNotice =
    "Decision\n\n"
    "Review of the Leisure Strategy\n\n"
    "Decision Maker: Cabinet\n\n"
    "Outcome: Recommendations Approved\n\n"
    "Is Key Decision?: Yes\n\n"
    "Date of Decision: 3 March 2025\n\n"
    "Content: The Cabinet considered a report of the Director of Communities.\n"
    "Resolved:\n"
    "1. That the Leisure Strategy 2025-2030 be approved.\n"
    "2. That the following be agreed:\n"
    "(a) That officers consult the town and parish councils.\n"
    "(b) That a report come back to Cabinet in the autumn.\n";

TEST(RecordJsonTest, IdsAreStableAcrossRuns) {
  fixtures::TempDir dir;
  std::string text = dir.Write("notice.txt", kDecisionNotice);
  fixtures::PdfOptions options;
  options.running_header = "Wexcombe District Council - Cabinet";
  options.page_numbers = true;
  std::string pdf = dir.Write(
      "notice.pdf",
      fixtures::MakePdf({fixtures::PdfPage({"Resolved:", "1. That the strategy be approved."}),
                         fixtures::PdfPage({"2. That the report be noted."}),
                         fixtures::PdfPage({"3. That officers report back."})},
                        options));
  for (const std::string& path : {text, pdf}) {
    SCOPED_TRACE(path);
    std::string first = ProcessToJsonLines(path);
    std::string second = ProcessToJsonLines(path);
    ASSERT_FALSE(first.empty());
    EXPECT_EQ(first, second);
    std::vector<Json> lines = ParseLines(first);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines[0]["kind"], "document");
    EXPECT_EQ(lines[0]["path"], path);
    for (const Json& j : lines) schema::ExpectRecordMatchesSchema(j);
  }
}

}  // namespace
}  // namespace agendum
