// Process isolation in the runner (issue 8): a file whose processing crashes,
// hangs, runs out of memory or throws costs that file only; the rest of the
// batch is written in input order, and exactly as the in-process runner
// writes it.
//
// A ChaosExtractor stands in for a Poppler bug: it misbehaves when the text
// of the document asks it to, so each test says in its input what goes wrong.
#include "pipeline/worker_pool.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "outputs/record_json.h"
#include "pipeline/runner.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

class ChaosExtractor : public Extractor {
 public:
  const char* name() const override { return "chaos"; }
  Status Run(Document* doc) const override {
    const std::string& text = doc->text;
    if (text.find("SEGFAULT") != std::string::npos) ::raise(SIGSEGV);
    if (text.find("ABORT") != std::string::npos) std::abort();
    if (text.find("HANG") != std::string::npos) {
      while (true) std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    if (text.find("ALLOCATE") != std::string::npos) {
      // Touched pages, 64 MB at a time, until the address-space limit says no.
      std::vector<std::unique_ptr<char[]>> blocks;
      while (true) {
        blocks.emplace_back(new char[64 << 20]);
        std::memset(blocks.back().get(), 1, 64 << 20);
      }
    }
    if (text.find("THROW") != std::string::npos) throw std::runtime_error("chaos");
    Record r;
    r.kind = Kind::kResolution;
    r.span = {0, text.size()};
    r.text = text;
    doc->Add(r);
    return Status::Ok();
  }
};

std::unique_ptr<Pipeline> ChaosPipeline() {
  auto corpus = CorpusData::Load(CorpusData::DefaultRoot());
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  ExtractorList extractors;
  extractors.push_back(std::make_unique<ChaosExtractor>());
  return std::make_unique<Pipeline>(*corpus, std::move(extractors), ClassifierList(),
                                    ClassifierList(), PipelineOptions());
}

std::unique_ptr<Pipeline> RealPipeline() {
  auto corpus = CorpusData::Load(CorpusData::DefaultRoot());
  EXPECT_TRUE(corpus.ok()) << corpus.status().ToString();
  auto extractors = MakeExtractors(*corpus);
  auto pre = MakePreClassifiers(*corpus);
  auto classifiers = MakeClassifiers(*corpus);
  EXPECT_TRUE(extractors.ok() && pre.ok() && classifiers.ok());
  return std::make_unique<Pipeline>(*corpus, std::move(*extractors), std::move(*pre),
                                    std::move(*classifiers), PipelineOptions());
}

// Keeps what each Write call saw, in call order.
class CollectingWriter : public Writer {
 public:
  struct Entry {
    std::string path;
    Status status;
    std::string sha256;
    std::string lines;  // records.jsonl lines; empty for a failure
  };
  const char* name() const override { return "collect"; }
  Status Begin() override {
    ++begins;
    return Status::Ok();
  }
  Status Write(const Document& doc, const FileResult& result) override {
    entries.push_back({result.path, result.status, doc.sha256,
                       result.status.ok() ? DocumentJsonLines(doc) : ""});
    return Status::Ok();
  }
  Status Finish() override {
    ++finishes;
    return Status::Ok();
  }
  std::vector<Entry> entries;
  int begins = 0;
  int finishes = 0;
};

struct Row {
  const char* name;
  const char* text;
  StatusCode code;
  const char* message;  // a part of the error message; "" for ok
};

TEST(WorkerPoolTest, EachFailureCostsItsFileOnly) {
  std::vector<Row> rows = {
      {"good1.txt", "RESOLVED that the minutes be approved.", StatusCode::kOk, ""},
      {"segfault.txt", "SEGFAULT in a crafted font", StatusCode::kCrashed, ""},
      {"good2.txt", "RESOLVED that the budget be approved.", StatusCode::kOk, ""},
      {"abort.txt", "ABORT in the xref parser", StatusCode::kCrashed, "signal 6 (SIGABRT)"},
      {"hang.txt", "HANG in a content stream loop", StatusCode::kTimedOut,
       "no result after 2 s"},
      {"throw.txt", "THROW from a library", StatusCode::kCorrupt, "internal error: chaos"},
      {"good3.txt", "RESOLVED that the report be noted.", StatusCode::kOk, ""},
  };
  if (WorkerMemoryLimitSupported()) {
    rows.insert(rows.begin() + 4, Row{"allocate.txt", "ALLOCATE a huge image",
                                      StatusCode::kOutOfMemory, "over the 512 MB limit"});
  }
  // Under AddressSanitizer a SIGSEGV is reported by its handler, which exits
  // with code 1 instead of dying by the signal.
  const char* segv = WorkerMemoryLimitSupported() ? "signal 11 (SIGSEGV)" : "";
  fixtures::TempDir dir;
  std::vector<InputFile> files;
  for (const Row& row : rows) files.push_back({dir.Write(row.name, row.text)});
  auto pipeline = ChaosPipeline();

  for (int jobs : {1, 3}) {
    SCOPED_TRACE("jobs " + std::to_string(jobs));
    CollectingWriter writer;
    RunOptions options;
    options.jobs = jobs;
    options.isolation = Isolation::kProcess;
    options.file_timeout_seconds = 2;
    options.file_memory_bytes = size_t{512} << 20;
    std::vector<std::string> seen;
    options.on_file = [&](const FileResult& r) { seen.push_back(r.path); };
    auto start = std::chrono::steady_clock::now();
    Status st = RunBatch(*pipeline, files, options, {&writer});
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(st.ok()) << st.ToString();
    EXPECT_EQ(writer.begins, 1);
    EXPECT_EQ(writer.finishes, 1);
    ASSERT_EQ(writer.entries.size(), rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const Row& row = rows[i];
      const CollectingWriter::Entry& e = writer.entries[i];
      SCOPED_TRACE(row.name);
      EXPECT_EQ(e.path, files[i].path) << "written in input order";
      EXPECT_EQ(seen[i], files[i].path);
      EXPECT_EQ(e.status.code(), row.code) << e.status.ToString();
      std::string expected = std::string(row.message).empty() && row.code == StatusCode::kCrashed
                                 ? segv
                                 : row.message;
      EXPECT_NE(e.status.message().find(expected), std::string::npos) << e.status.ToString();
      // The failed file is still named by its bytes in the report and index.
      EXPECT_EQ(e.sha256.size(), 64u);
      if (row.code == StatusCode::kOk) {
        EXPECT_NE(e.lines.find(row.text), std::string::npos) << e.lines;
      }
    }
    // One timeout of 2 s; everything else is quick.
    EXPECT_LT(seconds, 30) << "the hung worker was not killed in time";
  }
}

TEST(WorkerPoolTest, WritesWhatTheInProcessRunnerWrites) {
  fixtures::TempDir dir;
  std::vector<InputFile> files;
  for (int i = 0; i < 9; ++i) {
    std::string n = std::to_string(i);
    if (i % 3 == 0) {
      files.push_back({dir.Write(
          "pack" + n + ".pdf",
          fixtures::MakePdf({fixtures::PdfPage({n + ". Street trading policy",
                                                "RESOLVED that the policy be approved."}),
                             fixtures::PdfPage({"Appendix " + n})}))});
    } else if (i == 4) {
      files.push_back({dir.Write("broken4.pdf", fixtures::RandomBytes(700, 4))});
    } else {
      files.push_back({dir.Write("minutes" + n + ".txt",
                                 "Minutes of the Cabinet\n\n" + n +
                                     ". Budget\nRESOLVED that:\n(a) the budget be approved;\n"
                                     "(b) the Clerk write to the auditor.\n")});
    }
  }
  auto pipeline = RealPipeline();
  CollectingWriter threads;
  CollectingWriter processes;
  RunOptions options;
  options.jobs = 2;
  options.isolation = Isolation::kThread;
  ASSERT_TRUE(RunBatch(*pipeline, files, options, {&threads}).ok());
  options.isolation = Isolation::kProcess;
  ASSERT_TRUE(RunBatch(*pipeline, files, options, {&processes}).ok());
  ASSERT_EQ(threads.entries.size(), files.size());
  ASSERT_EQ(processes.entries.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    SCOPED_TRACE(files[i].path);
    EXPECT_EQ(processes.entries[i].path, threads.entries[i].path);
    EXPECT_EQ(processes.entries[i].status.ToString(), threads.entries[i].status.ToString());
    EXPECT_EQ(processes.entries[i].sha256, threads.entries[i].sha256);
    EXPECT_EQ(processes.entries[i].lines, threads.entries[i].lines);
  }
  EXPECT_EQ(processes.entries[4].status.code(), StatusCode::kCorrupt);
  EXPECT_FALSE(processes.entries[0].lines.empty());
}

TEST(WorkerPoolTest, AnEmptyBatchStillBeginsAndFinishes) {
  auto pipeline = ChaosPipeline();
  CollectingWriter writer;
  RunOptions options;
  options.jobs = 4;
  ASSERT_TRUE(RunBatch(*pipeline, {}, options, {&writer}).ok());
  EXPECT_EQ(writer.begins, 1);
  EXPECT_EQ(writer.finishes, 1);
  EXPECT_TRUE(writer.entries.empty());
}

TEST(WorkerPoolTest, NoWorkerOutlivesTheBatch) {
  fixtures::TempDir dir;
  std::vector<InputFile> files;
  for (int i = 0; i < 6; ++i) {
    files.push_back({dir.Write("m" + std::to_string(i) + ".txt", "RESOLVED that it be noted.")});
  }
  auto pipeline = ChaosPipeline();
  CollectingWriter writer;
  RunOptions options;
  options.jobs = 3;
  ASSERT_TRUE(RunBatch(*pipeline, files, options, {&writer}).ok());
  // Every worker was reaped: this process has no children left.
  errno = 0;
  EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
}

}  // namespace
}  // namespace agendum
