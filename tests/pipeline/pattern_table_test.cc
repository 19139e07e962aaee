// PatternTable and Lexicon: the corpus/ data checks itself (every row matches
// its own sample), and a bad row is a setup error naming file:line.
#include "pipeline/pattern_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "pipeline/segment.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

std::string PatternsDir() { return CorpusData::DefaultRoot() + "/patterns"; }

TEST(PatternTableTest, LoadsTheCorpusPatterns) {
  StatusOr<PatternTable> table = PatternTable::Load(PatternsDir());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_FALSE(table->rows().empty());
  // The rows the fixed stages need.
  EXPECT_TRUE(table->Require({"normalise.page_number", "normalise.starts_label"}).ok());
  EXPECT_FALSE(table->Group("segment.label_").empty());
}

TEST(PatternTableTest, EveryRowMatchesItsOwnSample) {
  StatusOr<PatternTable> table = PatternTable::Load(PatternsDir());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (const auto& row : table->rows()) {
    SCOPED_TRACE(row->where + " " + row->id);
    EXPECT_FALSE(row->sample.empty()) << "a row needs a sample line";
    EXPECT_FALSE(row->source.empty()) << "a row needs a source";
    EXPECT_FALSE(row->value.empty()) << "value is \"-\" when a match means nothing more";
    ASSERT_NE(row->re, nullptr);
    EXPECT_TRUE(row->re->ok()) << row->re->error();
    EXPECT_TRUE(RE2::PartialMatch(row->sample, *row->re))
        << "pattern /" << row->re->pattern() << "/ does not match its sample \"" << row->sample
        << "\"";
  }
}

TEST(PatternTableTest, RowIdsStartWithTheirFileStem) {
  StatusOr<PatternTable> table = PatternTable::Load(PatternsDir());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (const auto& row : table->rows()) {
    SCOPED_TRACE(row->where);
    std::string file = std::filesystem::path(row->where.substr(0, row->where.rfind(':'))).stem();
    EXPECT_EQ(row->id.rfind(file + ".", 0), 0u) << row->id;
    EXPECT_EQ(table->Find(row->id), row.get());
  }
}

// Label rows are tried in file order, so a row whose sample an earlier row
// already claims can never fire.
TEST(PatternTableTest, EveryLabelRowReadsItsOwnSample) {
  StatusOr<PatternTable> table = PatternTable::Load(PatternsDir());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const std::map<std::string, LabelStyle> styles = {
      {"number", LabelStyle::kNumber},
      {"dotted", LabelStyle::kDotted},
      {"letter_lower", LabelStyle::kLetterLower},
      {"letter_upper", LabelStyle::kLetterUpper},
      {"roman_lower", LabelStyle::kRomanLower},
      {"roman_upper", LabelStyle::kRomanUpper},
      {"bullet", LabelStyle::kBullet},
      {"minute", LabelStyle::kMinute},
  };
  for (const PatternRow* row : table->Group("segment.label_")) {
    SCOPED_TRACE(row->where + " " + row->id);
    auto style = styles.find(row->value);
    ASSERT_NE(style, styles.end()) << "unknown label style " << row->value;
    EXPECT_EQ(row->re->NumberOfCapturingGroups(), 1) << "group 1 is the label as printed";
    LabelMatch m = MatchLabel(*table, row->sample);
    EXPECT_EQ(m.style, style->second) << "sample read as another style";
  }
}

TEST(PatternTableTest, BadPatternNamesFileAndLine) {
  StatusOr<PatternTable> table =
      PatternTable::FromString("resolutions",
                               "# comment\n"
                               "cue_resolved\tapprove\t(?i)resolved\tRESOLVED that\tseed 000\n"
                               "cue_broken\t-\t(unclosed\tsample\tsynthetic\n");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kSetup);
  const std::string& message = table.status().message();
  EXPECT_NE(message.find("resolutions:3"), std::string::npos) << message;
  EXPECT_NE(message.find("resolutions.cue_broken"), std::string::npos) << message;
  // RE2's own error text.
  EXPECT_NE(message.find("missing )"), std::string::npos) << message;
}

TEST(PatternTableTest, RejectsMalformedRows) {
  struct Case {
    const char* name;
    const char* tsv;
    const char* where;
    const char* says;
  };
  const Case cases[] = {
      {"too few columns", "page_number\t-\t\\d+\n", "normalise:1", "5 tab-separated columns"},
      {"duplicate id", "a\t-\tx\tx\ts\n\na\t-\ty\ty\ts\n", "normalise:3",
       "duplicate id normalise.a"},
      {"lookahead, which RE2 lacks", "a\t-\t(?=x)\tx\ts\n", "normalise:1", "normalise.a"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    StatusOr<PatternTable> table = PatternTable::FromString("normalise", c.tsv);
    ASSERT_FALSE(table.ok());
    EXPECT_EQ(table.status().code(), StatusCode::kSetup);
    EXPECT_NE(table.status().message().find(c.where), std::string::npos)
        << table.status().message();
    EXPECT_NE(table.status().message().find(c.says), std::string::npos) << table.status().message();
  }
}

TEST(PatternTableTest, LoadNamesTheBadFileAndLine) {
  fixtures::TempDir dir;
  dir.Write("good.tsv", "a\t-\tx\tx\tsynthetic\n");
  std::string bad =
      dir.Write("bad.tsv", "# header\n\nok\t-\ty\ty\tsynthetic\nno\t-\t[z\tz\tsynthetic\n");
  StatusOr<PatternTable> table = PatternTable::Load(dir.path());
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kSetup);
  EXPECT_NE(table.status().message().find(bad + ":4"), std::string::npos)
      << table.status().message();
}

TEST(PatternTableTest, MissingFolderIsASetupError) {
  fixtures::TempDir dir;
  StatusOr<PatternTable> table = PatternTable::Load(dir.path() + "/no-such-folder");
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kSetup);
  EXPECT_NE(table.status().message().find("no-such-folder"), std::string::npos);
}

TEST(PatternTableTest, RequireReportsTheMissingId) {
  StatusOr<PatternTable> table =
      PatternTable::FromString("normalise", "page_number\t-\t\\d+\t12\tsynthetic\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_TRUE(table->Require({"normalise.page_number"}).ok());
  Status status = table->Require({"normalise.page_number", "resolutions.cue_resolved"});
  EXPECT_EQ(status.code(), StatusCode::kSetup);
  EXPECT_NE(status.message().find("resolutions.cue_resolved"), std::string::npos)
      << status.message();
  EXPECT_EQ(table->Find("resolutions.cue_resolved"), nullptr);
}

TEST(PatternTableTest, GroupKeepsFileOrder) {
  StatusOr<PatternTable> table = PatternTable::FromString(
      "segment", "label_z\tnumber\tz\tz\ts\nother\t-\to\to\ts\nlabel_a\tbullet\ta\ta\ts\r\n");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  std::vector<std::string> ids;
  for (const PatternRow* row : table->Group("segment.label_")) ids.push_back(row->id);
  EXPECT_EQ(ids, (std::vector<std::string>{"segment.label_z", "segment.label_a"}));
  // A Windows line ending does not end up in the source column.
  EXPECT_EQ(table->Find("segment.label_a")->source, "s");
  EXPECT_EQ(table->Find("segment.label_a")->where, "segment:3");
}

TEST(LexiconTest, ReadsKeysTermsAndWeights) {
  StatusOr<Lexicon> lexicon = Lexicon::FromString(
      "topics", "# key, term, weight\nhousing\tCouncil Housing\t2.5\nwaste\tbin collection\n");
  ASSERT_TRUE(lexicon.ok()) << lexicon.status().ToString();
  const std::vector<LexiconEntry>& entries = lexicon->Entries("topics");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].key, "housing");
  EXPECT_EQ(entries[0].term, "council housing");  // lower-cased
  EXPECT_DOUBLE_EQ(entries[0].weight, 2.5);
  EXPECT_DOUBLE_EQ(entries[1].weight, 1.0);
  EXPECT_TRUE(lexicon->Entries("other").empty());
}

TEST(LexiconTest, BadRowsNameFileAndLine) {
  StatusOr<Lexicon> one_column = Lexicon::FromString("cues", "approve\n");
  ASSERT_FALSE(one_column.ok());
  EXPECT_NE(one_column.status().message().find("cues:1"), std::string::npos);
  StatusOr<Lexicon> bad_weight = Lexicon::FromString("cues", "approve\tagreed\theavy\n");
  ASSERT_FALSE(bad_weight.ok());
  EXPECT_EQ(bad_weight.status().code(), StatusCode::kSetup);
  EXPECT_NE(bad_weight.status().message().find("cues:1"), std::string::npos);
}

TEST(CorpusDataTest, LoadsACorpusWithoutLexicons) {
  fixtures::TempDir dir;
  dir.Write("patterns/normalise.tsv", "page_number\t-\t\\d+\t12\tsynthetic\n");
  dir.Write("taxonomy/topics.tsv", "housing\tcouncil housing\t1\n");
  StatusOr<std::shared_ptr<const CorpusData>> corpus = CorpusData::Load(dir.path());
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  EXPECT_EQ((*corpus)->lexicons.Entries("topics").size(), 1u);
}

TEST(CorpusDataTest, LoadsTheDefaultCorpus) {
  StatusOr<std::shared_ptr<const CorpusData>> corpus = CorpusData::Load(CorpusData::DefaultRoot());
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  EXPECT_FALSE((*corpus)->patterns.rows().empty());
}

}  // namespace
}  // namespace agendum
