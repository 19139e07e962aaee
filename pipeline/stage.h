// Stage interfaces: how extractors, classifiers and writers meet the runner.
//
// An Extractor appends records of its kind to a Document; a Classifier fills
// its own fields on records (and on the document); both are built once per
// run from the corpus data and shared by every worker thread, so Run must be
// const and keep no per-document state.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"
#include "pipeline/status.h"

namespace agendum {

class Extractor {
 public:
  virtual ~Extractor() = default;
  virtual const char* name() const = 0;
  // Appends records to doc->records. Errors are per document.
  virtual Status Run(Document* doc) const = 0;
};

class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual const char* name() const = 0;
  // Fills this classifier's fields (and their `why`) on doc and its records.
  virtual Status Run(Document* doc) const = 0;
};

using ExtractorList = std::vector<std::unique_ptr<const Extractor>>;
using ClassifierList = std::vector<std::unique_ptr<const Classifier>>;

}  // namespace agendum

namespace agendum {

// What the runner knows about one input file once it is done.
struct FileResult {
  std::string path;
  Status status;
  double milliseconds = 0;
  std::map<std::string, double> timings;  // per stage
};

// Receives finished documents one at a time, in input order, on one thread.
class Writer {
 public:
  virtual ~Writer() = default;
  virtual const char* name() const = 0;
  // Called once before the first document.
  virtual Status Begin() { return Status::Ok(); }
  // `doc` is complete when result.status is ok; otherwise it holds what
  // ingest learnt (path, sha256) and the writer records the failure.
  virtual Status Write(const Document& doc, const FileResult& result) = 0;
  // Called once after the last document; makes the output visible atomically.
  virtual Status Finish() { return Status::Ok(); }
};

}  // namespace agendum
