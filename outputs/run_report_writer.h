// RunReportWriter: DIR/run-report.json, what happened to every input file.
//
// Per file: status (ok, failed, skipped), the reason, pages, records by kind,
// warnings and milliseconds; then totals including pages per second. Keeps
// one small entry per file, never the documents.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "pipeline/stage.h"

namespace agendum {

class RunReportWriter : public Writer {
 public:
  RunReportWriter(std::string path, int jobs, std::vector<std::string> skipped,
                  std::vector<std::string> missing);
  const char* name() const override { return "report"; }
  Status Begin() override;
  Status Write(const Document& doc, const FileResult& result) override;
  Status Finish() override;

  // Lists the files in this order (the input order) whatever order they
  // were processed in; files not in it come last, as processed.
  void set_order(std::vector<std::string> paths) { order_ = std::move(paths); }

  int failed() const { return failed_; }
  int processed() const { return processed_; }

 private:
  std::string path_;
  int jobs_;
  std::vector<std::string> skipped_;
  std::vector<std::string> missing_;
  std::vector<std::string> entries_;  // serialised JSON objects
  std::vector<std::string> entry_paths_;  // the file of each entry
  std::vector<std::string> order_;
  int processed_ = 0;
  int failed_ = 0;
  long pages_ = 0;
  std::map<std::string, long> records_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace agendum
