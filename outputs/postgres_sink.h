// PostgresSink: `agendum run --sink postgresql://...`, a register shared by
// many users and written by many workers.
//
// The same records as records.jsonl go into two tables, created on first
// use: agendum_documents (one row per document, keyed by its id) and
// agendum_records (every record, the document record first, keyed by record
// id, with the facets each record inherits as in the SQLite index, the exact
// records.jsonl line, and `search`, a weighted tsvector over title and text
// with a GIN index). Record ids come from the bytes of the file, so writers
// that meet the same paper (two shards, two councils' folders) write the
// same rows: each document goes in as upserts inside one transaction that
// first takes a lock on the document's id, and records an earlier pipeline
// made for it that this one no longer makes are deleted in the same
// transaction. Readers see a document fully old or fully new. A transaction
// that loses a deadlock or serialization race is run again (three tries).
// Failed files write nothing. Used from one thread (the runner's writer).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "pipeline/stage.h"

namespace agendum {

class PostgresDb;

struct PostgresSinkOptions {
  // Identifies the pipeline that made the records (see IndexOptions).
  std::string pipeline = "unspecified";
};

class PostgresSink : public Writer {
 public:
  // Connects and creates the tables when missing. kSetup when the server
  // cannot be reached or holds tables of another layout.
  static StatusOr<std::unique_ptr<PostgresSink>> Open(const std::string& url,
                                                      PostgresSinkOptions options = {});
  ~PostgresSink() override;

  const char* name() const override { return "postgresql"; }
  Status Write(const Document& doc, const FileResult& result) override;
  // Upserts `doc` and its records in one transaction.
  Status WriteDocument(const Document& doc);

  // The documents among `sha256s` the register holds as made by this pipeline.
  StatusOr<std::set<std::string>> Holds(const std::vector<std::string>& sha256s);

  int documents_written() const { return documents_written_; }
  // Seconds spent in Write since Open (for --timings).
  double write_seconds() const { return write_seconds_; }

 private:
  PostgresSink(std::unique_ptr<PostgresDb> db, PostgresSinkOptions options);
  std::unique_ptr<PostgresDb> db_;
  PostgresSinkOptions options_;
  int documents_written_ = 0;
  double write_seconds_ = 0;
};

}  // namespace agendum
