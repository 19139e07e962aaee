// Scale-out from the command line (issue 7): `run --shard K/N` and `merge`
// give what one unsharded run gives, merging twice gives the same files, a
// re-run over an unchanged corpus processes nothing (failures included), and
// two runs writing one PostgreSQL register at once over overlapping inputs
// leave every record there exactly once.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/pdf_fixture.h"
#include "tests/support/postgres_server.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;
using cli::Describe;
using cli::Quote;
using cli::RunAgendum;
using Json = nlohmann::json;

// A parish council's minutes: one numbered item and a RESOLVED block, with
// details that make each meeting's bytes (and records) its own.
std::string Minutes(int meeting) {
  const std::string n = std::to_string(meeting);
  return "Little Harlow Parish Council\n\n"
         "Minutes of the meeting held on Tuesday " + std::to_string(1 + meeting % 27) +
         " March 2025 at the Village Hall\n\n"
         "Present: Cllr Odell (Chair), Cllr Grey, Cllr Mistry\n\n"
         "1. Apologies for absence\n"
         "Apologies were received from Cllr Patel.\n\n"
         "2. Play area inspection " + n + "\n"
         "RESOLVED that the quote of " + n + "00 pounds for new safety surfacing be accepted.\n"
         "The Clerk agreed to order the surfacing before the end of March. (Action: Clerk)\n\n"
         "3. Footpath " + n + " at Mill Lane\n"
         "RESOLVED that the council write to the highway authority about footpath " + n + ".\n";
}

// A corpus folder of `count` minutes, a three-page PDF and a corrupt PDF.
std::string MakeCorpus(const fixtures::TempDir& dir, int count) {
  for (int i = 0; i < count; ++i) {
    dir.Write("corpus/minutes_" + std::to_string(100 + i) + ".txt", Minutes(i));
  }
  dir.Write("corpus/sub/pack.pdf",
            fixtures::MakePdf({fixtures::PdfPage({"1. Apologies for absence", "None."}),
                               fixtures::PdfPage({"2. Street trading policy", "Agreed."}),
                               fixtures::PdfPage({"3. Any other business", "None."})}));
  dir.Write("corpus/sub/broken.pdf", "%PDF-1.4\nnot really a PDF\n");
  return dir.path() + "/corpus";
}

std::string Read(const std::string& path) { return fixtures::ReadFileOrFail(path); }

// Record ids of a records.jsonl, in order.
std::vector<std::string> Ids(const std::string& jsonl) {
  std::vector<std::string> ids;
  for (const std::string& line : cli::SplitLines(jsonl)) ids.push_back(Json::parse(line)["id"]);
  return ids;
}

TEST(ScaleCliTest, ShardsMergeIntoWhatOneRunWrites) {
  fixtures::TempDir dir;
  const std::string corpus = MakeCorpus(dir, 12);
  cli::CommandResult whole = RunAgendum("run -q --out whole " + Quote(corpus), dir.path());
  ASSERT_EQ(whole.exit_code, 2) << Describe(whole);  // broken.pdf
  const std::string expected = Read(dir.path() + "/whole/records.jsonl");
  ASSERT_FALSE(expected.empty());

  std::set<std::string> documents;
  size_t shard_files = 0;
  for (int k = 0; k < 3; ++k) {
    std::string shard = "--shard " + std::to_string(k) + "/3 ";
    cli::CommandResult r =
        RunAgendum("run " + shard + "--out s" + std::to_string(k) + " " + Quote(corpus), dir.path());
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 2) << Describe(r);
    EXPECT_NE(r.err.find("shard " + std::to_string(k) + "/3: "), std::string::npos) << r.err;
    Json report = Json::parse(Read(dir.path() + "/s" + std::to_string(k) + "/run-report.json"));
    shard_files += report["files"].size();
    for (const std::string& line : cli::SplitLines(Read(dir.path() + "/s" + std::to_string(k) +
                                                        "/records.jsonl"))) {
      Json j = Json::parse(line);
      if (j["kind"] == "document") {
        EXPECT_TRUE(documents.insert(j["path"]).second) << j["path"];
      }
    }
  }
  EXPECT_EQ(shard_files, 14u) << "every file in exactly one shard";
  EXPECT_EQ(documents.size(), 13u);

  cli::CommandResult merged = RunAgendum("merge --out merged s0 s1 s2", dir.path());
  ASSERT_EQ(merged.exit_code, 0) << Describe(merged);
  EXPECT_NE(merged.err.find("merged 3 shards, 13 documents"), std::string::npos) << merged.err;
  EXPECT_EQ(Read(dir.path() + "/merged/records.jsonl"), expected);
  Json report = Json::parse(Read(dir.path() + "/merged/run-report.json"));
  EXPECT_EQ(report["totals"]["documents"], 13);
  EXPECT_EQ(report["totals"]["failed"], 1);
  EXPECT_EQ(report["totals"]["shards"], 3);
  EXPECT_EQ(report["files"].size(), 14u);

  // The merged index answers as the unsharded one.
  const std::string query = " --limit 0 --format jsonl footpath";
  cli::CommandResult from_whole = RunAgendum("query --db whole/agendum.sqlite" + query, dir.path());
  cli::CommandResult from_merged =
      RunAgendum("query --db merged/agendum.sqlite" + query, dir.path());
  ASSERT_EQ(from_merged.exit_code, 0) << Describe(from_merged);
  EXPECT_FALSE(from_merged.out.empty());
  EXPECT_EQ(from_merged.out, from_whole.out);

  // Merging again, in the same folder, gives the same files.
  const std::string index = Read(dir.path() + "/merged/agendum.sqlite");
  const std::string run_report = Read(dir.path() + "/merged/run-report.json");
  cli::CommandResult again = RunAgendum("merge -q --out merged s0 s1 s2", dir.path());
  ASSERT_EQ(again.exit_code, 0) << Describe(again);
  EXPECT_EQ(Read(dir.path() + "/merged/records.jsonl"), expected);
  EXPECT_EQ(Read(dir.path() + "/merged/run-report.json"), run_report);
  EXPECT_EQ(Read(dir.path() + "/merged/agendum.sqlite"), index);
}

TEST(ScaleCliTest, ShardAndMergeMistakesAreUsageErrors) {
  fixtures::TempDir dir;
  const std::string corpus = MakeCorpus(dir, 2);
  for (const char* bad : {"3/3", "1", "-1/2", "a/b"}) {
    SCOPED_TRACE(bad);
    cli::CommandResult r =
        RunAgendum(std::string("run --shard ") + bad + " --out out " + Quote(corpus), dir.path());
    EXPECT_EQ(r.exit_code, 1) << Describe(r);
    EXPECT_NE(r.err.find("K/N"), std::string::npos) << r.err;
  }
  cli::CommandResult no_index =
      RunAgendum("run -q --no-index --shard 0/1 --out plain " + Quote(corpus), dir.path());
  ASSERT_EQ(no_index.exit_code, 2) << Describe(no_index);
  cli::CommandResult r = RunAgendum("merge --out merged plain", dir.path());
  EXPECT_EQ(r.exit_code, 1) << Describe(r);
  EXPECT_NE(r.err.find("has no agendum.sqlite"), std::string::npos) << r.err;
  EXPECT_EQ(RunAgendum("merge plain", dir.path()).exit_code, 1);
  EXPECT_EQ(RunAgendum("merge --out merged", dir.path()).exit_code, 1);
}

TEST(ScaleCliTest, RerunOverAnUnchangedCorpusProcessesNothing) {
  fixtures::TempDir dir;
  const std::string corpus = MakeCorpus(dir, 4);
  cli::CommandResult first = RunAgendum("run --out out " + Quote(corpus), dir.path());
  ASSERT_EQ(first.exit_code, 2) << Describe(first);
  const std::string records = Read(dir.path() + "/out/records.jsonl");

  const auto written = fs::last_write_time(dir.path() + "/out/records.jsonl");
  cli::CommandResult second = RunAgendum("run --out out " + Quote(corpus), dir.path());
  EXPECT_EQ(fs::last_write_time(dir.path() + "/out/records.jsonl"), written)
      << "records.jsonl is still current and is left alone";
  EXPECT_EQ(second.exit_code, 2) << "the broken file still failed: " << Describe(second);
  EXPECT_NE(second.err.find("0 processed, 0 failed, 6 unchanged"), std::string::npos)
      << second.err;
  EXPECT_NE(second.err.find("broken.pdf: corrupt"), std::string::npos) << second.err;
  EXPECT_NE(second.err.find("file unchanged since it failed"), std::string::npos) << second.err;
  EXPECT_EQ(Read(dir.path() + "/out/records.jsonl"), records);

  // New bytes of the same size are seen even when the time is put back.
  const std::string changed = corpus + "/minutes_101.txt";
  auto when = fs::last_write_time(changed);
  std::string bytes = Read(changed);
  bytes[bytes.find("Footpath")] = 'B';
  dir.Write("corpus/minutes_101.txt", bytes);
  fs::last_write_time(changed, when);
  cli::CommandResult third = RunAgendum("run --out out " + Quote(corpus), dir.path());
  EXPECT_NE(third.err.find("1 processed, 0 failed, 5 unchanged"), std::string::npos)
      << third.err;
  // A repaired file is processed again.
  dir.Write("corpus/sub/broken.pdf", fixtures::MakePdf({fixtures::PdfPage({"1. Apologies"})}));
  cli::CommandResult fourth = RunAgendum("run --out out " + Quote(corpus), dir.path());
  EXPECT_EQ(fourth.exit_code, 0) << Describe(fourth);
  EXPECT_NE(fourth.err.find("1 processed, 0 failed, 5 unchanged"), std::string::npos)
      << fourth.err;
}

// Two `agendum run --sink` at once over overlapping halves of a corpus:
// the register ends up with every record of one run over all of it, once.
TEST(ScaleCliTest, TwoRunsShareOnePostgresRegister) {
  auto server = fixtures::PostgresServer::Start();
  if (!server->ok()) GTEST_SKIP() << server->error();
  fixtures::TempDir dir;
  const std::string corpus = MakeCorpus(dir, 30);
  cli::CommandResult reference = RunAgendum("run -q --no-index --out all " + Quote(corpus), dir.path());
  ASSERT_EQ(reference.exit_code, 2) << Describe(reference);
  std::vector<std::string> expected = Ids(Read(dir.path() + "/all/records.jsonl"));
  std::sort(expected.begin(), expected.end());

  // First half and second half, overlapping in the middle ten.
  std::string first, second;
  for (int i = 0; i < 30; ++i) {
    std::string file = " " + Quote(corpus + "/minutes_" + std::to_string(100 + i) + ".txt");
    if (i < 20) first += file;
    if (i >= 10) second += file;
  }
  second += " " + Quote(corpus + "/sub");
  const std::string sink = " --sink " + Quote(server->url());
  // Each in its own folder: the runner keeps a command's output there.
  const std::string where_a = dir.path() + "/a", where_b = dir.path() + "/b";
  fs::create_directories(where_a);
  fs::create_directories(where_b);
  cli::CommandResult a, b;
  std::thread one([&] { a = RunAgendum("run -q --no-index --jobs 2 --out out" + sink + first, where_a); });
  std::thread two([&] { b = RunAgendum("run -q --no-index --jobs 2 --out out" + sink + second, where_b); });
  one.join();
  two.join();
  EXPECT_EQ(a.exit_code, 0) << Describe(a);
  EXPECT_EQ(b.exit_code, 2) << Describe(b);  // broken.pdf

  cli::CommandResult all = RunAgendum(
      "query --limit 0 --sort date --format jsonl --db " + Quote(server->url()), dir.path());
  ASSERT_EQ(all.exit_code, 0) << Describe(all);
  std::vector<std::string> stored;
  for (const std::string& line : cli::SplitLines(all.out)) stored.push_back(Json::parse(line)["id"]);
  std::sort(stored.begin(), stored.end());
  EXPECT_EQ(stored, expected);

  cli::CommandResult found = RunAgendum(
      "query --format jsonl --kind resolution --db " + Quote(server->url()) + " \"footpath 7\"",
      dir.path());
  ASSERT_EQ(found.exit_code, 0) << Describe(found);
  EXPECT_EQ(cli::SplitLines(found.out).size(), 1u) << found.out;
  cli::CommandResult bad =
      RunAgendum("query --db " + Quote(server->url()) + " '(footpath'", dir.path());
  EXPECT_EQ(bad.exit_code, 1) << Describe(bad);
}

}  // namespace
}  // namespace agendum
