// IndexQuery full-text search: stemming, phrases, operators, ranking,
// snippets, provenance and malformed queries (issue 6).
#include "outputs/index_query.h"

#include <gtest/gtest.h>

#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::CouncilMinutes;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::PlanningMinutes;
using index_testing::ScratchDir;

class QuerySearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("q.sqlite");
    IndexAll(path_, {LibraryNotice(dir_.File("library.pdf")),
                     PlanningMinutes(dir_.File("planning.pdf")),
                     CouncilMinutes(dir_.File("council.txt"))});
    auto query = IndexQuery::Open(path_);
    ASSERT_TRUE(query.ok()) << query.status().ToString();
    query_ = std::move(query).value();
  }

  StatusOr<QueryResult> Search(const std::string& text) {
    QueryOptions options;
    options.text = text;
    options.limit = 0;
    return query_->Run(options);
  }

  // Column `key` of every row.
  static std::vector<std::string> Column(const QueryResult& r, const std::string& key) {
    size_t c = 0;
    while (c < r.table.columns.size() && r.table.columns[c].key != key) ++c;
    std::vector<std::string> out;
    if (c == r.table.columns.size()) {
      ADD_FAILURE() << "no column " << key;
      return out;
    }
    for (const auto& row : r.table.rows) out.push_back(row[c].value.value_or("∅"));
    return out;
  }

  std::vector<std::string> Ids(const std::string& text) {
    auto r = Search(text);
    EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    if (!r.ok()) return {};
    std::vector<std::string> ids = Column(*r, "id");
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  size_t Hits(const std::string& text) { return Ids(text).size(); }

  ScratchDir dir_;
  std::string path_;
  std::unique_ptr<IndexQuery> query_;
};

TEST_F(QuerySearchTest, StemmingFindsOtherFormsOfAWord) {
  // "decide" finds "decides" (council minutes); "closing" finds "closed"
  // (resolution 1) and "Close" (option B); "consultation" finds "consult".
  EXPECT_EQ(Hits("decide"), 1u);
  EXPECT_EQ(Hits("decided"), 1u);
  EXPECT_EQ(Hits("closing"), 2u);
  EXPECT_EQ(Hits("consultation"), 1u);
  EXPECT_EQ(Hits("consulting"), 1u);
  EXPECT_EQ(Hits("residential"), 0u);  // stems to "residenti", not "resid"
}

TEST_F(QuerySearchTest, SearchIsCaseAndAccentInsensitive) {
  EXPECT_EQ(Hits("WESTGATE"), Hits("westgate"));
  EXPECT_EQ(Hits("cafe"), 0u);
  EXPECT_EQ(Hits("Westgäte"), Hits("Westgate"));
}

TEST_F(QuerySearchTest, OperatorsPhrasesAndPrefixes) {
  const struct {
    const char* text;
    size_t hits;
  } cases[] = {
      {"library", 7},                       // doc, item, decision, 2 resolutions, 2 options
      {"\"Eastgate Library\"", 1},          // phrase
      {"\"library Eastgate\"", 0},          // words in the wrong order
      {"library AND closed", 2},            // resolution 1 and option B
      {"library closed", 2},                // implicit AND
      {"library OR homes", 9},
      {"library NOT westgate", 4},
      {"(library OR homes) NOT westgate", 6},
      {"lib*", 7},
      {"westg*", 3},
      {"NEAR(site visit, 2)", 1},
      {"NEAR(deferred visit, 2)", 0},
      {"call-in", 0},                       // punctuation: searched as a phrase
      {"2022/23", 2},                       // item and decision title
      {"£12m", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(Hits(c.text), c.hits);
  }
}

TEST_F(QuerySearchTest, RanksByRelevance) {
  // bm25: the shorter text holding both words comes first.
  auto r = Search("library closed");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->table.rows.size(), 2u);
  EXPECT_EQ(Column(*r, "snippet"),
            (std::vector<std::string>{"\x02" "Close\x03 the \x02library\x03.",
                                      "That the \x02library\x03 be \x02" "closed\x03 on 1 June 2024."}));
  auto many = Search("library");
  ASSERT_TRUE(many.ok());
  std::vector<std::string> kinds = Column(*many, "kind");
  ASSERT_EQ(kinds.size(), 7u);
  // Short texts made of the match rank above long ones.
  EXPECT_EQ(kinds.back(), "resolution") << testing::PrintToString(kinds);
}

TEST_F(QuerySearchTest, RowsCarryProvenanceAndAMarkedSnippet) {
  auto r = Search("\"stock be moved\"");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->table.rows.size(), 1u);
  EXPECT_EQ(Column(*r, "kind")[0], "resolution");
  EXPECT_EQ(Column(*r, "document")[0], "Decision notice: Future of Westgate Library");
  EXPECT_EQ(Column(*r, "path")[0], dir_.File("library.pdf"));
  EXPECT_EQ(Column(*r, "page")[0], "3");
  EXPECT_EQ(Column(*r, "item")[0], "7 Future of Westgate Library");
  EXPECT_EQ(Column(*r, "date")[0], "2024-03-14");
  EXPECT_EQ(Column(*r, "decision_maker")[0], "Cabinet");
  EXPECT_EQ(Column(*r, "snippet")[0],
            "That the \x02stock be moved\x03 to Eastgate Library.");
  // The record column is the exact records.jsonl line.
  EXPECT_NE(Column(*r, "record")[0].find("\"label\":\"1(a)\""), std::string::npos);
  // Links go to the page.
  size_t path_column = 8;
  ASSERT_EQ(r->table.columns[path_column].key, "path");
  EXPECT_EQ(r->table.rows[0][path_column].link, "file://" + dir_.File("library.pdf") + "#page=3");
}

TEST_F(QuerySearchTest, MalformedQueriesGetAOneLineError) {
  const char* cases[] = {
      "AND",           "library AND",  "OR library", "NOT",       "\"unclosed phrase",
      "(library",      "library)",     "nosuchcolumn:library",    "NEAR(",
      "library NOT",   "\"\"\"",       "*",          "^",         "+",
      "AND AND AND",   "(()",
  };
  for (const char* text : cases) {
    SCOPED_TRACE(text);
    auto r = Search(text);
    if (r.ok()) continue;  // some odd inputs are valid FTS5; they must not crash
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_EQ(r.status().message().find('\n'), std::string::npos);
    EXPECT_NE(r.status().message().find("cannot search for"), std::string::npos);
  }
  for (const char* text : {"AND", "library AND", "\"unclosed phrase", "(library"}) {
    EXPECT_FALSE(Search(text).ok()) << text;
  }
}

TEST_F(QuerySearchTest, QueryTextIsNeverSql) {
  for (const char* text : {"'; DROP TABLE records; --", "x' OR '1'='1", "\"); DELETE FROM search"}) {
    SCOPED_TRACE(text);
    auto r = Search(text);
    if (r.ok()) {
      EXPECT_TRUE(r->table.rows.empty());
    }
  }
  EXPECT_EQ(Hits("library"), 7u);
}

TEST(SearchExpressionTest, QuotesWordsWithPunctuation) {
  const struct {
    const char* text;
    const char* expression;
  } cases[] = {
      {"library", "library"},
      {"library closure", "library closure"},
      {"call-in", "\"call-in\""},
      {"call-in*", "\"call-in\"*"},
      {"2023/24 budget", "\"2023/24\" budget"},
      {"\"exact phrase\" AND x", "\"exact phrase\" AND x"},
      {"(a OR b) NOT c", "(a OR b) NOT c"},
      {"NEAR(site visit, 2)", "NEAR(site visit, 2)"},
      {"pre*", "pre*"},
      {"text:library", "text:library"},
      {"O'Brien", "\"O'Brien\""},
      {"£12m", "£12m"},  // FTS5 treats non-ASCII bytes as word characters
      {"café", "café"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SearchExpression(c.text), c.expression) << c.text;
  }
}

}  // namespace
}  // namespace agendum
