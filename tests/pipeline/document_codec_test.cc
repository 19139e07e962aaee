// Document codec: what a worker process sends the runner (issue 8). Every
// field a writer reads must survive the trip, and a message cut short (a
// worker killed mid-write) must be refused, never half-read.
#include "pipeline/document_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "outputs/record_json.h"

namespace agendum {
namespace {

// A document with every field of Document, Page, Block and Record set to a
// value that is not its default, so a field the codec forgets shows up.
Document EveryFieldSet() {
  Document doc;
  doc.path = "papers/cabinet \xE2\x80\x94 2025.pdf";
  doc.sha256 = std::string(64, 'a');
  doc.id = "doc-aaaaaaaaaaaaaaaa";
  doc.format = Format::kPdf;
  doc.page_count = 7;
  doc.raw_pages = {"consumed by normalise; not sent"};
  doc.page_has_text = {true, false, true};
  doc.text = "Caf\xC3\xA9 RESOLVED that:\n(a) the budget be approved.\n" + std::string(5000, 'x');
  doc.pages = {{1, {0, 20}, true}, {2, {20, 40}, false}, {3, {40, doc.text.size()}, true}};
  Block block;
  block.type = BlockType::kListItem;
  block.span = {21, 50};
  block.body = {25, 50};
  block.page = 2;
  block.label = "a";
  block.label_printed = "(a)";
  block.style = LabelStyle::kLetterLower;
  block.depth = 1;
  block.parent = 0;
  doc.blocks = {Block(), block};
  doc.title = "Cabinet";
  doc.doc_type = DocType::kMinutes;
  doc.body = "Cabinet";
  doc.meeting_date = "2025-02-10";
  doc.warnings = {"repaired: xref rebuilt", "no text on pages 2"};
  doc.why = {{"doc_type", "\"RESOLVED\" (doc_types.minutes)"}};

  Record r;
  r.kind = Kind::kDecision;
  r.id = "aaaaaaaaaaaaaaaa-dec-0-20";
  r.doc_id = doc.id;
  r.parent = 0;
  r.parent_id = "aaaaaaaaaaaaaaaa-ite-0-5";
  r.text = "the budget be approved";
  r.label = "(a)";
  r.page = 2;
  r.span = {21, 4090};
  r.title = "Budget";
  r.number = "7";
  r.page_start = 1;
  r.page_end = 3;
  r.decision_maker = "Cabinet";
  r.date = "2025-02-10";
  r.outcome = "Approved";
  r.outcome_class = OutcomeClass::kApprovedWithAmendments;
  r.key_decision = true;
  r.callable_in = false;
  r.portfolio_holder = "Cllr Odell";
  r.reasons = "Out of date.";
  r.interests = "None.";
  r.topics = {Topic::kHousing, Topic::kWaste};
  r.effect = Effect::kDelegate;
  r.status = "open";
  r.source = "audit";
  r.disposition = Disposition::kRejected;
  r.owners = {"Clerk", "Cllr Grey"};
  r.due = "2025-06-30";
  r.why = {{"outcome_class", "Outcome: Approved"}, {"topics", "housing (\"homes\")"}};
  Record item;
  item.kind = Kind::kItem;
  item.id = "aaaaaaaaaaaaaaaa-ite-0-5";
  item.doc_id = doc.id;
  item.text = "Budget";
  doc.records = {item, r};
  doc.BuildCharCheckpoints();
  return doc;
}

TEST(DocumentCodecTest, RoundTripKeepsEveryField) {
  const Document doc = EveryFieldSet();
  FileResult result;
  result.path = doc.path;
  result.status = Status::Ok();
  result.milliseconds = 12.5;
  result.timings = {{"ingest", 3.25}, {"normalise", 1.0}};

  Document back;
  FileResult back_result;
  Status st = DecodeResult(EncodeResult(doc, result), &back, &back_result);
  ASSERT_TRUE(st.ok()) << st.ToString();

  // What the writers produce from it is the same, byte for byte.
  EXPECT_EQ(DocumentJsonLines(back), DocumentJsonLines(doc));
  // And each field the JSON does not show.
  EXPECT_TRUE(back.raw_pages.empty()) << "normalise consumed them; they are not sent";
  EXPECT_EQ(back.page_has_text, doc.page_has_text);
  EXPECT_EQ(back.text, doc.text);
  ASSERT_EQ(back.pages.size(), doc.pages.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    EXPECT_EQ(back.pages[i].number, doc.pages[i].number);
    EXPECT_EQ(back.pages[i].span, doc.pages[i].span);
    EXPECT_EQ(back.pages[i].has_text, doc.pages[i].has_text);
  }
  ASSERT_EQ(back.blocks.size(), doc.blocks.size());
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    EXPECT_EQ(back.blocks[i].DebugString(back.text), doc.blocks[i].DebugString(doc.text));
    EXPECT_EQ(back.blocks[i].span, doc.blocks[i].span);
    EXPECT_EQ(back.blocks[i].page, doc.blocks[i].page);
    EXPECT_EQ(back.blocks[i].label_printed, doc.blocks[i].label_printed);
    EXPECT_EQ(back.blocks[i].style, doc.blocks[i].style);
  }
  EXPECT_EQ(back.why, doc.why);
  EXPECT_EQ(back.char_checkpoints, doc.char_checkpoints);
  ASSERT_EQ(back.records.size(), doc.records.size());
  for (size_t i = 0; i < doc.records.size(); ++i) {
    SCOPED_TRACE("record " + std::to_string(i));
    const Record& a = doc.records[i];
    const Record& b = back.records[i];
    EXPECT_EQ(b.DebugString(), a.DebugString());
    EXPECT_EQ(b.parent, a.parent);
    EXPECT_EQ(b.span, a.span);
    EXPECT_EQ(b.page_start, a.page_start);
    EXPECT_EQ(b.page_end, a.page_end);
    EXPECT_EQ(b.topics, a.topics);
    EXPECT_EQ(b.effect, a.effect);
    EXPECT_EQ(b.disposition, a.disposition);
    EXPECT_EQ(b.owners, a.owners);
    EXPECT_EQ(b.due, a.due);
    EXPECT_EQ(b.source, a.source);
    EXPECT_EQ(b.why, a.why);
  }
  EXPECT_EQ(back_result.path, result.path);
  EXPECT_TRUE(back_result.status.ok());
  EXPECT_EQ(back_result.milliseconds, 12.5);
  EXPECT_EQ(back_result.timings, result.timings);
}

// A tripwire, not a contract: the sizes of the types the codec carries on
// x86-64 with libstdc++. When one changes, a field was probably added; list
// it in Visit() in pipeline/document_codec.cc (and in EveryFieldSet above),
// then update the number here. A field the codec misses would vanish from
// every record written by an isolated run.
TEST(DocumentCodecTest, KnowsEveryFieldOfTheModel) {
  if (sizeof(void*) != 8) GTEST_SKIP() << "sizes recorded for 64-bit builds";
  EXPECT_EQ(sizeof(Record), 864u) << "Record changed: update document_codec.cc";
  EXPECT_EQ(sizeof(Document), 488u) << "Document changed: update document_codec.cc";
  EXPECT_EQ(sizeof(Block), 128u) << "Block changed: update document_codec.cc";
  EXPECT_EQ(sizeof(Page), 32u) << "Page changed: update document_codec.cc";
  EXPECT_EQ(sizeof(FileResult), 128u) << "FileResult changed: update document_codec.cc";
}

TEST(DocumentCodecTest, CarriesAFailure) {
  Document doc;
  doc.path = "scan.pdf";
  doc.sha256 = std::string(64, 'b');
  FileResult result;
  result.path = "scan.pdf";
  result.status = Status::Empty("no text layer (scanned images; OCR needed)");
  Document back;
  FileResult back_result;
  ASSERT_TRUE(DecodeResult(EncodeResult(doc, result), &back, &back_result).ok());
  EXPECT_EQ(back_result.status.code(), StatusCode::kEmpty);
  EXPECT_EQ(back_result.status.message(), result.status.message());
  EXPECT_EQ(back.sha256, doc.sha256);
}

TEST(DocumentCodecTest, RefusesAMessageCutShortOrPadded) {
  FileResult result;
  result.path = "a.txt";
  const std::string bytes = EncodeResult(EveryFieldSet(), result);
  // Every cut point, sampled: a worker killed mid-write can stop anywhere.
  for (size_t keep = 0; keep < bytes.size(); keep += 1 + keep / 7) {
    SCOPED_TRACE("kept " + std::to_string(keep) + " of " + std::to_string(bytes.size()));
    Document doc;
    FileResult back;
    EXPECT_EQ(DecodeResult(std::string_view(bytes).substr(0, keep), &doc, &back).code(),
              StatusCode::kCorrupt);
  }
  Document doc;
  FileResult back;
  EXPECT_EQ(DecodeResult(bytes + "x", &doc, &back).code(), StatusCode::kCorrupt);
  // A length field claiming more than the message holds is refused without
  // allocating it.
  std::string huge = bytes;
  huge[0] = '\xFF';
  huge[7] = '\x7F';
  EXPECT_EQ(DecodeResult(huge, &doc, &back).code(), StatusCode::kCorrupt);
}

}  // namespace
}  // namespace agendum
