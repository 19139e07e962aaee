// JsonlWriter: records.jsonl appears whole at Finish, with good documents only.
#include "outputs/jsonl_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "outputs/record_json.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

namespace fs = std::filesystem;

Document GoodDocument(const std::string& name) {
  Document doc;
  doc.path = name;
  doc.sha256 = Sha256Hex(name);
  doc.id = "doc-" + doc.sha256.substr(0, 16);
  doc.format = Format::kText;
  doc.page_count = 1;
  doc.text = "Minutes of " + name;
  doc.title = doc.text;
  Record r;
  r.kind = Kind::kResolution;
  r.span = {0, doc.text.size()};
  r.text = doc.text;
  doc.Add(r);
  AssignIds(&doc);
  return doc;
}

FileResult Ok(const std::string& path) { return {path, Status::Ok(), 1.5, {}}; }

TEST(JsonlWriterTest, WritesGoodDocumentsInOrderAndAppearsAtFinish) {
  fixtures::TempDir dir;
  const std::string path = dir.path() + "/records.jsonl";
  JsonlWriter writer(path);
  ASSERT_TRUE(writer.Begin().ok());
  Document first = GoodDocument("a.txt");
  Document broken;
  broken.path = "b.pdf";
  Document third = GoodDocument("c.txt");
  ASSERT_TRUE(writer.Write(first, Ok("a.txt")).ok());
  ASSERT_TRUE(writer.Write(broken, {"b.pdf", Status::Corrupt("not a PDF"), 0, {}}).ok());
  ASSERT_TRUE(writer.Write(third, Ok("c.txt")).ok());
  // Readers never see a half-written file.
  EXPECT_FALSE(fs::exists(path));
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_TRUE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  EXPECT_EQ(fixtures::ReadFileOrFail(path), DocumentJsonLines(first) + DocumentJsonLines(third));
}

TEST(JsonlWriterTest, AbandonedRunLeavesNoFiles) {
  fixtures::TempDir dir;
  const std::string path = dir.path() + "/records.jsonl";
  {
    JsonlWriter writer(path);
    ASSERT_TRUE(writer.Begin().ok());
    ASSERT_TRUE(writer.Write(GoodDocument("a.txt"), Ok("a.txt")).ok());
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

TEST(JsonlWriterTest, UnwritableFolderIsAnIoError) {
  fixtures::TempDir dir;
  JsonlWriter writer(dir.path() + "/no/such/folder/records.jsonl");
  Status status = writer.Begin();
  EXPECT_EQ(status.code(), StatusCode::kIoError);
  EXPECT_NE(status.message().find("no/such/folder"), std::string::npos) << status.message();
}

TEST(WriteFileAtomicallyTest, ReplacesTheWholeFile) {
  fixtures::TempDir dir;
  std::string path = dir.Write("report.json", "old contents that are longer");
  ASSERT_TRUE(WriteFileAtomically(path, "new").ok());
  EXPECT_EQ(fixtures::ReadFileOrFail(path), "new");
  EXPECT_FALSE(fs::exists(path + ".tmp"));
}

}  // namespace
}  // namespace agendum
