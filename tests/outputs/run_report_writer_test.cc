// RunReportWriter: run-report.json lists every file, failed ones with the error.
#include "outputs/run_report_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

Document GoodDocument(const std::string& name) {
  Document doc;
  doc.path = name;
  doc.sha256 = Sha256Hex(name);
  doc.id = "doc-" + doc.sha256.substr(0, 16);
  doc.format = Format::kText;
  doc.page_count = 1;
  doc.text = "Minutes of " + name;
  Record r;
  r.kind = Kind::kResolution;
  r.span = {0, doc.text.size()};
  r.text = doc.text;
  doc.Add(r);
  AssignIds(&doc);
  return doc;
}

FileResult Ok(const std::string& path) { return {path, Status::Ok(), 1.5, {}}; }

TEST(RunReportWriterTest, ListsEveryFileWithItsStatus) {
  fixtures::TempDir dir;
  const std::string path = dir.path() + "/run-report.json";
  RunReportWriter report(path, 2, {"notes.html: unsupported type .html"}, {"absent.pdf"});
  ASSERT_TRUE(report.Begin().ok());
  Document good = GoodDocument("a.txt");
  good.warnings = {"decoded from windows-1252"};
  Document broken;
  broken.path = "b.pdf";
  broken.sha256 = Sha256Hex("garbage");
  ASSERT_TRUE(report.Write(good, Ok("a.txt")).ok());
  ASSERT_TRUE(
      report.Write(broken, {"b.pdf", Status::Corrupt("not a PDF (no %PDF- header)"), 0.2, {}})
          .ok());
  ASSERT_TRUE(report.Finish().ok());
  EXPECT_EQ(report.processed(), 1);
  EXPECT_EQ(report.failed(), 1);

  nlohmann::json j = nlohmann::json::parse(fixtures::ReadFileOrFail(path), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["schema"], "agendum/1");
  ASSERT_EQ(j["files"].size(), 2u);
  const auto& a = j["files"][0];
  EXPECT_EQ(a["path"], "a.txt");
  EXPECT_EQ(a["status"], "ok");
  EXPECT_FALSE(a.contains("error"));
  EXPECT_EQ(a["records"]["resolution"], 1);
  EXPECT_EQ(a["warnings"], nlohmann::json::array({"decoded from windows-1252"}));
  const auto& b = j["files"][1];
  EXPECT_EQ(b["path"], "b.pdf");
  EXPECT_EQ(b["status"], "failed");
  EXPECT_EQ(b["error"], "corrupt: not a PDF (no %PDF- header)");
  EXPECT_EQ(b["sha256"], broken.sha256);
  EXPECT_EQ(j["skipped"], nlohmann::json::array({"notes.html: unsupported type .html"}));
  EXPECT_EQ(j["missing"], nlohmann::json::array({"absent.pdf"}));
  EXPECT_EQ(j["totals"]["documents"], 1);
  EXPECT_EQ(j["totals"]["failed"], 1);
  EXPECT_EQ(j["totals"]["skipped"], 1);
  EXPECT_EQ(j["totals"]["missing"], 1);
  EXPECT_EQ(j["totals"]["pages"], 1);
  EXPECT_EQ(j["totals"]["records"]["resolution"], 1);
  EXPECT_EQ(j["totals"]["jobs"], 2);
}

}  // namespace
}  // namespace agendum

namespace agendum {
namespace {

// Issue 7: with an index the longest documents are processed first; the
// report still lists files in input order.
TEST(RunReportWriterTest, ListsFilesInInputOrderWhateverTheProcessingOrder) {
  fixtures::TempDir dir;
  const std::string path = dir.path() + "/run-report.json";
  RunReportWriter report(path, 2, {}, {});
  report.set_order({"a.txt", "b.txt", "c.txt"});
  ASSERT_TRUE(report.Begin().ok());
  for (const char* name : {"c.txt", "extra.txt", "a.txt", "b.txt"}) {
    ASSERT_TRUE(report.Write(GoodDocument(name), Ok(name)).ok());
  }
  ASSERT_TRUE(report.Finish().ok());
  auto json = nlohmann::json::parse(fixtures::ReadFileOrFail(path));
  std::vector<std::string> listed;
  for (const auto& f : json["files"]) listed.push_back(f["path"]);
  EXPECT_EQ(listed, (std::vector<std::string>{"a.txt", "b.txt", "c.txt", "extra.txt"}));
}

}  // namespace
}  // namespace agendum
