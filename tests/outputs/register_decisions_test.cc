// DecisionsRegister: one row per decision with the register's fields
// (issue 6).
#include "outputs/decisions_register.h"

#include <gtest/gtest.h>

#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::CouncilMinutes;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::PlanningMinutes;
using index_testing::ScratchDir;

class RegisterDecisionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("r.sqlite");
    IndexAll(path_, {LibraryNotice(dir_.File("library.pdf")),
                     PlanningMinutes(dir_.File("planning.pdf")),
                     CouncilMinutes(dir_.File("council.txt"))});
  }

  // key -> value of row `row`.
  static std::map<std::string, std::string> Row(const Table& t, size_t row) {
    std::map<std::string, std::string> out;
    for (size_t c = 0; c < t.columns.size(); ++c) {
      out[t.columns[c].key] = t.rows[row][c].value.value_or("∅");
    }
    return out;
  }

  ScratchDir dir_;
  std::string path_;
};

TEST_F(RegisterDecisionsTest, OneRowPerDecisionOldestFirst) {
  auto table = BuildDecisionsRegister(path_, {});
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 3u);
  EXPECT_EQ(Row(*table, 0)["title"], "Council budget 2022/23");
  EXPECT_EQ(Row(*table, 1)["title"], "Land at Mill Lane: 40 homes");
  EXPECT_EQ(Row(*table, 2)["title"], "Future of Westgate Library");
}

TEST_F(RegisterDecisionsTest, CarriesTheRegisterFields) {
  auto table = BuildDecisionsRegister(path_, {});
  ASSERT_TRUE(table.ok());
  std::map<std::string, std::string> row = Row(*table, 2);
  EXPECT_EQ(row["date"], "2024-03-14");
  EXPECT_EQ(row["decision_maker"], "Cabinet");
  EXPECT_EQ(row["decision"],
            "1 That the library be closed on 1 June 2024.\n"
            "1(a) That the stock be moved to Eastgate Library.\n"
            "2 That officers consult residents on community use.");
  EXPECT_EQ(row["reasons"], "The building needs repairs the council cannot fund.");
  // Option B was chosen, so only A is an alternative considered and rejected.
  EXPECT_EQ(row["alternative_options"], "A Keep the library open with reduced hours.");
  EXPECT_EQ(row["interests"], "Cllr Smith declared a personal interest.");
  EXPECT_EQ(row["key_decision"], "1");
  EXPECT_EQ(row["callable_in"], "1");
  EXPECT_EQ(row["portfolio_holder"], "Cllr Jones");
  EXPECT_EQ(row["document"], "Decision notice: Future of Westgate Library");
  EXPECT_EQ(row["page"], "1");
  EXPECT_EQ(row["path"], dir_.File("library.pdf"));

  std::map<std::string, std::string> planning = Row(*table, 1);
  EXPECT_EQ(planning["key_decision"], "0");
  EXPECT_EQ(planning["callable_in"], "∅");
  EXPECT_EQ(planning["alternative_options"], "∅");
}

TEST_F(RegisterDecisionsTest, FallsBackToTheMeetingDateAndBody) {
  auto table = BuildDecisionsRegister(path_, {});
  ASSERT_TRUE(table.ok());
  std::map<std::string, std::string> row = Row(*table, 0);
  EXPECT_EQ(row["date"], "2022-07-20");
  EXPECT_EQ(row["decision_maker"], "Full Council");
  EXPECT_EQ(row["page"], "∅");  // a text file has no pages
}

TEST_F(RegisterDecisionsTest, FiltersByDate) {
  RegisterOptions options;
  options.from = "2023-01-01";
  auto table = BuildDecisionsRegister(path_, options);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 2u);
  options.to = "2023-12-31";
  table = BuildDecisionsRegister(path_, options);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(Row(*table, 0)["title"], "Land at Mill Lane: 40 homes");
  options.from.reset();
  table = BuildDecisionsRegister(path_, options);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows.size(), 2u);
}

TEST_F(RegisterDecisionsTest, MissingIndexIsNotFound) {
  auto table = BuildDecisionsRegister(dir_.File("nothing.sqlite"), {});
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace agendum
