// IndexQuery facets: each filter alone and with text, limits and sorting
// (issue 6).
#include <gtest/gtest.h>

#include <algorithm>

#include "outputs/index_query.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::CouncilMinutes;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::PlanningMinutes;
using index_testing::ScratchDir;

class QueryFiltersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("f.sqlite");
    IndexAll(path_, {LibraryNotice(dir_.File("library.pdf")),
                     PlanningMinutes(dir_.File("planning.pdf")),
                     CouncilMinutes(dir_.File("council.txt"))});
    auto query = IndexQuery::Open(path_);
    ASSERT_TRUE(query.ok()) << query.status().ToString();
    query_ = std::move(query).value();
  }

  // "kind:date" of every row, in result order.
  std::vector<std::string> Rows(QueryOptions options) {
    if (options.limit == 100) options.limit = 0;
    auto r = query_->Run(options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    if (!r.ok()) return out;
    for (const auto& row : r->table.rows) {
      out.push_back(row[0].value.value_or("∅") + ":" + row[1].value.value_or("∅"));
    }
    return out;
  }

  std::vector<std::string> Sorted(QueryOptions options) {
    auto rows = Rows(std::move(options));
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  ScratchDir dir_;
  std::string path_;
  std::unique_ptr<IndexQuery> query_;
};

using Strings = std::vector<std::string>;

TEST_F(QueryFiltersTest, KindAlone) {
  QueryOptions q;
  q.kind = Kind::kDecision;
  EXPECT_EQ(Rows(q), (Strings{"decision:2022-07-20", "decision:2023-11-02", "decision:2024-03-14"}));
  q.kind = Kind::kOption;
  EXPECT_EQ(Rows(q), (Strings{"option:2024-03-14", "option:2024-03-14"}));
}

TEST_F(QueryFiltersTest, DateRangeIsInclusive) {
  QueryOptions q;
  q.kind = Kind::kDecision;
  q.from = "2023-11-02";
  EXPECT_EQ(Rows(q), (Strings{"decision:2023-11-02", "decision:2024-03-14"}));
  q.to = "2023-11-02";
  EXPECT_EQ(Rows(q), (Strings{"decision:2023-11-02"}));
  q.from.reset();
  q.to = "2023-12-31";
  EXPECT_EQ(Rows(q), (Strings{"decision:2022-07-20", "decision:2023-11-02"}));
}

TEST_F(QueryFiltersTest, DecisionMakerIgnoresCaseAndIsInherited) {
  QueryOptions q;
  q.decision_maker = "cabinet";
  // The notice's document record, item, decision, resolutions, options and action.
  EXPECT_EQ(Rows(q).size(), 9u);
  q.kind = Kind::kResolution;
  EXPECT_EQ(Rows(q).size(), 3u);
  q.decision_maker = "Cabinet Member";
  EXPECT_TRUE(Rows(q).empty());
}

TEST_F(QueryFiltersTest, TopicIncludesRecordsOfTheDecision) {
  QueryOptions q;
  q.topic = Topic::kHousing;
  EXPECT_EQ(Sorted(q), (Strings{"decision:2023-11-02", "resolution:2023-11-02"}));
  q.topic = Topic::kWaste;
  EXPECT_TRUE(Rows(q).empty());
}

TEST_F(QueryFiltersTest, DocType) {
  QueryOptions q;
  q.doc_type = DocType::kMinutes;
  q.kind = Kind::kDocument;
  EXPECT_EQ(Rows(q), (Strings{"document:2022-07-20", "document:2023-11-02"}));
  q.doc_type = DocType::kAuditReport;
  EXPECT_TRUE(Rows(q).empty());
}

TEST_F(QueryFiltersTest, KeyDecision) {
  QueryOptions q;
  q.key_decision = true;
  q.kind = Kind::kDecision;
  EXPECT_EQ(Rows(q), (Strings{"decision:2024-03-14"}));
}

TEST_F(QueryFiltersTest, Outcome) {
  QueryOptions q;
  q.outcome = OutcomeClass::kDeferred;
  EXPECT_EQ(Sorted(q), (Strings{"decision:2023-11-02", "resolution:2023-11-02"}));
  q.outcome = OutcomeClass::kRejected;
  EXPECT_TRUE(Rows(q).empty());
}

TEST_F(QueryFiltersTest, TextWithTwoFacets) {
  QueryOptions q;
  q.text = "library";
  q.kind = Kind::kResolution;
  q.decision_maker = "Cabinet";
  EXPECT_EQ(Rows(q).size(), 2u);
  q.from = "2025";
  EXPECT_TRUE(Rows(q).empty());
}

TEST_F(QueryFiltersTest, LimitSaysWhenMoreRowsMatch) {
  QueryOptions q;
  q.kind = Kind::kDecision;
  q.limit = 2;
  auto r = query_->Run(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.rows.size(), 2u);
  EXPECT_TRUE(r->truncated);
  q.limit = 3;
  r = query_->Run(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->table.rows.size(), 3u);
  EXPECT_FALSE(r->truncated);
}

TEST_F(QueryFiltersTest, SortByDate) {
  QueryOptions q;
  q.text = "that";  // every resolution
  q.sort = QuerySort::kDate;
  EXPECT_EQ(Rows(q), (Strings{"resolution:2022-07-20", "resolution:2023-11-02",
                              "resolution:2024-03-14", "resolution:2024-03-14",
                              "resolution:2024-03-14"}));
}

TEST(ParseDateBoundTest, FillsPartialDates) {
  const struct {
    const char* text;
    bool upper;
    const char* expected;  // nullptr = rejected
  } cases[] = {
      {"2024", false, "2024-01-01"},  {"2024", true, "2024-12-31"},
      {"2024-02", false, "2024-02-01"}, {"2024-02", true, "2024-02-31"},
      {"2024-02-29", true, "2024-02-29"}, {"2024-13", false, nullptr},
      {"24-02-01", false, nullptr},   {"2024/02/01", false, nullptr},
      {"last year", false, nullptr},  {"", false, nullptr},
      {"2024-02-00", false, nullptr}, {"2024-02-1", false, nullptr},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto d = ParseDateBound(c.text, c.upper);
    if (c.expected) {
      ASSERT_TRUE(d.ok()) << d.status().ToString();
      EXPECT_EQ(*d, c.expected);
    } else {
      EXPECT_FALSE(d.ok());
      if (!d.ok()) {
        EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
      }
    }
  }
}

}  // namespace
}  // namespace agendum
