// SqliteIndexWriter: DIR/agendum.sqlite, the searchable index of a run.
//
// One table per record kind (documents, items, decisions, resolutions,
// recommendations, options, actions) with every `agendum/1` field as a column
// (lists and `why` as JSON), a `records` table joining them that carries the
// exact records.jsonl line and the facets each record inherits from its
// decision and document (date, decision maker, key decision, outcome, topics,
// doc_type, item), and an FTS5 table `search` (porter stemming) over record
// text and titles. The schema, with a comment per table, opens
// sqlite_index_writer.cc.
//
// The index is incremental: each document goes in, replacing any earlier
// version at the same path, inside one transaction, so a run that is killed
// leaves every document either fully old or fully new. `IndexedShas` tells
// the CLI which inputs are unchanged so it can skip them.
// Used from one thread (the runner's writer thread).
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/stage.h"

namespace agendum {

class SqliteDb;

// What the index knows of one input file (SqliteIndexWriter::CheckFiles).
struct FileCheck {
  // The file holds exactly the bytes this pipeline last processed.
  bool unchanged = false;
  // When unchanged and those bytes failed the last time, why ("empty: no
  // text layer ..."): failures that would recur (empty, corrupt, encrypted,
  // too large, a crash in Poppler) are remembered, not retried.
  std::string failure;
};

struct IndexOptions {
  // Identifies the pipeline (version, corpus data, options) that made the
  // records. A document indexed by a different pipeline counts as changed.
  std::string pipeline = "unspecified";
  // How long a file's status must have been still before its stamp is
  // trusted (file times come from a coarse clock; a write in the same tick
  // as a read must not hide behind the stamp). Tests set zero.
  std::chrono::nanoseconds stamp_settle = std::chrono::seconds(1);
};

class SqliteIndexWriter : public Writer {
 public:
  // Opens or creates the index at `path` and brings its tables up to date.
  // kSetup when the file is an index of an incompatible layout, kCorrupt when
  // it is not a database.
  static StatusOr<std::unique_ptr<SqliteIndexWriter>> Open(const std::string& path,
                                                           IndexOptions options = {});
  ~SqliteIndexWriter() override;

  const char* name() const override { return "index"; }
  // A failed file's earlier records are removed: its bytes changed (or it
  // would have been skipped) and they no longer describe it. A failure that
  // would recur on the same bytes is remembered for CheckFiles.
  Status Write(const Document& doc, const FileResult& result) override;
  // Merges the full-text index and leaves a single database file.
  Status Finish() override;

  // Adds or replaces `doc` (keyed by its path) in one transaction.
  Status IndexDocument(const Document& doc);
  // Removes the document at `path` with all its records; ok when absent.
  Status RemoveDocument(const std::string& path);

  // path -> sha256 of every document indexed by this pipeline.
  StatusOr<std::map<std::string, std::string>> IndexedShas();
  // Removes documents whose file no longer exists; returns their paths.
  StatusOr<std::vector<std::string>> PruneMissingFiles();
  // Writes the stored records.jsonl lines of the documents at `paths`, in
  // that order, to `out_path` through a temporary file and rename. Paths
  // that are not indexed contribute nothing.
  // The file is left alone when it is still what these paths give: nothing
  // in the index changed since it was written and it was not touched.
  Status WriteRecordsJsonl(const std::vector<std::string>& paths, const std::string& out_path);
  // Forgets which records files are current, so the index's bytes do not
  // depend on them (`agendum merge` builds the same index every time).
  Status ForgetRecordsFiles();

  // For each of `paths`, whether it holds exactly the bytes this pipeline
  // indexed, or failed on, for it. A file whose size, inode, modification
  // and status-change times match the stamp kept when its bytes were last
  // hashed counts as unchanged without being read, so a re-run over a large
  // archive reads nothing (issue 7); any other known file is read and
  // hashed, and stamped once its status has not changed for a second. A path
  // the index does not know, or that cannot be read, is changed.
  StatusOr<std::vector<FileCheck>> CheckFiles(const std::vector<std::string>& paths);
  // The SHA-256 of each of `paths` ("" when it cannot be read): from its
  // stamp when the file still matches it, else read, hashed and stamped
  // once settled. For deciding shards without reading the corpus again.
  StatusOr<std::vector<std::string>> ContentShas(const std::vector<std::string>& paths);
  // Stamps the indexed files among `paths` whose status last changed at
  // least a second before `run_start`: their bytes cannot have changed since
  // the run read them. Call after a run with the files it processed.
  Status StampFiles(const std::vector<std::string>& paths,
                    std::chrono::system_clock::time_point run_start);
  // Paths of every indexed document, in no particular order.
  StatusOr<std::vector<std::string>> DocumentPaths();
  // Copies every document of the index at `other_path` into this one,
  // replacing documents at the same paths, each with its records, facets,
  // topics, full text and pipeline exactly as there (`agendum merge`), in
  // one transaction. File stamps are not copied: they describe files on the
  // machine that made them. Returns the number of documents copied.
  StatusOr<int> MergeFrom(const std::string& other_path);

  // Documents added or replaced since Open.
  int documents_written() const { return documents_written_; }
  int documents_removed() const { return documents_removed_; }
  // Files CheckFiles had to read and hash since Open.
  int files_hashed() const { return files_hashed_; }
  // Seconds spent in Write since Open (for --timings).
  double write_seconds() const { return write_seconds_; }

 private:
  struct Impl;
  explicit SqliteIndexWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  int documents_written_ = 0;
  int documents_removed_ = 0;
  int files_hashed_ = 0;
  double write_seconds_ = 0;
};

// The default index path for an output folder: DIR/agendum.sqlite.
std::string DefaultIndexPath(const std::string& out_dir);

}  // namespace agendum
