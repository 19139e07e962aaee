// SqliteIndexWriter: tables, columns, keys and facets of a fresh index.
#include "outputs/sqlite_index_writer.h"

#include <gtest/gtest.h>

#include <set>

#include "outputs/record_json.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::CouncilMinutes;
using index_testing::Count;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::OpenForChecks;
using index_testing::PlanningMinutes;
using index_testing::ReadFile;
using index_testing::Rows;
using index_testing::ScratchDir;

std::set<std::string> ColumnsOf(SqliteDb& db, const std::string& table) {
  auto rows = Rows(db, "SELECT name FROM pragma_table_info('" + table + "')");
  return {rows.begin(), rows.end()};
}

TEST(SqliteIndexWriterTest, EverySchemaFieldIsAColumn) {
  ScratchDir dir;
  IndexAll(dir.File("a.sqlite"), {});
  auto db = OpenForChecks(dir.File("a.sqlite"));
  ASSERT_TRUE(db);
  const std::vector<std::string> common = {"id", "parent_id", "text", "label", "page", "span"};
  const struct {
    std::string table;
    std::vector<std::string> fields;
  } cases[] = {
      {"documents", {"id", "text", "label", "page", "span", "path", "sha256", "format", "pages",
                     "title", "doc_type", "body", "meeting_date", "warnings", "why"}},
      {"items", {"doc_id", "title", "number", "page_start", "page_end", "why"}},
      {"decisions", {"doc_id", "title", "decision_maker", "date", "outcome", "outcome_class",
                     "key_decision", "callable_in", "portfolio_holder", "reasons", "interests",
                     "topics", "why"}},
      {"resolutions", {"doc_id", "effect", "decision_maker", "topics", "why"}},
      {"recommendations", {"doc_id", "status", "source", "topics", "why"}},
      {"options", {"doc_id", "disposition", "reasons", "why"}},
      {"actions", {"doc_id", "owners", "due", "status", "why"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.table);
    std::set<std::string> columns = ColumnsOf(*db, c.table);
    for (const auto& field : c.fields) EXPECT_TRUE(columns.count(field)) << field;
    if (c.table != "documents") {
      for (const auto& field : common) EXPECT_TRUE(columns.count(field)) << field;
    }
  }
}

TEST(SqliteIndexWriterTest, StoresEachRecordInItsKindTable) {
  ScratchDir dir;
  std::string path = dir.File("i.sqlite");
  Document library = LibraryNotice(dir.File("library.pdf"));
  Document planning = PlanningMinutes(dir.File("planning.pdf"));
  IndexAll(path, {library, planning});
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM records"),
            static_cast<int64_t>(2 + library.records.size() + planning.records.size()));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM items"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM decisions"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM resolutions"), 4);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM options"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM actions"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM recommendations"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM search"),
            Count(*db, "SELECT COUNT(*) FROM records"));

  EXPECT_EQ(Rows(*db, "SELECT title || '|' || decision_maker || '|' || date || '|' || "
                      "outcome_class || '|' || key_decision || '|' || IFNULL(callable_in, '-') || '|' || "
                      "IFNULL(portfolio_holder, '-') || '|' || topics FROM decisions ORDER BY date"),
            (std::vector<std::string>{
                "Land at Mill Lane: 40 homes|Planning Committee|2023-11-02|deferred|0|-|-|"
                "[\"housing\",\"planning_and_building\"]",
                "Future of Westgate Library|Cabinet|2024-03-14|approved|1|1|Cllr Jones|"
                "[\"culture_and_leisure\",\"property_and_assets\"]"}));
  EXPECT_EQ(Rows(*db, "SELECT owners FROM actions"),
            (std::vector<std::string>{"[\"Head of Libraries\"]"}));
  EXPECT_EQ(Rows(*db, "SELECT path || '|' || doc_type || '|' || meeting_date || '|' || warnings "
                      "FROM documents ORDER BY path"),
            (std::vector<std::string>{dir.File("library.pdf") + "|decision_notice|2024-03-14|[]",
                                      dir.File("planning.pdf") + "|minutes|2023-11-02|[]"}));
}

TEST(SqliteIndexWriterTest, KeepsTheExactJsonLines) {
  ScratchDir dir;
  std::string path = dir.File("j.sqlite");
  Document library = LibraryNotice(dir.File("library.pdf"));
  IndexAll(path, {library});
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  std::vector<std::string> lines = Rows(*db, "SELECT json FROM records ORDER BY seq");
  ASSERT_EQ(lines.size(), library.records.size() + 1);
  EXPECT_EQ(lines[0], DocumentJson(library));
  for (size_t i = 0; i < library.records.size(); ++i) {
    EXPECT_EQ(lines[i + 1], RecordJson(library, library.records[i]));
  }
}

TEST(SqliteIndexWriterTest, ForeignKeysLinkRecordsToParentsAndDocuments) {
  ScratchDir dir;
  std::string path = dir.File("k.sqlite");
  IndexAll(path, {LibraryNotice(dir.File("library.pdf")), PlanningMinutes(dir.File("p.pdf"))});
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_TRUE(Rows(*db, "SELECT \"table\" FROM pragma_foreign_key_check").empty());
  // Each parent_id names the record parent_key points at.
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM records c JOIN records p ON p.record_key = "
                       "c.parent_key JOIN resolutions x ON x.record_key = c.record_key "
                       "WHERE x.parent_id = p.id"),
            4);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM records WHERE parent_key IS NULL AND kind = 'item'"),
            2);
  // The sub-resolution 1(a) belongs to the library decision through 1.
  EXPECT_EQ(Rows(*db, "SELECT d.title FROM records r JOIN resolutions x ON x.record_key = "
                      "r.record_key JOIN decisions d ON d.record_key = r.decision_key "
                      "WHERE x.label = '1(a)'"),
            (std::vector<std::string>{"Future of Westgate Library"}));
}

TEST(SqliteIndexWriterTest, RecordsInheritFacetsFromDecisionAndDocument) {
  ScratchDir dir;
  std::string path = dir.File("f.sqlite");
  IndexAll(path, {LibraryNotice(dir.File("library.pdf")), CouncilMinutes(dir.File("c.txt"))});
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  // Resolutions take the decision's date, maker, key decision and outcome.
  EXPECT_EQ(Rows(*db, "SELECT r.date || '|' || r.decision_maker || '|' || r.key_decision || '|' "
                      "|| r.outcome_class || '|' || r.doc_type || '|' || r.item FROM records r "
                      "JOIN resolutions x ON x.record_key = r.record_key WHERE x.label = '1(a)'"),
            (std::vector<std::string>{
                "2024-03-14|Cabinet|1|approved|decision_notice|7 Future of Westgate Library"}));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM record_topics t JOIN records r ON r.record_key = "
                       "t.record_key WHERE r.kind = 'action' AND t.topic = 'culture_and_leisure'"),
            1);
  // An undated decision with no maker falls back to the meeting date and body.
  EXPECT_EQ(Rows(*db, "SELECT r.date || '|' || r.decision_maker FROM records r "
                      "WHERE r.kind = 'decision' AND r.item LIKE '9 %'"),
            (std::vector<std::string>{"2022-07-20|Full Council"}));
}

TEST(SqliteIndexWriterTest, WritesRecordsJsonlInTheGivenOrder) {
  ScratchDir dir;
  std::string path = dir.File("o.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  Document b = PlanningMinutes(dir.File("b.pdf"));
  IndexAll(path, {a, b});
  auto writer = SqliteIndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  std::string out = dir.File("records.jsonl");
  ASSERT_TRUE((*writer)->WriteRecordsJsonl({b.path, dir.File("missing.pdf"), a.path}, out).ok());
  EXPECT_EQ(ReadFile(out), DocumentJsonLines(b) + DocumentJsonLines(a));
  EXPECT_FALSE(std::filesystem::exists(out + ".tmp"));
}

TEST(SqliteIndexWriterTest, LeavesOneFileWhenFinished) {
  ScratchDir dir;
  std::string path = dir.File("w.sqlite");
  IndexAll(path, {LibraryNotice(dir.File("library.pdf"))});
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteIndexWriterTest, RefusesAFileThatIsNotAnIndex) {
  ScratchDir dir;
  std::string path = dir.Write("notes.sqlite", std::string(4096, 'x'));
  auto writer = SqliteIndexWriter::Open(path);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kCorrupt) << writer.status().ToString();
}

TEST(SqliteIndexWriterTest, RefusesAnIndexOfAnotherLayout) {
  ScratchDir dir;
  std::string path = dir.File("old.sqlite");
  IndexAll(path, {});
  {
    auto db = SqliteDb::Open(path, SqliteDb::Mode::kReadWriteCreate);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Exec("UPDATE meta SET value = 'agendum-index/0' WHERE key = 'layout'").ok());
  }
  auto writer = SqliteIndexWriter::Open(path);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kSetup);
  EXPECT_NE(writer.status().message().find("agendum-index/0"), std::string::npos);
}

}  // namespace
}  // namespace agendum
