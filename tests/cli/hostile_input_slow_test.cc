// Issue 8, the large cases (label `slow`): a 10,000-page PDF and a 50 MB
// text file on one line. Time and memory stay bounded by the limits, the
// files get their warnings, and the good file beside them is still read.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

using Json = nlohmann::json;
using cli::Describe;

constexpr const char* kMinutes =
    "Minutes of the meeting held on 4 March 2025\n\n1. Play area\n"
    "RESOLVED that the quote for new surfacing be accepted.\n";

Json FileEntry(const std::string& report_path, const std::string& path) {
  Json report = Json::parse(fixtures::ReadFileOrFail(report_path), nullptr, false);
  if (report.is_discarded()) return Json();
  for (const Json& f : report["files"]) {
    if (f["path"] == path) return f;
  }
  return Json();
}

bool HasWarning(const Json& entry, const std::string& prefix) {
  if (!entry.contains("warnings")) return false;
  for (const Json& w : entry["warnings"]) {
    if (w.get<std::string>().rfind(prefix, 0) == 0) return true;
  }
  return false;
}

TEST(HostileInputSlowTest, TenThousandPagesStayWithinMaxPages) {
  fixtures::TempDir dir;
  std::vector<fixtures::PdfPage> pages;
  pages.reserve(10000);
  for (int i = 1; i <= 10000; ++i) {
    pages.push_back(fixtures::PdfPage({std::to_string(i) + ". Item on page " + std::to_string(i),
                                       "RESOLVED that item " + std::to_string(i) + " be noted."}));
  }
  dir.Write("in/huge.pdf", fixtures::MakePdf(pages));
  dir.Write("in/minutes.txt", kMinutes);
  auto start = std::chrono::steady_clock::now();
  long peak = -1;
  cli::CommandResult r =
      cli::RunAgendumMeasured("run --max-pages 200 --out out in", dir.path(), &peak);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Json entry = FileEntry(dir.path() + "/out/run-report.json", "in/huge.pdf");
  EXPECT_EQ(entry["status"], "ok") << entry.dump();
  EXPECT_EQ(entry["pages"], 10000) << entry.dump();
  EXPECT_TRUE(HasWarning(entry, "truncated: read 200 of 10000 pages")) << entry.dump();
  EXPECT_EQ(FileEntry(dir.path() + "/out/run-report.json", "in/minutes.txt")["status"], "ok");
  EXPECT_GT(peak, 0) << Describe(r);
  // GNU time reports the largest process: the runner or one worker.
  EXPECT_LT(peak, 1024) << "peak memory, MB";
  EXPECT_LT(seconds, 300);
  std::printf("10,000-page PDF, --max-pages 200: %.1f s, peak %ld MB\n", seconds, peak);

  // Every page, under the default time and memory limits of a worker.
  start = std::chrono::steady_clock::now();
  r = cli::RunAgendumMeasured("run --no-index --max-pages 10000 --out all in", dir.path(), &peak);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  entry = FileEntry(dir.path() + "/all/run-report.json", "in/huge.pdf");
  EXPECT_EQ(entry["status"], "ok") << entry.dump();
  EXPECT_FALSE(HasWarning(entry, "truncated")) << entry.dump();
  EXPECT_LT(peak, 2048) << "peak memory, MB";
  EXPECT_LT(seconds, 120);
  std::printf("10,000-page PDF, every page: %.1f s, peak %ld MB\n", seconds, peak);
}

TEST(HostileInputSlowTest, FiftyMegabytesOnOneLine) {
  fixtures::TempDir dir;
  std::string line = "RESOLVED that ";
  const std::string words = "the council notes the report of the director and ";
  while (line.size() < (size_t{50} << 20)) line += words;
  dir.Write("in/one-line.txt", line);
  dir.Write("in/minutes.txt", kMinutes);
  // With the default limits the line is cut into pieces at spaces and read
  // whole; cutting used to be quadratic and ran past the 120 s file timeout.
  auto start = std::chrono::steady_clock::now();
  long peak = -1;
  cli::CommandResult r = cli::RunAgendumMeasured("run --no-index --out whole in", dir.path(), &peak);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(FileEntry(dir.path() + "/whole/run-report.json", "in/one-line.txt")["status"], "ok");
  EXPECT_LT(peak, 2048) << "peak memory, MB";
  EXPECT_LT(seconds, 100);
  std::printf("50 MB line, default limits: %.1f s, peak %ld MB\n", seconds, peak);

  start = std::chrono::steady_clock::now();
  r = cli::RunAgendumMeasured("run --no-index --max-text-mb 8 --out out in", dir.path(), &peak);
  seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  Json entry = FileEntry(dir.path() + "/out/run-report.json", "in/one-line.txt");
  EXPECT_EQ(entry["status"], "ok") << entry.dump();
  EXPECT_TRUE(HasWarning(entry, "truncated: text over the size limit")) << entry.dump();
  EXPECT_EQ(FileEntry(dir.path() + "/out/run-report.json", "in/minutes.txt")["status"], "ok");
  EXPECT_GT(peak, 0) << Describe(r);
  EXPECT_LT(peak, 2048) << "peak memory, MB";
  EXPECT_LT(seconds, 300);
  std::printf("50 MB line, --max-text-mb 8: %.1f s, peak %ld MB\n", seconds, peak);
}

}  // namespace
}  // namespace agendum
