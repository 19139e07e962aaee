// Segment: lines of normalised text -> blocks with labels and nesting.
//
// Written in the Tesseract paragraphs_test.cc layout: each row is a line as it
// sits in Document::text, beside the block it must become, in the form of
// Block::DebugString: "<type> d<depth> [<label>] ^<parent index> <body>".
#include "pipeline/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/normalise.h"
#include "pipeline/pattern_table.h"

namespace agendum {
namespace {

const PatternTable& Patterns() {
  static const StatusOr<std::shared_ptr<const CorpusData>> corpus =
      CorpusData::Load(CorpusData::DefaultRoot());
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  static const PatternTable kEmpty;
  return corpus.ok() ? corpus.value()->patterns : kEmpty;
}

struct Row {
  const char* line;
  const char* block;
};

struct Case {
  const char* name;
  std::vector<Row> rows;
};

std::string Listing(const std::vector<std::string>& blocks) {
  std::string out;
  for (size_t i = 0; i < blocks.size(); ++i) {
    out += "  " + std::to_string(i) + ": " + blocks[i] + "\n";
  }
  return out;
}

Document SegmentedText(const std::string& text, const SegmentOptions& options = {}) {
  Document doc;
  doc.text = text;
  Status status = Segment(Patterns(), options, &doc);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return doc;
}

// Segments the rows' lines and compares every block with its row; on a
// mismatch prints both segmentations, one above the other.
void ExpectSegmentation(const Case& c) {
  SCOPED_TRACE(c.name);
  std::string text;
  std::vector<std::string> expected;
  for (const Row& row : c.rows) {
    text += std::string(row.line) + "\n";
    expected.push_back(row.block);
  }
  Document doc = SegmentedText(text);
  std::vector<std::string> actual;
  for (const Block& b : doc.blocks) actual.push_back(b.DebugString(doc.text));
  EXPECT_EQ(actual, expected) << "expected:\n"
                              << Listing(expected) << "actual:\n"
                              << Listing(actual);
  // Each block spans exactly its line.
  ASSERT_EQ(doc.blocks.size(), c.rows.size());
  for (size_t i = 0; i < c.rows.size(); ++i) {
    EXPECT_EQ(doc.Slice(doc.blocks[i].span), c.rows[i].line);
    EXPECT_EQ(doc.blocks[i].page, 0);
  }
}

TEST(SegmentTest, NestsListLabels) {
  const std::vector<Case> cases = {
      // Seed 000 shape: numbered resolutions with lettered sub-paragraphs.
      {"numbers with lettered sub-items",
       {{"Resolved:", "paragraph d0 Resolved:"},
        {"1. That the report be noted.", "item d0 [1] That the report be noted."},
        {"2. That the following be approved:", "item d0 [2] That the following be approved:"},
        {"(a) the budget;", "item d1 [a] ^2 the budget;"},
        {"(b) the plan.", "item d1 [b] ^2 the plan."},
        {"3. That officers report back.", "item d0 [3] That officers report back."}}},
      {"letters written a) with roman sub-items",
       {{"1. Option one was considered.", "item d0 [1] Option one was considered."},
        {"a) the first variant;", "item d1 [a] ^0 the first variant;"},
        {"(i) its cost;", "item d2 [i] ^1 its cost;"},
        {"(ii) its risk.", "item d2 [ii] ^1 its risk."},
        {"b) the second variant.", "item d1 [b] ^0 the second variant."}}},
      {"letters written a.",
       {{"a. the budget;", "item d0 [a] the budget;"}, {"b. the plan.", "item d0 [b] the plan."}}},
      {"(i) after (h) is the next letter",
       {{"(g) the seventh condition;", "item d0 [g] the seventh condition;"},
        {"(h) the eighth condition;", "item d0 [h] the eighth condition;"},
        {"(i) the ninth condition;", "item d0 [i] the ninth condition;"},
        {"(j) the tenth condition.", "item d0 [j] the tenth condition."}}},
      {"(i) after (a) is a roman sub-item",
       {{"(a) the budget:", "item d0 [a] the budget:"},
        {"(i) revenue;", "item d1 [i] ^0 revenue;"},
        {"(ii) capital;", "item d1 [ii] ^0 capital;"},
        {"(b) the plan.", "item d0 [b] the plan."}}},
      {"(i) with no letter open is roman",
       {{"(i) to note the risks;", "item d0 [i] to note the risks;"},
        {"(ii) to agree the mitigations.", "item d0 [ii] to agree the mitigations."}}},
      // kent_cc/24-00096: report paragraphs numbered 3.1, 3.2 under section 3.
      {"dotted numbers under a number",
       {{"3. Financial implications", "item d0 [3] Financial implications"},
        {"3.1 The cost is met from reserves.", "item d1 [3.1] ^0 The cost is met from reserves."},
        {"3.2 There is no impact on council tax.",
         "item d1 [3.2] ^0 There is no impact on council tax."},
        {"4. Legal implications", "item d0 [4] Legal implications"}}},
      {"bullets after a heading",
       {{"The Panel noted:", "paragraph d0 The Panel noted:"},
        {"\xE2\x80\xA2 the rise in demand;", "item d0 the rise in demand;"},
        {"\xE2\x80\xA2 the staffing position;", "item d0 the staffing position;"},
        {"\xE2\x80\xA2 the budget gap.", "item d0 the budget gap."}}},
      // A level is a style written one way: another bullet glyph nests.
      {"a different bullet glyph nests",
       {{"\xE2\x80\xA2 the rise in demand:", "item d0 the rise in demand:"},
        {"- in adult social care;", "item d1 ^0 in adult social care;"},
        {"- in home to school transport;", "item d1 ^0 in home to school transport;"},
        {"\xE2\x80\xA2 the budget gap.", "item d0 the budget gap."}}},
      // Kent minutes number paragraphs "8)" and a resolution's items "1.".
      {"numbers written two ways are two levels",
       {{"8) The Cabinet considered the report.", "item d0 [8] The Cabinet considered the report."},
        {"1. That the plan be approved;", "item d1 [1] ^0 That the plan be approved;"},
        {"2. That the report be noted.", "item d1 [2] ^0 That the report be noted."},
        {"9) Any other business", "item d0 [9] Any other business"}}},
      {"a number that starts no list is top-level numbering",
       {{"(a) the budget:", "item d0 [a] the budget:"},
        {"(i) revenue;", "item d1 [i] ^0 revenue;"},
        {"300. Minutes of the last meeting", "item d0 [300] Minutes of the last meeting"}}},
      {"bullets under a number",
       {{"1. The Panel noted:", "item d0 [1] The Panel noted:"},
        {"\xE2\x80\xA2 the rise in demand;", "item d1 ^0 the rise in demand;"},
        {"\xE2\x80\xA2 the staffing position.", "item d1 ^0 the staffing position."},
        {"2. The Panel agreed the plan.", "item d0 [2] The Panel agreed the plan."}}},
      // kent_cc/24-00096: upper-case letters under a number.
      {"upper-case letters written A)",
       {{"1. That the Cabinet approves:", "item d0 [1] That the Cabinet approves:"},
        {"A) the Commissioning Plan;", "item d1 [A] ^0 the Commissioning Plan;"},
        {"B) the consultation.", "item d1 [B] ^0 the consultation."}}},
      {"upper-case roman numerals",
       {{"(IV) Approve the scheme.", "item d0 [IV] Approve the scheme."},
        {"(V) Note the risks.", "item d0 [V] Note the risks."}}},
      {"closing two levels at once",
       {{"1. That the following be agreed:", "item d0 [1] That the following be agreed:"},
        {"(a) the budget:", "item d1 [a] ^0 the budget:"},
        {"(i) revenue;", "item d2 [i] ^1 revenue;"},
        {"2. That the report be noted.", "item d0 [2] That the report be noted."}}},
      {"minute numbers",
       {{"23/45 Budget monitoring", "item d0 [23/45] Budget monitoring"},
        {"23/46 Any other business", "item d0 [23/46] Any other business"}}},
      {"minute numbers with the word Minute",
       {{"Minute 23/45 Budget monitoring", "item d0 [23/45] Budget monitoring"},
        {"Minute 23/46 Any other business", "item d0 [23/46] Any other business"}}},
      // souldern_pc minutes number items without a stop.
      {"bare numbers before a capital",
       {{"5 Minutes of the last meeting", "item d0 [5] Minutes of the last meeting"},
        {"6 Planning", "item d0 [6] Planning"}}},
  };
  for (const Case& c : cases) ExpectSegmentation(c);
}

TEST(SegmentTest, HeadingsAndParagraphs) {
  const std::vector<Case> cases = {
      {"a heading closes every open level",
       {{"1. Apologies", "item d0 [1] Apologies"},
        {"(a) Cllr Grey sent apologies.", "item d1 [a] ^0 Cllr Grey sent apologies."},
        {"Minutes of the last meeting", "heading d0 Minutes of the last meeting"},
        {"(a) The minutes were agreed.", "item d0 [a] The minutes were agreed."}}},
      {"an unlabelled paragraph continues the open item",
       {{"2. That the following be approved:", "item d0 [2] That the following be approved:"},
        {"(a) the budget.", "item d1 [a] ^0 the budget."},
        {"The Committee asked that the figures be checked before the next meeting.",
         "paragraph d2 ^1 The Committee asked that the figures be checked before the next "
         "meeting."},
        {"(b) the plan.", "item d1 [b] ^0 the plan."}}},
      {"a number then lower case is not a label",
       {{"5 Minutes of the last meeting", "item d0 [5] Minutes of the last meeting"},
        {"12 members voted in favour.", "paragraph d1 ^0 12 members voted in favour."}}},
      {"paragraphs outside lists",
       {{"Reasons for decision", "heading d0 Reasons for decision"},
        {"The scheme meets the priorities of the Corporate Plan.",
         "paragraph d0 The scheme meets the priorities of the Corporate Plan."},
        {"the committee discussed the matter at length and agreed to return to it later",
         "paragraph d0 the committee discussed the matter at length and agreed to return to it "
         "later"}}},
      // A Markdown heading keeps its printed number as its label.
      {"markdown headings",
       {{"### Apologies", "heading d0 Apologies"},
        {"# 5. Planning", "heading d0 [5] Planning"},
        {"## 5.1 Applications", "heading d0 [5.1] Applications"}}},
      {"a markdown heading closes every open level",
       {{"1. That the following be agreed:", "item d0 [1] That the following be agreed:"},
        {"(a) the budget;", "item d1 [a] ^0 the budget;"},
        {"## 6. Planning", "heading d0 [6] Planning"},
        {"(a) Application 25/0012.", "item d0 [a] Application 25/0012."}}},
      {"a long sentence without a stop is not a heading",
       {{"The Committee discussed the proposals for the new leisure centre at length and agreed "
         "to return to them",
         "paragraph d0 The Committee discussed the proposals for the new leisure centre at length "
         "and agreed to return to them"}}},
  };
  for (const Case& c : cases) ExpectSegmentation(c);
}

TEST(SegmentTest, ListThatChangesLetterCaseStaysOneLevel) {
  ExpectSegmentation({"a list that changes letter case (Kent cabinet minutes)",
                      {{"1. That the Cabinet agrees:", "item d0 [1] That the Cabinet agrees:"},
                       {"A) the Commissioning Plan;", "item d1 [A] ^0 the Commissioning Plan;"},
                       {"b) the consultation;", "item d1 [b] ^0 the consultation;"},
                       {"c) the timetable.", "item d1 [c] ^0 the timetable."}}});
}

TEST(SegmentTest, RomanAfterLetterKeepsItsStyle) {
  Document doc = SegmentedText("(h) the eighth;\n(i) the ninth;\n(a) first;\n(i) sub.\n");
  ASSERT_EQ(doc.blocks.size(), 4u);
  EXPECT_EQ(doc.blocks[1].style, LabelStyle::kLetterLower);
  EXPECT_EQ(doc.blocks[3].style, LabelStyle::kRomanLower);
}

TEST(SegmentTest, FlattensListsDeeperThanMaxDepth) {
  SegmentOptions options;
  options.max_depth = 2;
  Document doc = SegmentedText("1. one\n(a) two\n(i) three\n\xE2\x80\xA2 four\n", options);
  ASSERT_EQ(doc.blocks.size(), 4u);
  for (const Block& b : doc.blocks) {
    SCOPED_TRACE(b.DebugString(doc.text));
    EXPECT_LT(b.depth, 2);
    if (b.parent >= 0) {
      EXPECT_EQ(doc.blocks[b.parent].depth, b.depth - 1);
    }
  }
}

TEST(SegmentTest, BlocksCarryTheirPdfPage) {
  StatusOr<std::shared_ptr<const CorpusData>> corpus = CorpusData::Load(CorpusData::DefaultRoot());
  ASSERT_TRUE(corpus.ok());
  Document doc;
  doc.format = Format::kPdf;
  doc.raw_pages = {"1. Apologies for absence\nNone were received.\n",
                   "2. Minutes of the last meeting\nThe minutes were agreed.\n"};
  doc.page_has_text = {true, true};
  ASSERT_TRUE(Normalise((*corpus)->patterns, {}, &doc).ok());
  ASSERT_TRUE(Segment((*corpus)->patterns, {}, &doc).ok());
  std::vector<std::pair<std::string, int>> actual;
  for (const Block& b : doc.blocks) actual.emplace_back(b.label, b.page);
  EXPECT_EQ(actual,
            (std::vector<std::pair<std::string, int>>{{"1", 1}, {"", 1}, {"2", 2}, {"", 2}}));
}

TEST(SegmentTest, EmptyTextHasNoBlocks) {
  EXPECT_TRUE(SegmentedText("").blocks.empty());
  EXPECT_TRUE(SegmentedText("\n\n").blocks.empty());
}

TEST(SegmentTest, RequiresLabelPatterns) {
  StatusOr<PatternTable> table = PatternTable::FromString("normalise", "");
  ASSERT_TRUE(table.ok());
  Document doc;
  doc.text = "1. That the report be noted.";
  EXPECT_EQ(Segment(*table, {}, &doc).code(), StatusCode::kSetup);
}

TEST(MatchLabelTest, ReadsTheLabelAsPrinted) {
  struct LabelCase {
    const char* line;
    LabelStyle style;
    const char* key;
    const char* printed;
    size_t body;
  };
  const LabelCase cases[] = {
      {"1. That the report be noted.", LabelStyle::kNumber, "1", "1.", 3},
      {"12) That the plan be approved.", LabelStyle::kNumber, "12", "12)", 4},
      {"(3) Apologies", LabelStyle::kNumber, "3", "(3)", 4},
      {"3.2 The cost", LabelStyle::kDotted, "3.2", "3.2", 4},
      {"1.1.4. The detail", LabelStyle::kDotted, "1.1.4", "1.1.4.", 7},
      {"(a) the budget", LabelStyle::kLetterLower, "a", "(a)", 4},
      {"b) the plan", LabelStyle::kLetterLower, "b", "b)", 3},
      {"(C) the scheme", LabelStyle::kLetterUpper, "C", "(C)", 4},
      {"(iv) the risks", LabelStyle::kRomanLower, "iv", "(iv)", 5},
      {"(IX) the scheme", LabelStyle::kRomanUpper, "IX", "(IX)", 5},
      {"\xE2\x80\xA2 the rise", LabelStyle::kBullet, "", "\xE2\x80\xA2", 4},
      {"Minute 23/45 Budget", LabelStyle::kMinute, "23/45", "Minute 23/45", 13},
      {"7 Planning applications", LabelStyle::kNumber, "7", "7", 2},
      {"That the report be noted.", LabelStyle::kNone, "", "", 0},
      {"2024 was a difficult year.", LabelStyle::kNone, "", "", 0},
      {"1.", LabelStyle::kNone, "", "", 0},
  };
  for (const LabelCase& c : cases) {
    SCOPED_TRACE(c.line);
    LabelMatch m = MatchLabel(Patterns(), c.line);
    EXPECT_EQ(m.style, c.style);
    EXPECT_EQ(m.key, c.key);
    EXPECT_EQ(m.printed, c.printed);
    EXPECT_EQ(m.body, c.body);
  }
}

TEST(IsNextLabelTest, KnowsWhichLabelComesNext) {
  struct NextCase {
    LabelStyle style;
    const char* previous;
    const char* key;
    bool next;
  };
  const NextCase cases[] = {
      {LabelStyle::kNumber, "1", "2", true},         {LabelStyle::kNumber, "9", "10", true},
      {LabelStyle::kNumber, "2", "4", false},        {LabelStyle::kNumber, "2", "2", false},
      {LabelStyle::kLetterLower, "a", "b", true},    {LabelStyle::kLetterLower, "h", "i", true},
      {LabelStyle::kLetterLower, "a", "c", false},   {LabelStyle::kLetterUpper, "A", "B", true},
      {LabelStyle::kRomanLower, "i", "ii", true},    {LabelStyle::kRomanLower, "iv", "v", true},
      {LabelStyle::kRomanLower, "ix", "x", true},    {LabelStyle::kRomanLower, "i", "iii", false},
      {LabelStyle::kRomanUpper, "III", "IV", true},  {LabelStyle::kDotted, "3.1", "3.2", true},
      {LabelStyle::kDotted, "3.9", "3.10", true},    {LabelStyle::kDotted, "3.2", "4.3", false},
      {LabelStyle::kDotted, "1.1.1", "1.1.2", true},
  };
  for (const NextCase& c : cases) {
    SCOPED_TRACE(std::string(c.previous) + " -> " + c.key);
    EXPECT_EQ(IsNextLabel(c.style, c.previous, c.key), c.next);
  }
}

TEST(RomanValueTest, ReadsSmallNumerals) {
  const std::pair<const char*, int> cases[] = {{"i", 1},   {"iv", 4}, {"IX", 9}, {"xii", 12},
                                               {"xv", 15}, {"a", 0},  {"", 0},   {"iiii", 0}};
  for (const auto& [numeral, value] : cases) {
    SCOPED_TRACE(numeral);
    EXPECT_EQ(RomanValue(numeral), value);
  }
}

}  // namespace
}  // namespace agendum
