// The index at scale (issue 7): file stamps that let a re-run skip reading
// unchanged files, remembered failures, a records file left alone while it
// is current, and MergeFrom for `agendum merge`.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>

#include "outputs/index_query.h"
#include "outputs/sqlite_db.h"
#include "outputs/sqlite_index_writer.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;
using index_testing::DocBuilder;
using index_testing::LibraryNotice;
using index_testing::PlanningMinutes;
using index_testing::ReadFile;
using index_testing::ScratchDir;

// Stamps trusted at once, so tests need not wait for files to settle.
IndexOptions Immediate() {
  IndexOptions options;
  options.pipeline = "p1";
  options.stamp_settle = std::chrono::nanoseconds(0);
  return options;
}

std::unique_ptr<SqliteIndexWriter> OpenIndex(const std::string& path,
                                             IndexOptions options = Immediate()) {
  auto index = SqliteIndexWriter::Open(path, options);
  EXPECT_TRUE(index.ok()) << index.status().ToString();
  return index.ok() ? std::move(index).value() : nullptr;
}

int64_t Count(const std::string& db_path, const std::string& sql) {
  auto db = SqliteDb::Open(db_path, SqliteDb::Mode::kReadOnly);
  EXPECT_TRUE(db.ok());
  if (!db.ok()) return -1;
  auto stmt = (*db)->Prepare(sql);
  EXPECT_TRUE(stmt.ok()) << sql;
  if (!stmt.ok()) return -1;
  auto row = stmt->Step();
  return row.ok() && *row ? stmt->ColumnInt(0) : -1;
}

class IndexScaleTest : public ::testing::Test {
 protected:
  // A file on disk and its document, indexed.
  std::string IndexFile(SqliteIndexWriter* index, const std::string& name,
                        const std::string& bytes) {
    std::string path = dir_.Write(name, bytes);
    EXPECT_TRUE(index->IndexDocument(LibraryNotice(path, bytes)).ok());
    return path;
  }

  std::vector<FileCheck> Check(SqliteIndexWriter* index, const std::vector<std::string>& paths) {
    auto checks = index->CheckFiles(paths);
    EXPECT_TRUE(checks.ok()) << checks.status().ToString();
    return checks.ok() ? *checks : std::vector<FileCheck>(paths.size());
  }

  ScratchDir dir_;
};

TEST_F(IndexScaleTest, StampedFileIsNotReadAgain) {
  auto index = OpenIndex(dir_.File("i.sqlite"));
  std::string path = IndexFile(index.get(), "a.pdf", "library v1");
  std::string unknown = dir_.Write("b.pdf", "never indexed");
  auto first = Check(index.get(), {path, unknown, dir_.File("gone.pdf")});
  EXPECT_TRUE(first[0].unchanged);
  EXPECT_TRUE(first[0].failure.empty());
  EXPECT_FALSE(first[1].unchanged);
  EXPECT_FALSE(first[2].unchanged);
  EXPECT_EQ(index->files_hashed(), 1);
  EXPECT_TRUE(Check(index.get(), {path})[0].unchanged);
  EXPECT_EQ(index->files_hashed(), 1) << "the stamp answered without reading the file";
}

TEST_F(IndexScaleTest, ContentShasComeFromStampsOnceKnown) {
  auto index = OpenIndex(dir_.File("i.sqlite"));
  std::string a = dir_.Write("a.pdf", "other shard's paper");
  std::string b = dir_.Write("b.pdf", "another one");
  auto first = index->ContentShas({a, b, dir_.File("gone.pdf")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(*first, (std::vector<std::string>{Sha256Hex("other shard's paper"),
                                              Sha256Hex("another one"), ""}));
  EXPECT_EQ(index->files_hashed(), 2);
  auto second = index->ContentShas({a, b});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ((*second)[0], (*first)[0]);
  EXPECT_EQ(index->files_hashed(), 2) << "answered from the stamps";
  // Not documents: CheckFiles does not take them as unchanged.
  EXPECT_FALSE(Check(index.get(), {a})[0].unchanged);
  // A stamp of a file that is gone is pruned quietly.
  fs::remove(b);
  auto pruned = index->PruneMissingFiles();
  ASSERT_TRUE(pruned.ok());
  EXPECT_TRUE(pruned->empty());
  EXPECT_EQ(Count(dir_.File("i.sqlite"), "SELECT count(*) FROM file_stamps"), 1);
}

TEST_F(IndexScaleTest, NewBytesBehindAnOldTimeAreSeen) {
  auto index = OpenIndex(dir_.File("i.sqlite"));
  std::string path = IndexFile(index.get(), "a.pdf", "library v1");
  ASSERT_TRUE(Check(index.get(), {path})[0].unchanged);
  auto when = fs::last_write_time(path);
  dir_.Write("a.pdf", "library v2");  // same size
  fs::last_write_time(path, when);
  EXPECT_FALSE(Check(index.get(), {path})[0].unchanged);
  EXPECT_EQ(index->files_hashed(), 2);
}

TEST_F(IndexScaleTest, FileChangedJustNowIsNotStamped) {
  IndexOptions options = Immediate();
  options.stamp_settle = std::chrono::hours(1);
  auto index = OpenIndex(dir_.File("i.sqlite"), options);
  std::string path = IndexFile(index.get(), "a.pdf", "library v1");
  EXPECT_TRUE(Check(index.get(), {path})[0].unchanged);
  EXPECT_TRUE(Check(index.get(), {path})[0].unchanged);
  EXPECT_EQ(index->files_hashed(), 2) << "read both times: too recent to trust a stamp";
  EXPECT_EQ(Count(dir_.File("i.sqlite"), "SELECT count(*) FROM file_stamps"), 0);
}

TEST_F(IndexScaleTest, StampFilesAfterARunTrustsOnlySettledFiles) {
  auto index = OpenIndex(dir_.File("i.sqlite"));
  std::string path = IndexFile(index.get(), "a.pdf", "library v1");
  // A run that started before the file last changed proves nothing.
  ASSERT_TRUE(index->StampFiles({path}, std::chrono::system_clock::now() - std::chrono::hours(1)).ok());
  EXPECT_EQ(Count(dir_.File("i.sqlite"), "SELECT count(*) FROM file_stamps"), 0);
  ASSERT_TRUE(index->StampFiles({path, dir_.File("never.pdf")}, std::chrono::system_clock::now()).ok());
  EXPECT_EQ(Count(dir_.File("i.sqlite"), "SELECT count(*) FROM file_stamps"), 1);
  EXPECT_TRUE(Check(index.get(), {path})[0].unchanged);
  EXPECT_EQ(index->files_hashed(), 0);
  // Reindexing the document drops its stamp.
  ASSERT_TRUE(index->IndexDocument(LibraryNotice(path, "library v1")).ok());
  EXPECT_EQ(Count(dir_.File("i.sqlite"), "SELECT count(*) FROM file_stamps"), 0);
}

TEST_F(IndexScaleTest, FailuresThatWouldRecurAreRemembered) {
  auto index = OpenIndex(dir_.File("i.sqlite"));
  struct Case {
    StatusCode code;
    bool remembered;
  } cases[] = {
      {StatusCode::kEmpty, true},     {StatusCode::kCorrupt, true},
      {StatusCode::kEncrypted, true}, {StatusCode::kCrashed, true},
      {StatusCode::kTimedOut, false}, {StatusCode::kOutOfMemory, false},
      {StatusCode::kIoError, false},
  };
  int n = 0;
  for (const Case& c : cases) {
    SCOPED_TRACE(StatusCodeName(c.code));
    std::string bytes = "scanned " + std::to_string(n);
    std::string path = dir_.Write("f" + std::to_string(n++) + ".pdf", bytes);
    Document doc = DocBuilder(path, bytes, "").doc();
    FileResult result;
    result.path = path;
    result.status = Status(c.code, "no text layer");
    ASSERT_TRUE(index->Write(doc, result).ok());
    FileCheck check = Check(index.get(), {path})[0];
    EXPECT_EQ(check.unchanged, c.remembered);
    if (c.remembered) {
      EXPECT_EQ(check.failure, Status(c.code, "no text layer").ToString());
      // New bytes are tried again.
      dir_.Write(path.substr(dir_.path().size() + 1), bytes + " repaired");
      EXPECT_FALSE(Check(index.get(), {path})[0].unchanged);
    }
  }
}

TEST_F(IndexScaleTest, CurrentRecordsFileIsLeftAlone) {
  const std::string out = dir_.File("records.jsonl");
  auto index = OpenIndex(dir_.File("i.sqlite"));
  std::string a = IndexFile(index.get(), "a.pdf", "library v1");
  ASSERT_TRUE(index->WriteRecordsJsonl({a}, out).ok());
  const std::string first = ReadFile(out);
  struct stat before {};
  ASSERT_EQ(::stat(out.c_str(), &before), 0);

  // Nothing changed: the file is not rewritten (same inode, the rename
  // would give a new one).
  auto reopened = OpenIndex(dir_.File("i.sqlite"));
  ASSERT_TRUE(reopened->WriteRecordsJsonl({a}, out).ok());
  struct stat after {};
  ASSERT_EQ(::stat(out.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);

  // Another set of paths, a change to the index, or a hand edit: rewritten.
  std::string b = dir_.Write("b.pdf", "planning v1");
  ASSERT_TRUE(reopened->WriteRecordsJsonl({a, b}, out).ok());
  EXPECT_EQ(ReadFile(out), first);
  ASSERT_TRUE(reopened->IndexDocument(PlanningMinutes(b)).ok());
  ASSERT_TRUE(reopened->WriteRecordsJsonl({a, b}, out).ok());
  EXPECT_GT(ReadFile(out).size(), first.size());
  const std::string both = ReadFile(out);
  dir_.Write("records.jsonl", "edited by hand\n");
  ASSERT_TRUE(reopened->WriteRecordsJsonl({a, b}, out).ok());
  EXPECT_EQ(ReadFile(out), both);
}

TEST_F(IndexScaleTest, MergeFromCopiesEveryRowAndKeepsLinks) {
  const std::string one = dir_.File("one.sqlite"), two = dir_.File("two.sqlite");
  {
    auto a = OpenIndex(one);
    ASSERT_TRUE(a->IndexDocument(LibraryNotice(dir_.File("library.pdf"))).ok());
    ASSERT_TRUE(a->IndexDocument(PlanningMinutes(dir_.File("shared.pdf"), "old bytes")).ok());
    auto b = OpenIndex(two);
    ASSERT_TRUE(b->IndexDocument(PlanningMinutes(dir_.File("planning.pdf"))).ok());
    ASSERT_TRUE(b->IndexDocument(PlanningMinutes(dir_.File("shared.pdf"), "new bytes")).ok());
  }
  const std::string merged = dir_.File("merged.sqlite");
  {
    auto m = OpenIndex(merged);
    auto copied = m->MergeFrom(one);
    ASSERT_TRUE(copied.ok()) << copied.status().ToString();
    EXPECT_EQ(*copied, 2);
    copied = m->MergeFrom(two);
    ASSERT_TRUE(copied.ok()) << copied.status().ToString();
    EXPECT_EQ(*copied, 2);
    ASSERT_TRUE(m->Finish().ok());
    auto missing = m->MergeFrom(dir_.File("none.sqlite"));
    EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
    std::string not_index = dir_.Write("not.sqlite", "");
    EXPECT_FALSE(m->MergeFrom(not_index).ok());
  }
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM documents"), 3);
  // The later shard's version of the shared path, with its records only.
  auto db = SqliteDb::Open(merged, SqliteDb::Mode::kReadOnly);
  ASSERT_TRUE(db.ok());
  auto sha = (*db)->Prepare("SELECT sha256 FROM documents WHERE path LIKE '%shared.pdf'");
  ASSERT_TRUE(sha.ok());
  auto row = sha->Step();
  ASSERT_TRUE(row.ok() && *row);
  EXPECT_EQ(sha->ColumnText(0), Sha256Hex("new bytes"));
  const int64_t library = 1 + static_cast<int64_t>(LibraryNotice("x").records.size());
  const int64_t planning = 1 + static_cast<int64_t>(PlanningMinutes("x").records.size());
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM records"), library + 2 * planning);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM search"), library + 2 * planning);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM search s LEFT JOIN records r ON r.record_key = "
                          "s.rowid WHERE r.record_key IS NULL"),
            0);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM records r JOIN records p ON p.record_key = "
                          "r.parent_key WHERE p.doc_key <> r.doc_key"),
            0);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM resolutions"), 3 + 2);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM record_topics"),
            Count(one, "SELECT count(*) FROM record_topics") +
                Count(two, "SELECT count(*) FROM record_topics") / 2);
  EXPECT_EQ(Count(merged, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  // And it answers queries.
  auto query = IndexQuery::Open(merged);
  ASSERT_TRUE(query.ok());
  QueryOptions q;
  q.text = "eastgate";
  auto found = (*query)->Run(q);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  EXPECT_EQ(found->table.rows.size(), 1u);
}

}  // namespace
}  // namespace agendum
