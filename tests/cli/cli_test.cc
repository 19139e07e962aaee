// The agendum command line, run as a user would: exit codes, messages,
// output files, and what a batch with a bad file leaves behind.
//
// Exit codes (pipeline/main.cc): 0 all good, 1 usage or setup error, 2 some
// input failed or was missing.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/pattern_table.h"
#include "tests/support/pdf_fixture.h"
#include "tests/support/schema_check.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;
using schema::Json;

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// Runs `agendum ARGS` with `cwd` as the working folder, capturing stdout and
// stderr. ARGS is passed through the shell, so quote paths with Quote().
CommandResult RunAgendum(const std::string& args, const std::string& cwd) {
  const std::string out = cwd + "/.stdout";
  const std::string err = cwd + "/.stderr";
  std::string command = "cd " + Quote(cwd) + " && " + Quote(AGENDUM_BINARY) + " " + args + " >" +
                        Quote(out) + " 2>" + Quote(err) + " </dev/null";
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = fixtures::ReadFileOrFail(out);
  result.err = fixtures::ReadFileOrFail(err);
  fs::remove(out);
  fs::remove(err);
  return result;
}

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Describe(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.err;
}

// Parses records.jsonl, checking every line against the schema.
std::vector<Json> ReadRecords(const std::string& path) {
  std::vector<Json> records;
  for (const std::string& line : SplitLines(fixtures::ReadFileOrFail(path))) {
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(j.is_discarded()) << "not JSON: " << line;
    if (j.is_discarded()) continue;
    schema::ExpectRecordMatchesSchema(j);
    records.push_back(std::move(j));
  }
  return records;
}

// Paths of the document records, in file order.
std::vector<std::string> DocumentPaths(const std::vector<Json>& records) {
  std::vector<std::string> paths;
  for (const Json& j : records) {
    if (j.value("kind", std::string()) == "document") {
      paths.push_back(j.value("path", std::string()));
    }
  }
  return paths;
}

Json ReadReport(const std::string& path) {
  Json j = Json::parse(fixtures::ReadFileOrFail(path), nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << path << " is not JSON";
  return j;
}

constexpr const char* kParishMinutes =
    "Little Harlow Parish Council\n\n"
    "Minutes of the meeting held on Tuesday 4 March 2025 at the Village Hall\n\n"
    "Present: Cllr Odell (Chair), Cllr Grey, Cllr Mistry\n\n"
    "1. Apologies for absence\n"
    "Apologies were received from Cllr Patel.\n\n"
    "2. Play area inspection\n"
    "RESOLVED that the quote of \xC2\xA3"
    "1,200 for new safety surfacing be accepted.\n"
    "The Clerk agreed to order the surfacing before the end of March. (Action: Clerk)\n";

fixtures::PdfOptions PackOptions() {
  fixtures::PdfOptions options;
  options.running_header = "Fenmarsh Borough Council - Licensing Committee - 12 May 2025";
  options.page_numbers = true;
  return options;
}

std::string ThreePagePdf() {
  return fixtures::MakePdf(
      {fixtures::PdfPage({"1. Apologies for absence", "None were received."}),
       fixtures::PdfPage({"2. Street trading policy", "The policy was agreed."}),
       fixtures::PdfPage({"3. Any other business", "There was none."})},
      PackOptions());
}

TEST(CliTest, HelpAndVersionExitZero) {
  fixtures::TempDir dir;
  const std::regex version(R"(agendum \d+\.\d+\.\d+\n)");
  for (const char* command : {"", "run ", "extract ", "text ", "explain "}) {
    SCOPED_TRACE(std::string("agendum ") + command);
    CommandResult help = RunAgendum(std::string(command) + "--help", dir.path());
    EXPECT_EQ(help.exit_code, 0) << Describe(help);
    EXPECT_NE(help.out.find("usage: agendum"), std::string::npos) << Describe(help);
    EXPECT_EQ(help.err, "");
    CommandResult v = RunAgendum(std::string(command) + "--version", dir.path());
    EXPECT_EQ(v.exit_code, 0) << Describe(v);
    EXPECT_TRUE(std::regex_match(v.out, version)) << Describe(v);
    EXPECT_EQ(v.err, "");
  }
}

TEST(CliTest, UsageErrorsExitOneWithTheErrorFirst) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  struct Case {
    const char* args;
    const char* mentions;  // in the first line of stderr
  };
  const Case cases[] = {
      {"run --bogus --out out minutes.txt", "bogus"},
      {"extract --nope minutes.txt", "nope"},
      {"text --max-pages lots minutes.txt", "max-pages"},
      {"run minutes.txt", "--out"},
      {"run --out out", "INPUT"},
      {"run --out out --jobs 0 minutes.txt", "--jobs"},
      {"extract", "FILE"},
      {"extract minutes.txt minutes.txt", "FILE"},
      {"frobnicate", "frobnicate"},
      {"", "usage"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("agendum ") + c.args);
    CommandResult r = RunAgendum(c.args, dir.path());
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
    EXPECT_EQ(r.out, "") << "errors go to stderr";
    std::vector<std::string> lines = SplitLines(r.err);
    ASSERT_FALSE(lines.empty()) << Describe(r);
    // One line says what is wrong; anything after it is the usage text.
    EXPECT_NE(lines[0].find(c.mentions), std::string::npos) << Describe(r);
    int agendum_lines = 0;
    for (const std::string& line : lines) agendum_lines += line.rfind("agendum: ", 0) == 0;
    EXPECT_LE(agendum_lines, 1) << Describe(r);
    EXPECT_EQ(r.err.find("terminate called"), std::string::npos) << Describe(r);
    EXPECT_FALSE(fs::exists(dir.path() + "/out/records.jsonl"));
  }
}

TEST(CliTest, BadCorpusIsASetupError) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  dir.Write("corpus/patterns/broken.tsv", "row\t-\t(unclosed\tsample\tsynthetic\n");
  dir.Write("corpus/lexicons/.keep", "");
  dir.Write("corpus/taxonomy/.keep", "");
  CommandResult r = RunAgendum("run --corpus corpus --out out minutes.txt", dir.path());
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("broken.tsv:1"), std::string::npos) << Describe(r);
  EXPECT_FALSE(fs::exists(dir.path() + "/out/records.jsonl")) << "stops before any input is read";
}

TEST(CliTest, BatchWithACorruptFileKeepsTheGoodOnes) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  dir.Write("pack.pdf", ThreePagePdf());
  dir.Write("broken.pdf", fixtures::TruncateBytes(ThreePagePdf(), 2000));
  dir.Write("garbage.pdf", fixtures::RandomBytes(3000, 42));
  CommandResult r =
      RunAgendum("run --out out --jobs 2 minutes.txt broken.pdf pack.pdf garbage.pdf", dir.path());
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_NE(r.err.find("broken.pdf"), std::string::npos) << Describe(r);
  EXPECT_NE(r.err.find("garbage.pdf"), std::string::npos) << Describe(r);

  std::vector<Json> records = ReadRecords(dir.path() + "/out/records.jsonl");
  EXPECT_EQ(DocumentPaths(records), (std::vector<std::string>{"minutes.txt", "pack.pdf"}));
  for (const Json& j : records) {
    if (j["kind"] == "document" && j["path"] == "pack.pdf") {
      EXPECT_EQ(j["format"], "pdf");
      EXPECT_EQ(j["pages"], 3);
    }
  }

  Json report = ReadReport(dir.path() + "/out/run-report.json");
  ASSERT_EQ(report["files"].size(), 4u);
  const char* expected[][2] = {{"minutes.txt", "ok"},
                               {"broken.pdf", "failed"},
                               {"pack.pdf", "ok"},
                               {"garbage.pdf", "failed"}};
  for (size_t i = 0; i < 4; ++i) {
    const Json& file = report["files"][i];
    SCOPED_TRACE(file.dump());
    EXPECT_EQ(file["path"], expected[i][0]);
    EXPECT_EQ(file["status"], expected[i][1]);
    if (file["status"] == "failed") {
      ASSERT_TRUE(file.contains("error"));
      EXPECT_EQ(file["error"].get<std::string>().rfind("corrupt: ", 0), 0u);
      EXPECT_EQ(file["sha256"].get<std::string>().size(), 64u);
    } else {
      EXPECT_FALSE(file.contains("error"));
    }
  }
  EXPECT_EQ(report["totals"]["documents"], 2);
  EXPECT_EQ(report["totals"]["failed"], 2);
  EXPECT_EQ(report["totals"]["pages"], 4);  // 1 for the text file, 3 for the PDF
  EXPECT_FALSE(fs::exists(dir.path() + "/out/records.jsonl.tmp"));
}

TEST(CliTest, OutputDoesNotDependOnJobs) {
  fixtures::TempDir dir;
  std::string inputs;
  for (int i = 0; i < 8; ++i) {
    std::string n = std::to_string(i);
    if (i % 3 == 0) {
      dir.Write("in/pack" + n + ".pdf",
                fixtures::MakePdf(
                    {fixtures::PdfPage({n + ". Item " + n, "Text of item " + n + "."}),
                     fixtures::PdfPage({"The Committee RESOLVED that item " + n + " be noted."})},
                    PackOptions()));
    } else {
      dir.Write("in/minutes" + n + ".txt", std::string(kParishMinutes) + "3. Item " + n +
                                               "\nRESOLVED that item " + n + " be deferred.\n");
    }
  }
  dir.Write("in/broken.pdf", fixtures::RandomBytes(500, 9));
  CommandResult one = RunAgendum("run --out one --jobs 1 in", dir.path());
  CommandResult two = RunAgendum("run --out two --jobs 2 in", dir.path());
  EXPECT_EQ(one.exit_code, 2) << Describe(one);
  EXPECT_EQ(two.exit_code, 2) << Describe(two);
  std::string records_one = fixtures::ReadFileOrFail(dir.path() + "/one/records.jsonl");
  std::string records_two = fixtures::ReadFileOrFail(dir.path() + "/two/records.jsonl");
  EXPECT_FALSE(records_one.empty());
  EXPECT_EQ(records_one, records_two);
  EXPECT_EQ(DocumentPaths(ReadRecords(dir.path() + "/one/records.jsonl")).size(), 8u);
  Json report_one = ReadReport(dir.path() + "/one/run-report.json");
  Json report_two = ReadReport(dir.path() + "/two/run-report.json");
  ASSERT_EQ(report_one["files"].size(), 9u);
  ASSERT_EQ(report_two["files"].size(), 9u);
  for (size_t i = 0; i < 9; ++i) {
    EXPECT_EQ(report_one["files"][i]["path"], report_two["files"][i]["path"]);
    EXPECT_EQ(report_one["files"][i]["status"], report_two["files"][i]["status"]);
  }
  EXPECT_EQ(report_two["totals"]["jobs"], 2);
}

TEST(CliTest, TextShowsEachPageUnderItsMarker) {
  fixtures::TempDir dir;
  dir.Write("pack.pdf", ThreePagePdf());
  CommandResult r = RunAgendum("text pack.pdf", dir.path());
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  const char* bodies[] = {"1. Apologies for absence", "2. Street trading policy",
                          "3. Any other business"};
  size_t previous = 0;
  for (int page = 1; page <= 3; ++page) {
    SCOPED_TRACE("page " + std::to_string(page));
    std::string marker = "=== page " + std::to_string(page) + " ===\n";
    size_t at = r.out.find(marker);
    ASSERT_NE(at, std::string::npos) << r.out;
    EXPECT_GE(at, previous);
    size_t next = r.out.find("=== page " + std::to_string(page + 1));
    size_t body = r.out.find(bodies[page - 1]);
    EXPECT_GT(body, at) << r.out;
    EXPECT_LT(body, next) << r.out;
    previous = at;
  }
  EXPECT_EQ(r.out.rfind("=== page 1 ===", 0), 0u) << "output starts with page 1";
  // Running header and page numbers are gone.
  EXPECT_EQ(r.out.find("Fenmarsh Borough Council"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("of 3"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(CliTest, TextMarksPagesWithoutText) {
  fixtures::TempDir dir;
  dir.Write("scan.pdf", fixtures::MakePdf({fixtures::PdfPage({"Agenda"}), fixtures::PdfPage()}));
  CommandResult r = RunAgendum("text scan.pdf", dir.path());
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_NE(r.out.find("=== page 1 ===\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("=== page 2 (no text) ===\n"), std::string::npos) << r.out;
}

TEST(CliTest, TextOfATextFileIsOnePage) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  CommandResult r = RunAgendum("text minutes.txt", dir.path());
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  EXPECT_EQ(r.out.rfind("=== page 1 ===\n", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find("=== page 2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\xC2\xA3"
                       "1,200"),
            std::string::npos)
      << r.out;
}

TEST(CliTest, FoldersAreWalkedRecursively) {
  fixtures::TempDir dir;
  dir.Write("in/a.txt", kParishMinutes);
  dir.Write("in/notes.html", "<html><body>Agenda</body></html>");
  dir.Write("in/sub/b.pdf", ThreePagePdf());
  dir.Write("in/sub/report.docx", "PK\x03\x04");
  dir.Write("in/sub/deeper/c.md", "# Minutes\n\n1. Apologies\nNone.\n");
  CommandResult r = RunAgendum("run --out out in", dir.path());
  EXPECT_EQ(r.exit_code, 0) << "skipped files are not failures\n" << Describe(r);
  std::vector<Json> records = ReadRecords(dir.path() + "/out/records.jsonl");
  // Sorted within each folder.
  EXPECT_EQ(DocumentPaths(records),
            (std::vector<std::string>{"in/a.txt", "in/sub/b.pdf", "in/sub/deeper/c.md"}));
  // Each skipped file gets a note on stderr and in the report.
  for (const char* skipped : {"in/notes.html", "in/sub/report.docx"}) {
    SCOPED_TRACE(skipped);
    EXPECT_NE(r.err.find(std::string("skipped ") + skipped), std::string::npos) << Describe(r);
  }
  Json report = ReadReport(dir.path() + "/out/run-report.json");
  ASSERT_EQ(report["skipped"].size(), 2u);
  EXPECT_EQ(report["skipped"][0], "in/notes.html: unsupported type .html");
  EXPECT_EQ(report["skipped"][1], "in/sub/report.docx: unsupported type .docx");
  EXPECT_EQ(report["files"].size(), 3u);
}

TEST(CliTest, MissingInputIsReportedAndTheRestRun) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  CommandResult r = RunAgendum("run --out out absent.pdf minutes.txt", dir.path());
  EXPECT_EQ(r.exit_code, 2) << Describe(r);
  EXPECT_NE(r.err.find("absent.pdf"), std::string::npos) << Describe(r);
  EXPECT_EQ(DocumentPaths(ReadRecords(dir.path() + "/out/records.jsonl")),
            std::vector<std::string>{"minutes.txt"});
  Json report = ReadReport(dir.path() + "/out/run-report.json");
  EXPECT_EQ(report["missing"], Json::array({"absent.pdf"}));
}

TEST(CliTest, ExtractPrintsOneFilesRecords) {
  fixtures::TempDir dir;
  dir.Write("minutes.txt", kParishMinutes);
  dir.Write("broken.pdf", fixtures::RandomBytes(400, 1));
  CommandResult r = RunAgendum("extract minutes.txt", dir.path());
  ASSERT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<std::string> lines = SplitLines(r.out);
  ASSERT_FALSE(lines.empty());
  for (size_t i = 0; i < lines.size(); ++i) {
    Json j = Json::parse(lines[i], nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << lines[i];
    schema::ExpectRecordMatchesSchema(j);
    EXPECT_EQ(j["kind"] == "document", i == 0) << "the document record comes first";
  }
  CommandResult again = RunAgendum("extract minutes.txt", dir.path());
  EXPECT_EQ(again.out, r.out) << "same input, same output";

  CommandResult broken = RunAgendum("extract broken.pdf", dir.path());
  EXPECT_EQ(broken.exit_code, 2) << Describe(broken);
  EXPECT_EQ(broken.out, "");
  EXPECT_NE(broken.err.find("broken.pdf: corrupt: "), std::string::npos) << Describe(broken);

  CommandResult explain = RunAgendum("explain minutes.txt", dir.path());
  EXPECT_EQ(explain.exit_code, 0) << Describe(explain);
  EXPECT_EQ(explain.out.rfind("minutes.txt\n", 0), 0u) << Describe(explain);
}

// Runs the CLI over a folder of real documents: every file processes and
// every record matches the schema.
void ExpectFolderRunsClean(const std::string& folder, size_t documents) {
  fixtures::TempDir dir;
  CommandResult r = RunAgendum("run --quiet --out out " + Quote(folder), dir.path());
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  std::vector<Json> records = ReadRecords(dir.path() + "/out/records.jsonl");
  EXPECT_EQ(DocumentPaths(records).size(), documents);
  Json report = ReadReport(dir.path() + "/out/run-report.json");
  EXPECT_EQ(report["totals"]["failed"], 0) << report.dump(1);
}

TEST(CliTest, SharedSeedsRunClean) {
  const fs::path seeds = fs::path(AGENDUM_SHARED_DIR) / "seeds";
  std::error_code ec;
  if (!fs::is_directory(seeds, ec)) GTEST_SKIP() << seeds << " is absent";
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(seeds, ec)) {
    std::string ext = entry.path().extension().string();
    files += entry.is_regular_file() && (ext == ".txt" || ext == ".md" || ext == ".pdf");
  }
  ASSERT_GT(files, 0u);
  ExpectFolderRunsClean(seeds.string(), files);
}

TEST(CliTest, BundledSamplesRunClean) {
  const fs::path samples = fs::path(CorpusData::DefaultRoot()) / "samples";
  std::error_code ec;
  if (!fs::is_directory(samples, ec)) GTEST_SKIP() << samples << " is absent";
  std::set<std::string> formats;
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(samples, ec)) {
    std::string ext = entry.path().extension().string();
    // The folder's README describes the samples and is skipped by the walk.
    if (entry.path().filename() == "README.md") continue;
    if (ext == ".txt" || ext == ".md" || ext == ".pdf") {
      ++files;
      formats.insert(ext);
    }
  }
  EXPECT_GE(files, 4u);
  EXPECT_TRUE(formats.count(".pdf")) << "the samples include a PDF";
  ExpectFolderRunsClean(samples.string(), files);
}

}  // namespace
}  // namespace agendum
