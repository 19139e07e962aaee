// SqliteIndexWriter across runs: unchanged files, changed files, pruning,
// interrupted runs and failed files (issue 6).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outputs/index_query.h"
#include "outputs/sqlite_index_writer.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::Count;
using index_testing::IndexAll;
using index_testing::LibraryNotice;
using index_testing::OpenForChecks;
using index_testing::PlanningMinutes;
using index_testing::ReadFile;
using index_testing::Rows;
using index_testing::ScratchDir;

// What a run leaves behind for one document: keys and lines.
std::vector<std::string> Snapshot(const std::string& db_path, const std::string& doc_path) {
  auto db = OpenForChecks(db_path);
  if (!db) return {};
  return Rows(*db, "SELECT r.record_key || ' ' || r.json FROM records r JOIN documents d "
                   "ON d.doc_key = r.doc_key WHERE d.path = '" + doc_path + "' ORDER BY r.seq");
}

int64_t SearchHits(const std::string& db_path, const std::string& text) {
  auto query = IndexQuery::Open(db_path);
  EXPECT_TRUE(query.ok());
  if (!query.ok()) return -1;
  QueryOptions options;
  options.text = text;
  options.limit = 0;
  auto result = (*query)->Run(options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? static_cast<int64_t>(result->table.rows.size()) : -1;
}

TEST(IndexIncrementalTest, ReportsTheShaOfEveryIndexedFile) {
  ScratchDir dir;
  std::string path = dir.File("i.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  Document b = PlanningMinutes(dir.File("b.pdf"));
  IndexAll(path, {a, b});
  auto writer = SqliteIndexWriter::Open(path);
  ASSERT_TRUE(writer.ok());
  auto shas = (*writer)->IndexedShas();
  ASSERT_TRUE(shas.ok());
  EXPECT_EQ(*shas, (std::map<std::string, std::string>{{a.path, a.sha256}, {b.path, b.sha256}}));
}

TEST(IndexIncrementalTest, RerunWithNothingChangedRewritesNothing) {
  ScratchDir dir;
  std::string path = dir.File("u.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  IndexAll(path, {a});
  std::string before = ReadFile(path);
  std::vector<std::string> rows_before = Snapshot(path, a.path);
  {
    // What `agendum run` does when every input's sha is already indexed:
    // no Write at all, then Finish.
    auto writer = SqliteIndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    auto shas = (*writer)->IndexedShas();
    ASSERT_TRUE(shas.ok());
    ASSERT_EQ((*shas)[a.path], a.sha256);
    ASSERT_TRUE((*writer)->Begin().ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    EXPECT_EQ((*writer)->documents_written(), 0);
  }
  EXPECT_EQ(Snapshot(path, a.path), rows_before);
  EXPECT_TRUE(ReadFile(path) == before) << "the index file changed on an unchanged re-run";
}

TEST(IndexIncrementalTest, ChangedFileReplacesOnlyItsRecords) {
  ScratchDir dir;
  std::string path = dir.File("c.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"), "library v1");
  Document b = PlanningMinutes(dir.File("b.pdf"));
  IndexAll(path, {a, b});
  std::vector<std::string> b_before = Snapshot(path, b.path);
  ASSERT_EQ(SearchHits(path, "Westgate"), 3);

  // The library notice is re-issued: new bytes, other records.
  index_testing::DocBuilder changed(a.path, "library v2", "Decision notice: Future of Eastgate Library");
  changed.Type(DocType::kDecisionNotice).Body("Cabinet").MeetingDate("2024-04-01");
  int item = changed.Item("3", "Future of Eastgate Library");
  changed.Decision(item, "Future of Eastgate Library", "2024-04-01", "Cabinet");
  {
    auto writer = SqliteIndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    auto shas = (*writer)->IndexedShas();
    ASSERT_TRUE(shas.ok());
    EXPECT_NE((*shas)[a.path], changed.doc().sha256);
    ASSERT_TRUE((*writer)->Begin().ok());
    FileResult result;
    result.path = a.path;
    ASSERT_TRUE((*writer)->Write(changed.doc(), result).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
    EXPECT_EQ((*writer)->documents_written(), 1);
  }
  EXPECT_EQ(Snapshot(path, b.path), b_before);
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_EQ(Rows(*db, "SELECT sha256 FROM documents WHERE path = '" + a.path + "'"),
            (std::vector<std::string>{changed.doc().sha256}));
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM resolutions"), 1);  // b's only
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM options"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM search"), Count(*db, "SELECT COUNT(*) FROM records"));
  EXPECT_TRUE(Rows(*db, "SELECT \"table\" FROM pragma_foreign_key_check").empty());
  EXPECT_EQ(SearchHits(path, "Westgate"), 0);
  EXPECT_EQ(SearchHits(path, "Eastgate"), 3);
}

TEST(IndexIncrementalTest, PruneRemovesDocumentsWhoseFilesAreGone) {
  ScratchDir dir;
  std::string path = dir.File("p.sqlite");
  std::string a_path = dir.Write("papers/a.pdf", "library v1");
  std::string b_path = dir.Write("papers/b.pdf", "planning v1");
  IndexAll(path, {LibraryNotice(a_path), PlanningMinutes(b_path)});
  std::filesystem::remove(a_path);
  std::vector<std::string> b_before = Snapshot(path, b_path);
  {
    auto writer = SqliteIndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    auto pruned = (*writer)->PruneMissingFiles();
    ASSERT_TRUE(pruned.ok());
    EXPECT_EQ(*pruned, std::vector<std::string>{a_path});
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(Rows(*db, "SELECT path FROM documents"), std::vector<std::string>{b_path});
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM decisions"), 1);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM options"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM search"), Count(*db, "SELECT COUNT(*) FROM records"));
  EXPECT_EQ(Snapshot(path, b_path), b_before);
}

TEST(IndexIncrementalTest, InterruptedRunIsCompletedByTheNextRun) {
  ScratchDir dir;
  std::string path = dir.File("k.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  Document b = PlanningMinutes(dir.File("b.pdf"));
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The killed run: a is committed, b's transaction is open when the
    // process dies (no Finish, no destructors, no rollback).
    auto writer = SqliteIndexWriter::Open(path);
    if (!writer.ok()) _exit(3);
    FileResult result;
    result.path = a.path;
    if (!(*writer)->Write(a, result).ok()) _exit(4);
    auto raw = SqliteDb::Open(path, SqliteDb::Mode::kReadWriteCreate);
    if (!raw.ok()) _exit(5);
    if (!(*raw)->Exec("BEGIN IMMEDIATE; INSERT INTO documents(id, path, sha256, pipeline, format, "
                      "title, doc_type, warnings, text, span) VALUES('doc-x', '" + b.path +
                      "', 'x', 'unspecified', 'pdf', 'half', 'other', '[]', 'half', '[0,0]')")
             .ok()) {
      _exit(6);
    }
    _exit(0);
  }
  int wstatus = 0;
  ASSERT_EQ(waitpid(child, &wstatus, 0), child);
  ASSERT_TRUE(WIFEXITED(wstatus));
  ASSERT_EQ(WEXITSTATUS(wstatus), 0);

  {
    auto writer = SqliteIndexWriter::Open(path);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    auto shas = (*writer)->IndexedShas();
    ASSERT_TRUE(shas.ok());
    EXPECT_EQ(*shas, (std::map<std::string, std::string>{{a.path, a.sha256}}));
    // The next run skips a and does b.
    ASSERT_TRUE((*writer)->Begin().ok());
    FileResult result;
    result.path = b.path;
    ASSERT_TRUE((*writer)->Write(b, result).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }

  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(Rows(*db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_TRUE(Rows(*db, "SELECT \"table\" FROM pragma_foreign_key_check").empty());
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM documents"), 2);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM records"),
            static_cast<int64_t>(2 + a.records.size() + b.records.size()));
}

TEST(IndexIncrementalTest, FailedFileDropsItsStaleRecords) {
  ScratchDir dir;
  std::string path = dir.File("f.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  IndexAll(path, {a});
  {
    auto writer = SqliteIndexWriter::Open(path);
    ASSERT_TRUE(writer.ok());
    Document broken;
    broken.path = a.path;
    FileResult result;
    result.path = a.path;
    result.status = Status::Corrupt("no PDF header");
    ASSERT_TRUE((*writer)->Write(broken, result).ok());
    EXPECT_EQ((*writer)->documents_removed(), 1);
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  auto db = OpenForChecks(path);
  ASSERT_TRUE(db);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM records"), 0);
  EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM search"), 0);
}

TEST(IndexIncrementalTest, DocumentsFromAnotherPipelineCountAsChanged) {
  ScratchDir dir;
  std::string path = dir.File("v.sqlite");
  Document a = LibraryNotice(dir.File("a.pdf"));
  IndexOptions old_pipeline;
  old_pipeline.pipeline = "agendum 0.1.0 patterns 1";
  IndexAll(path, {a}, old_pipeline);
  IndexOptions new_pipeline;
  new_pipeline.pipeline = "agendum 0.1.0 patterns 2";
  auto writer = SqliteIndexWriter::Open(path, new_pipeline);
  ASSERT_TRUE(writer.ok());
  auto shas = (*writer)->IndexedShas();
  ASSERT_TRUE(shas.ok());
  EXPECT_TRUE(shas->empty());
  auto same = SqliteIndexWriter::Open(path, old_pipeline);
  ASSERT_TRUE(same.ok());
  auto old_shas = (*same)->IndexedShas();
  ASSERT_TRUE(old_shas.ok());
  EXPECT_EQ(old_shas->size(), 1u);
}

}  // namespace
}  // namespace agendum
