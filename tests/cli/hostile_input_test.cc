// Issue 8: a batch of broken and hostile inputs beside good ones. Each bad
// file fails (or is read with a warning) with its own clear reason, in the
// run report and as one line on stderr; the good files beside it are still
// processed, and the run exits 2. The slow cases (a 10,000-page PDF, a 50 MB
// line) are in hostile_input_slow_test.cc.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/worker_pool.h"
#include "tests/support/cli_runner.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;
using cli::Describe;
using cli::Quote;
using cli::RunAgendum;

constexpr const char* kMinutes =
    "Little Harlow Parish Council\n\nMinutes of the meeting held on 4 March 2025\n\n"
    "1. Play area\nRESOLVED that the quote for new surfacing be accepted.\n";

std::string Utf16LeWithoutBom(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

std::string DeeplyNestedList(int depth) {
  const char* styles[] = {"1.", "(a)", "(i)", "A.", "(A)", "(I)", "\xE2\x80\xA2"};
  std::string out = "RECOMMENDATIONS\n";
  for (int d = 0; d < depth; ++d) {
    out += std::string(styles[d % 7]) + " level " + std::to_string(d) + " of the list\n";
  }
  return out;
}

fixtures::PdfOptions PackOptions() {
  fixtures::PdfOptions options;
  options.running_header = "Fenmarsh Borough Council - Licensing Committee";
  options.page_numbers = true;
  return options;
}

std::string GoodPdf() {
  return fixtures::MakePdf(
      {fixtures::PdfPage({"1. Apologies for absence", "None were received."}),
       fixtures::PdfPage({"2. Street trading policy", "RESOLVED that the policy be approved."})},
      PackOptions());
}

struct Case {
  const char* name;        // file name under in/
  std::string bytes;
  const char* error;       // start of the report's error; nullptr when the file is read
  const char* warning;     // a warning the report must show; nullptr for none
};

std::vector<Case> Cases() {
  const std::string pdf = GoodPdf();
  return {
      {"a-good.txt", kMinutes, nullptr, nullptr},
      {"b-good.pdf", pdf, nullptr, nullptr},
      {"c-truncated.pdf", fixtures::TruncateBytes(pdf, pdf.size() / 3), "corrupt: ", nullptr},
      {"d-broken-xref.pdf", fixtures::BreakXref(pdf), nullptr, "repaired: "},
      {"e-encrypted.pdf", fixtures::MakeEncryptedPdf("secret", "owner"),
       "encrypted: the PDF needs a password", nullptr},
      {"f-owner-password-only.pdf",
       fixtures::MakeEncryptedPdf("", "owner", {"RESOLVED that the lease be renewed."}), nullptr,
       "encrypted (opened with an empty password)"},
      {"g-zero-bytes.pdf", "", "empty: zero-byte file", nullptr},
      {"h-random-bytes.pdf", fixtures::RandomBytes(20000, 8), "corrupt: not a PDF", nullptr},
      {"i-scanned.pdf", fixtures::MakePdf({fixtures::PdfPage(), fixtures::PdfPage()}),
       "empty: no text layer", nullptr},
      {"j-deeply-nested.txt", DeeplyNestedList(500), nullptr, nullptr},
      {"k-nul-bytes.txt", std::string(kMinutes) + std::string("\0\0\x01\x02", 4) + kMinutes,
       "corrupt: binary data", nullptr},
      {"l-invalid-utf8.txt",
       "Minutes: the fee of \xA3" "250 for the Caf\xE9 was agreed \x96 and noted.\n", nullptr,
       "decoded from windows-1252"},
      {"m-utf16-without-bom.txt", Utf16LeWithoutBom(kMinutes), nullptr, "decoded from UTF-16LE"},
      {"n-zero-bytes.txt", "", "empty: zero-byte file", nullptr},
      {"o-random-bytes.txt", fixtures::RandomBytes(20000, 9), "corrupt: binary data", nullptr},
  };
}

std::map<std::string, Json> ReportByPath(const std::string& path) {
  Json report = Json::parse(fixtures::ReadFileOrFail(path), nullptr, false);
  EXPECT_FALSE(report.is_discarded());
  std::map<std::string, Json> out;
  if (report.is_discarded()) return out;
  for (const Json& file : report["files"]) out[file["path"].get<std::string>()] = file;
  return out;
}

std::vector<std::string> DocumentPaths(const std::string& records) {
  std::vector<std::string> out;
  for (const std::string& line : cli::SplitLines(records)) {
    Json j = Json::parse(line, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << line;
    if (!j.is_discarded() && j["kind"] == "document") out.push_back(j["path"]);
  }
  return out;
}

void ExpectEachCaseReported(const std::vector<Case>& cases, const cli::CommandResult& r,
                            const std::string& out) {
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  auto report = ReportByPath(out + "/run-report.json");
  std::vector<std::string> read;
  for (const Case& c : cases) {
    const std::string path = std::string("in/") + c.name;
    SCOPED_TRACE(path);
    ASSERT_TRUE(report.count(path)) << "every file has a report entry";
    const Json& entry = report[path];
    // Exactly one stderr line names a failed file; none names a good one.
    int lines = 0;
    for (const std::string& line : cli::SplitLines(r.err)) {
      lines += line.rfind("agendum: " + path + ": ", 0) == 0;
    }
    if (c.error) {
      EXPECT_EQ(entry["status"], "failed") << entry.dump();
      EXPECT_EQ(entry.value("error", "").rfind(c.error, 0), 0u) << entry.dump();
      EXPECT_EQ(lines, 1) << Describe(r);
      EXPECT_NE(r.err.find("agendum: " + path + ": " + c.error), std::string::npos) << Describe(r);
    } else {
      EXPECT_EQ(entry["status"], "ok") << entry.dump();
      EXPECT_EQ(lines, 0) << Describe(r);
      read.push_back(path);
    }
    if (c.warning) {
      bool found = false;
      for (const Json& w : entry["warnings"]) {
        found |= w.get<std::string>().rfind(c.warning, 0) == 0;
      }
      EXPECT_TRUE(found) << entry.dump();
    }
  }
  // The good and the readable files are all in records.jsonl, in order.
  EXPECT_EQ(DocumentPaths(fixtures::ReadFileOrFail(out + "/records.jsonl")), read);
}

TEST(HostileInputTest, EachBadFileGetsItsReasonAndTheRestAreRead) {
  fixtures::TempDir dir;
  const std::vector<Case> cases = Cases();
  for (const Case& c : cases) dir.Write(std::string("in/") + c.name, c.bytes);
  cli::CommandResult r = RunAgendum("run --out out --jobs 2 in", dir.path());
  ExpectEachCaseReported(cases, r, dir.path() + "/out");

  // The same batch in-process gives the same records.
  cli::CommandResult threads = RunAgendum("run --out threads --jobs 2 --no-isolation in", dir.path());
  ExpectEachCaseReported(cases, threads, dir.path() + "/threads");
  EXPECT_EQ(fixtures::ReadFileOrFail(dir.path() + "/threads/records.jsonl"),
            fixtures::ReadFileOrFail(dir.path() + "/out/records.jsonl"));
}

// The limits are command-line options; each changes what one file can make
// the pipeline do, and a value below 1 is a usage error.
TEST(HostileInputTest, LimitsAreOptions) {
  fixtures::TempDir dir;
  std::vector<fixtures::PdfPage> pages;
  for (int i = 1; i <= 5; ++i) pages.push_back(fixtures::PdfPage({"Page " + std::to_string(i) + " text"}));
  dir.Write("five.pdf", fixtures::MakePdf(pages));
  dir.Write("long-line.txt", "RESOLVED that " + std::string(3000, 'x') + " be noted.\n");
  dir.Write("nested.txt", DeeplyNestedList(20));
  dir.Write("big.txt", "RESOLVED that the report be noted.\n" + std::string(3 << 20, 'y') + "\n");

  cli::CommandResult pages_run = RunAgendum("text --max-pages 2 five.pdf", dir.path());
  EXPECT_EQ(pages_run.exit_code, 0) << Describe(pages_run);
  EXPECT_NE(pages_run.out.find("Page 2 text"), std::string::npos) << Describe(pages_run);
  EXPECT_EQ(pages_run.out.find("Page 3 text"), std::string::npos) << Describe(pages_run);

  cli::CommandResult line = RunAgendum("text --max-line-bytes 1000 long-line.txt", dir.path());
  ASSERT_EQ(line.exit_code, 0) << Describe(line);
  for (const std::string& l : cli::SplitLines(line.out)) EXPECT_LE(l.size(), 1000u);

  cli::CommandResult size = RunAgendum("extract --max-text-mb 1 big.txt", dir.path());
  ASSERT_EQ(size.exit_code, 0) << Describe(size);
  EXPECT_NE(size.out.find("truncated: text over the size limit"), std::string::npos)
      << Describe(size);

  for (const char* bad : {"--max-pages=0", "--max-text-mb=0", "--max-line-bytes=0",
                          "--max-depth=-1"}) {
    SCOPED_TRACE(bad);
    cli::CommandResult r = RunAgendum(std::string("extract ") + bad + " nested.txt", dir.path());
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
    EXPECT_NE(r.err.find("must be at least 1"), std::string::npos) << Describe(r);
  }
  for (const char* bad : {"--file-timeout=-1", "--file-memory=-5"}) {
    SCOPED_TRACE(bad);
    cli::CommandResult r = RunAgendum(std::string("run --out out ") + bad + " nested.txt", dir.path());
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
  }
}

// The worker limits reach the workers: a file that overruns its time or its
// memory fails with that reason on stderr and in the report, and the run
// goes on to the next file (a crash is covered in worker_pool_test.cc).
TEST(HostileInputTest, WorkerLimitsAreOptions) {
  fixtures::TempDir dir;
  std::vector<fixtures::PdfPage> pages;
  for (int i = 1; i <= 40; ++i) {
    pages.push_back(fixtures::PdfPage({std::to_string(i) + ". Item", "RESOLVED that it be noted."}));
  }
  dir.Write("in/a.pdf", fixtures::MakePdf(pages));
  dir.Write("in/b.pdf", fixtures::MakePdf(pages, PackOptions()));
  struct Limit {
    const char* options;
    const char* error;
  };
  std::vector<Limit> limits = {{"--file-timeout 0.001", "timed out: no result after 0.001 s"}};
  if (WorkerMemoryLimitSupported()) limits.push_back({"--file-memory 1", "out of memory: over the 1 MB"});
  for (const Limit& c : limits) {
    SCOPED_TRACE(c.options);
    cli::CommandResult r =
        RunAgendum(std::string("run --no-index --out out ") + c.options + " in", dir.path());
    EXPECT_EQ(r.exit_code, 2) << Describe(r);
    auto report = ReportByPath(dir.path() + "/out/run-report.json");
    for (const char* path : {"in/a.pdf", "in/b.pdf"}) {
      EXPECT_NE(r.err.find(std::string("agendum: ") + path + ": " + c.error), std::string::npos)
          << Describe(r);
      EXPECT_EQ(report[path].value("error", "").rfind(c.error, 0), 0u) << report[path].dump();
    }
  }
  // Without limits both are read.
  cli::CommandResult r =
      RunAgendum("run --no-index --out out --file-timeout 0 --file-memory 0 in", dir.path());
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
}

TEST(HostileInputTest, MaxDepthFlattensDeepLists) {
  fixtures::TempDir dir;
  dir.Write("nested.txt", DeeplyNestedList(30));
  // --max-depth changes blocks only; the records must still come out.
  for (const char* depth : {"1", "3", "12"}) {
    SCOPED_TRACE(depth);
    cli::CommandResult r =
        RunAgendum(std::string("extract --max-depth ") + depth + " nested.txt", dir.path());
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_FALSE(r.out.empty());
  }
}

// Issue 8: output names are fixed and temporary files are created afresh, so
// a symlink planted in the output folder cannot redirect a write elsewhere.
TEST(HostileInputTest, OutputNeverFollowsAPlantedSymlink) {
  fixtures::TempDir dir;
  dir.Write("in/minutes.txt", kMinutes);
  const std::string victim = dir.Write("victim.txt", "precious");
  fs::create_directories(dir.path() + "/out");
  for (const char* name : {"records.jsonl.tmp", "run-report.json.tmp", "records.jsonl",
                           "run-report.json"}) {
    fs::create_symlink(victim, dir.path() + "/out/" + name);
  }
  for (const char* index : {"", "--no-index "}) {
    SCOPED_TRACE(index);
    cli::CommandResult r = RunAgendum(std::string("run ") + index + "--out out in", dir.path());
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    EXPECT_EQ(fixtures::ReadFileOrFail(victim), "precious");
    EXPECT_FALSE(fs::is_symlink(dir.path() + "/out/records.jsonl"));
    EXPECT_EQ(DocumentPaths(fixtures::ReadFileOrFail(dir.path() + "/out/records.jsonl")),
              std::vector<std::string>{"in/minutes.txt"});
    for (const auto& entry : fs::directory_iterator(dir.path() + "/out")) {
      EXPECT_NE(entry.path().extension(), ".tmp") << entry.path();
    }
  }
}

}  // namespace
}  // namespace agendum
