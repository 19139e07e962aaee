// JsonlWriter: DIR/records.jsonl, one `agendum/1` record per line.
//
// Streams each document's records to DIR/records.jsonl.tmp as it finishes and
// renames it into place at Finish, so a reader never sees a half-written file.
// Failed files contribute no records (they are in the run report).
#pragma once

#include <cstdio>
#include <string>

#include "pipeline/stage.h"

namespace agendum {

class JsonlWriter : public Writer {
 public:
  explicit JsonlWriter(std::string path) : path_(std::move(path)) {}
  ~JsonlWriter() override;
  const char* name() const override { return "jsonl"; }
  Status Begin() override;
  Status Write(const Document& doc, const FileResult& result) override;
  Status Finish() override;

 private:
  std::string path_;
  std::string tmp_path_;
  std::FILE* out_ = nullptr;
};

// Writes `contents` to `path` through a temporary file and rename(2).
Status WriteFileAtomically(const std::string& path, const std::string& contents);

}  // namespace agendum
