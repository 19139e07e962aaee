// The CLI around the index: `agendum run` with --index/--no-index/--prune,
// `agendum query` and `agendum register` (issue 6). Inputs are small text
// files; the checks hold whatever the extractors find in them.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::Count;
using index_testing::OpenForChecks;
using index_testing::ReadFile;
using index_testing::Rows;
using index_testing::ScratchDir;

struct Ran {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

Ran Agendum(const std::string& args) {
  Ran ran;
  std::string command = std::string(AGENDUM_BINARY) + " " + args + " 2>&1";
  std::FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return ran;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) ran.output.append(buffer, n);
  int status = pclose(pipe);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

const char* kLibraryMinutes =
    "Minutes of the Cabinet\n\nMeeting held on 14 March 2024\n\n"
    "1. Future of Westgate Library\n\n"
    "RESOLVED: That the library be closed and the stock moved to Eastgate Library.\n";
const char* kPlanningMinutes =
    "Minutes of the Planning Committee\n\nMeeting held on 2 November 2023\n\n"
    "4. Land at Mill Lane\n\nRESOLVED: That the application be deferred for a site visit.\n";

class QueryCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    library_ = dir_.Write("papers/library.txt", kLibraryMinutes);
    planning_ = dir_.Write("papers/planning.txt", kPlanningMinutes);
    out_ = dir_.File("out");
    db_ = out_ + "/agendum.sqlite";
  }
  Ran Run(const std::string& extra = "") {
    return Agendum("run --jobs 2 --out " + out_ + " " + extra + " " + dir_.File("papers"));
  }

  ScratchDir dir_;
  std::string library_, planning_, out_, db_;
};

TEST_F(QueryCliTest, RunWritesTheIndexAndSkipsUnchangedFiles) {
  Ran first = Run();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  ASSERT_TRUE(std::filesystem::exists(db_));
  EXPECT_NE(first.output.find("2 processed, 0 failed, 0 unchanged"), std::string::npos)
      << first.output;
  std::string records = ReadFile(out_ + "/records.jsonl");
  ASSERT_FALSE(records.empty());

  std::string index_before = ReadFile(db_);
  Ran second = Run();
  ASSERT_EQ(second.exit_code, 0) << second.output;
  EXPECT_NE(second.output.find("0 processed, 0 failed, 2 unchanged"), std::string::npos)
      << second.output;
  EXPECT_EQ(ReadFile(out_ + "/records.jsonl"), records);
  EXPECT_TRUE(ReadFile(db_) == index_before);
  EXPECT_NE(ReadFile(out_ + "/run-report.json").find("unchanged, records taken from the index"),
            std::string::npos);

  // Without the index, records.jsonl is the same.
  Ran plain = Agendum("run -q --no-index --out " + dir_.File("plain") + " " + dir_.File("papers"));
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  EXPECT_EQ(ReadFile(dir_.File("plain/records.jsonl")), records);
  EXPECT_FALSE(std::filesystem::exists(dir_.File("plain/agendum.sqlite")));
}

TEST_F(QueryCliTest, ChangedFileIsProcessedAgainAndPruneDropsGoneFiles) {
  ASSERT_EQ(Run().exit_code, 0);
  dir_.Write("papers/planning.txt", std::string(kPlanningMinutes) + "\n5. Any other business\n");
  Ran changed = Run();
  ASSERT_EQ(changed.exit_code, 0) << changed.output;
  EXPECT_NE(changed.output.find("1 processed, 0 failed, 1 unchanged"), std::string::npos)
      << changed.output;

  std::filesystem::remove(library_);
  Ran kept = Run();  // without --prune the gone file stays indexed
  ASSERT_EQ(kept.exit_code, 0) << kept.output;
  {
    auto db = OpenForChecks(db_);
    ASSERT_TRUE(db);
    EXPECT_EQ(Count(*db, "SELECT COUNT(*) FROM documents"), 2);
  }
  Ran pruned = Run("--prune");
  ASSERT_EQ(pruned.exit_code, 0) << pruned.output;
  EXPECT_NE(pruned.output.find("pruned " + library_), std::string::npos) << pruned.output;
  auto db = OpenForChecks(db_);
  ASSERT_TRUE(db);
  EXPECT_EQ(Rows(*db, "SELECT path FROM documents"), std::vector<std::string>{planning_});
  EXPECT_EQ(ReadFile(out_ + "/records.jsonl").find(library_), std::string::npos);
}

TEST_F(QueryCliTest, IndexPathAndNoIndexOptions) {
  std::string elsewhere = dir_.File("elsewhere.sqlite");
  Ran ran = Run("--index " + elsewhere);
  ASSERT_EQ(ran.exit_code, 0) << ran.output;
  EXPECT_TRUE(std::filesystem::exists(elsewhere));
  EXPECT_FALSE(std::filesystem::exists(db_));
  Ran bad = Run("--no-index --prune");
  EXPECT_EQ(bad.exit_code, 1) << bad.output;
}

TEST_F(QueryCliTest, QueryFindsTextAndWritesEachFormat) {
  ASSERT_EQ(Run().exit_code, 0);
  Ran csv = Agendum("query --db " + db_ + " library");
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("Kind,Date,Decision maker,", 0), 0u) << csv.output;
  EXPECT_NE(csv.output.find("**"), std::string::npos) << csv.output;
  EXPECT_NE(csv.output.find(library_), std::string::npos);
  EXPECT_EQ(csv.output.find(planning_), std::string::npos);

  Ran md = Agendum("query --db " + db_ + " --format md --kind document --sort date");
  ASSERT_EQ(md.exit_code, 0) << md.output;
  EXPECT_EQ(md.output.rfind("| Kind | Date |", 0), 0u) << md.output;

  for (const char* ext : {"html", "xlsx", "jsonl", "csv"}) {
    std::string file = dir_.File(std::string("result.") + ext);
    Ran ran = Agendum("query --db " + db_ + " \"site visit\" --output " + file);
    ASSERT_EQ(ran.exit_code, 0) << ext << ": " << ran.output;
    std::string bytes = ReadFile(file);
    EXPECT_FALSE(bytes.empty()) << ext;
    if (std::string(ext) == "xlsx") {
      EXPECT_EQ(bytes.substr(0, 2), "PK");
    }
    if (std::string(ext) == "html") {
      EXPECT_NE(bytes.find("<mark>"), std::string::npos);
    }
  }
}

TEST_F(QueryCliTest, BadQueriesAndOptionsGetOneLineErrors) {
  ASSERT_EQ(Run().exit_code, 0);
  const struct {
    std::string args;
    std::string message;
  } cases[] = {
      {"query --db " + db_ + " \"library AND\"", "agendum: cannot search for 'library AND': fts5"},
      {"query --db " + db_ + " '(library'", "agendum: cannot search for '(library'"},
      {"query --db " + db_ + " --kind minute", "agendum: unknown --kind 'minute'"},
      {"query --db " + db_ + " --topic parks", "agendum: unknown --topic 'parks'"},
      {"query --db " + db_ + " --from yesterday", "agendum: --from: 'yesterday' is not a date"},
      {"query --db " + db_ + " --format xlsx", "agendum: xlsx needs a file"},
      {"query --db " + db_ + " --format pdf", "agendum: unknown --format 'pdf'"},
      {"query --db " + dir_.File("none.sqlite") + " library", "agendum: no index at"},
      {"query library", "agendum: --db PATH is required"},
      {"register --db " + db_ + " --to 2024-13", "agendum: --to: '2024-13' is not a date"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    Ran ran = Agendum(c.args);
    EXPECT_EQ(ran.exit_code, 1);
    EXPECT_EQ(ran.output.rfind(c.message, 0), 0u) << ran.output;
    EXPECT_EQ(std::count(ran.output.begin(), ran.output.end(), '\n'), 1) << ran.output;
  }
}

TEST_F(QueryCliTest, RegisterWritesCsvXlsxAndHtml) {
  ASSERT_EQ(Run().exit_code, 0);
  Ran csv = Agendum("register --db " + db_);
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_EQ(csv.output.rfind("Date,Decision maker,Title,Decision,Reasons,"
                             "Alternative options considered and rejected,Interests declared,"
                             "Key decision,Call-in,Portfolio holder,Source document,Page,File,"
                             "Decision id\r\n", 0),
            0u)
      << csv.output;
  for (const char* format : {"xlsx", "html"}) {
    std::string file = dir_.File(std::string("register.") + format);
    Ran ran = Agendum("register --db " + db_ + " --from 2020 --format " + format + " --output " + file);
    ASSERT_EQ(ran.exit_code, 0) << ran.output;
    EXPECT_TRUE(std::filesystem::exists(file));
  }
}

}  // namespace
}  // namespace agendum
