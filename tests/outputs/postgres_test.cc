// The PostgreSQL register (issue 7): the sink's upserts, its behaviour under
// concurrent writers, and the query backend answering as the SQLite index
// does. Each test starts a throwaway server (tests/support/postgres_server.h)
// and skips with the reason when the server binaries are not installed;
// TsQueryExpression needs none.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <thread>

#include "outputs/index_query.h"
#include "outputs/postgres_db.h"
#include "outputs/postgres_query.h"
#include "outputs/postgres_sink.h"
#include "outputs/record_json.h"
#include "tests/outputs/index_test_fixture.h"
#include "tests/support/postgres_server.h"

namespace agendum {
namespace {

using index_testing::CouncilMinutes;
using index_testing::DocBuilder;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::PlanningMinutes;
using index_testing::ScratchDir;

TEST(TsQueryExpressionTest, TranslatesTheQuerySyntax) {
  struct Case {
    const char* text;
    const char* expected;
  } cases[] = {
      {"", ""},
      {"library", "'library'"},
      {"library closure", "'library' & 'closure'"},
      {"\"site visit\"", "('site' <-> 'visit')"},
      {"budget OR finance", "'budget' | 'finance'"},
      {"budget AND finance", "'budget' & 'finance'"},
      {"housing NOT homes", "'housing' & !'homes'"},
      {"NOT homes", "!'homes'"},
      {"librar*", "'librar':*"},
      {"\"site vis\"*", "('site' <-> 'vis':*)"},
      {"(budget OR finance) library", "('budget' | 'finance') & 'library'"},
      {"call-in", "('call' <-> 'in')"},
      {"2023/24", "('2023' <-> '24')"},
      {"title:library", "'library'"},
      {"NEAR(library closure, 5)", "('library' & 'closure')"},
      {"it's", "('it' <-> 's')"},
      // Quotes in the text never end a lexeme: only our operators reach SQL.
      {"library' OR '1", "'library' | '1'"},
      {"-", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(TsQueryExpression(c.text), c.expected);
  }
}

// One server for the fixture's tests in this process.
class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = fixtures::PostgresServer::Start();
    if (!server_->ok()) GTEST_SKIP() << server_->error();
    auto db = PostgresDb::Connect(server_->url());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  std::unique_ptr<PostgresSink> Sink(const std::string& pipeline = "p1") {
    PostgresSinkOptions options;
    options.pipeline = pipeline;
    auto sink = PostgresSink::Open(server_->url(), options);
    EXPECT_TRUE(sink.ok()) << sink.status().ToString();
    return sink.ok() ? std::move(sink).value() : nullptr;
  }

  // Every (id, json) in agendum_records.
  std::map<std::string, std::string> Rows() {
    std::map<std::string, std::string> rows;
    auto r = db_->Query("SELECT id, json FROM agendum_records");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok()) return rows;
    for (int i = 0; i < r->rows(); ++i) rows[r->Text(i, 0)] = r->Text(i, 1);
    return rows;
  }

  int64_t Count(const std::string& sql) {
    auto r = db_->Query(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
    return r.ok() && r->rows() ? r->OptionalInt(0, 0).value_or(-1) : -1;
  }

  std::unique_ptr<fixtures::PostgresServer> server_;
  std::unique_ptr<PostgresDb> db_;
  ScratchDir dir_;
};

// The lines `agendum run` would write to records.jsonl for `docs`, by id.
std::map<std::string, std::string> JsonlLines(const std::vector<Document>& docs) {
  std::map<std::string, std::string> lines;
  for (const Document& doc : docs) {
    lines[doc.id] = DocumentJson(doc);
    for (const Record& r : doc.records) lines[r.id] = RecordJson(doc, r);
  }
  return lines;
}

TEST_F(PostgresTest, SinkWritesTheRecordsOfRecordsJsonl) {
  std::vector<Document> docs = {LibraryNotice(dir_.File("library.pdf")),
                                PlanningMinutes(dir_.File("planning.pdf")),
                                CouncilMinutes(dir_.File("council.txt"))};
  auto sink = Sink();
  ASSERT_NE(sink, nullptr);
  for (const Document& d : docs) ASSERT_TRUE(sink->WriteDocument(d).ok());
  EXPECT_EQ(Rows(), JsonlLines(docs));
  EXPECT_EQ(Count("SELECT count(*) FROM agendum_documents"), 3);
  // Facets as the SQLite index has them: a resolution inherits its decision's.
  auto r = db_->Query(
      "SELECT date, decision_maker, key_decision::text, topics::text FROM agendum_records "
      "WHERE kind = 'resolution' AND json LIKE '%Eastgate%'");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows(), 1);
  EXPECT_EQ(r->Text(0, 0), "2024-03-14");
  EXPECT_EQ(r->Text(0, 1), "Cabinet");
  EXPECT_EQ(r->Text(0, 2), "true");
  EXPECT_EQ(r->Text(0, 3), "{culture_and_leisure,property_and_assets}");
  // Writing everything again changes nothing.
  for (const Document& d : docs) ASSERT_TRUE(sink->WriteDocument(d).ok());
  EXPECT_EQ(Rows(), JsonlLines(docs));
}

TEST_F(PostgresTest, RewrittenDocumentLosesTheRecordsItNoLongerHas) {
  auto sink = Sink();
  ASSERT_NE(sink, nullptr);
  Document full = LibraryNotice(dir_.File("library.pdf"));
  ASSERT_TRUE(sink->WriteDocument(full).ok());
  // The same bytes through a pipeline that finds fewer records.
  Document fewer = full;
  fewer.records.resize(3);
  ASSERT_TRUE(sink->WriteDocument(fewer).ok());
  EXPECT_EQ(Rows(), JsonlLines({fewer}));
  EXPECT_EQ(Count("SELECT records FROM agendum_documents"), 4);
}

TEST_F(PostgresTest, HoldsOnlyWhatThisPipelineWrote) {
  auto p1 = Sink("p1");
  ASSERT_NE(p1, nullptr);
  Document library = LibraryNotice(dir_.File("library.pdf"));
  Document planning = PlanningMinutes(dir_.File("planning.pdf"));
  ASSERT_TRUE(p1->WriteDocument(library).ok());
  auto held = p1->Holds({library.sha256, planning.sha256});
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_EQ(*held, std::set<std::string>{library.sha256});
  auto p2 = Sink("p2");
  ASSERT_NE(p2, nullptr);
  auto none = p2->Holds({library.sha256});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

// Two writers at once, each over an overlapping half of the documents in
// its own order, several times over: every record ends up there exactly
// once, none is lost, and no writer sees an error (deadlocks are retried).
TEST_F(PostgresTest, ConcurrentWritersNeitherDuplicateNorLose) {
  std::vector<Document> docs;
  for (int i = 0; i < 24; ++i) {
    DocBuilder b(dir_.File("paper" + std::to_string(i) + ".pdf"), "bytes " + std::to_string(i),
                 "Minutes " + std::to_string(i));
    b.Type(DocType::kMinutes).Body("Cabinet").MeetingDate("2024-01-" + std::to_string(10 + i % 18));
    int item = b.Item(std::to_string(i), "Item " + std::to_string(i));
    int decision = b.Decision(item, "Decision " + std::to_string(i), "2024-02-01", "Cabinet");
    for (int k = 0; k < 5; ++k) {
      b.Resolution(decision, std::to_string(k), "That motion " + std::to_string(k) + " be agreed.");
    }
    docs.push_back(b.doc());
  }
  ASSERT_NE(Sink(), nullptr);  // tables made once, before the race
  auto writer = [&](int first, int last, bool backwards, std::vector<std::string>* errors) {
    auto sink = Sink();
    if (!sink) return;
    for (int round = 0; round < 3; ++round) {
      for (int n = 0; n <= last - first; ++n) {
        int i = backwards ? last - n : first + n;
        Status st = sink->WriteDocument(docs[i]);
        if (!st.ok()) errors->push_back(st.ToString());
      }
    }
  };
  std::vector<std::string> errors_a, errors_b;
  std::thread a(writer, 0, 15, false, &errors_a);
  std::thread b(writer, 8, 23, true, &errors_b);
  a.join();
  b.join();
  EXPECT_TRUE(errors_a.empty()) << errors_a.front();
  EXPECT_TRUE(errors_b.empty()) << errors_b.front();
  EXPECT_EQ(Rows(), JsonlLines(docs));
  EXPECT_EQ(Count("SELECT count(*) FROM agendum_records"), 24 * 8);
  EXPECT_EQ(Count("SELECT count(*) FROM agendum_documents"), 24);
}

// The same QueryOptions on the SQLite index and on the register give the
// same records; by date, in the same order.
TEST_F(PostgresTest, QueryAnswersAsTheSqliteIndex) {
  std::vector<Document> docs = {LibraryNotice(dir_.File("library.pdf")),
                                PlanningMinutes(dir_.File("planning.pdf")),
                                CouncilMinutes(dir_.File("council.txt"))};
  auto sink = Sink();
  ASSERT_NE(sink, nullptr);
  for (const Document& d : docs) ASSERT_TRUE(sink->WriteDocument(d).ok());
  const std::string sqlite_path = dir_.File("index.sqlite");
  IndexAll(sqlite_path, docs);
  auto sqlite = OpenRecordQuery(sqlite_path);
  ASSERT_TRUE(sqlite.ok()) << sqlite.status().ToString();
  auto postgres = OpenRecordQuery(server_->url());
  ASSERT_TRUE(postgres.ok()) << postgres.status().ToString();

  struct Case {
    const char* name;
    QueryOptions options;
  };
  auto with = [](auto set) {
    QueryOptions q;
    q.limit = 0;
    set(q);
    return q;
  };
  std::vector<Case> cases = {
      {"everything", with([](QueryOptions&) {})},
      {"word", with([](QueryOptions& q) { q.text = "library"; })},
      {"stemmed", with([](QueryOptions& q) { q.text = "closing"; })},
      {"phrase", with([](QueryOptions& q) { q.text = "\"site visit\""; })},
      {"or", with([](QueryOptions& q) { q.text = "budget OR library"; })},
      {"not", with([](QueryOptions& q) { q.text = "library NOT eastgate"; })},
      {"prefix", with([](QueryOptions& q) { q.text = "resid*"; })},
      {"group", with([](QueryOptions& q) { q.text = "(budget OR homes) AND council"; })},
      {"kind", with([](QueryOptions& q) { q.kind = Kind::kResolution; })},
      {"dates", with([](QueryOptions& q) { q.from = "2023-01-01"; q.to = "2023-12-31"; })},
      {"maker", with([](QueryOptions& q) { q.decision_maker = "cabinet"; })},
      {"topic", with([](QueryOptions& q) { q.topic = Topic::kHousing; })},
      {"doc type", with([](QueryOptions& q) { q.doc_type = DocType::kMinutes; })},
      {"key", with([](QueryOptions& q) { q.key_decision = true; })},
      {"outcome", with([](QueryOptions& q) { q.outcome = OutcomeClass::kDeferred; })},
      {"text and facets", with([](QueryOptions& q) {
         q.text = "library";
         q.kind = Kind::kResolution;
         q.decision_maker = "Cabinet";
       })},
      {"by date", with([](QueryOptions& q) {
         q.text = "library OR homes";
         q.sort = QuerySort::kDate;
       })},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto a = (*sqlite)->Run(c.options);
    auto b = (*postgres)->Run(c.options);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ASSERT_EQ(a->table.columns.size(), b->table.columns.size());
    auto ids = [](const QueryResult& r) {
      std::vector<std::string> out;
      for (const auto& row : r.table.rows) out.push_back(row[9].value.value_or(""));
      return out;
    };
    std::vector<std::string> from_sqlite = ids(*a), from_postgres = ids(*b);
    EXPECT_FALSE(from_sqlite.empty());
    if (c.options.text.empty() || c.options.sort == QuerySort::kDate) {
      EXPECT_EQ(from_postgres, from_sqlite);
    } else {
      std::sort(from_sqlite.begin(), from_sqlite.end());
      std::sort(from_postgres.begin(), from_postgres.end());
      EXPECT_EQ(from_postgres, from_sqlite);
    }
  }
  // A limit, and what it leaves out.
  QueryOptions limited;
  limited.limit = 2;
  auto some = (*postgres)->Run(limited);
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(some->table.rows.size(), 2u);
  EXPECT_TRUE(some->truncated);
  // Matches are marked in the snippet as on SQLite.
  QueryOptions word;
  word.text = "eastgate";
  auto marked = (*postgres)->Run(word);
  ASSERT_TRUE(marked.ok());
  ASSERT_FALSE(marked->table.rows.empty());
  EXPECT_NE(marked->table.rows[0][7].value->find(std::string(1, kMatchBegin) + "Eastgate"),
            std::string::npos);
  // A malformed query is the user's mistake.
  QueryOptions bad;
  bad.text = "(library";
  auto error = (*postgres)->Run(bad);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(error.status().message().find("cannot search for '(library'"), std::string::npos);
}

TEST(PostgresOpenTest, UnreachableServerIsASetupError) {
  // Port 1 on loopback: nothing listens there.
  auto sink = PostgresSink::Open("postgresql://agendum@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(sink.ok());
  EXPECT_EQ(sink.status().code(), StatusCode::kSetup);
  EXPECT_NE(sink.status().message().find("cannot connect to PostgreSQL"), std::string::npos);
  auto query = OpenRecordQuery("postgresql://agendum@127.0.0.1:1/none?connect_timeout=2");
  ASSERT_FALSE(query.ok());
  EXPECT_EQ(query.status().code(), StatusCode::kSetup);
}

}  // namespace
}  // namespace agendum
