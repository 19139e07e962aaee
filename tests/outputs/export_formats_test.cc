// TableWriter text formats: csv, jsonl, md and html, with hostile cell text
// (issue 6). The html is parsed by Python's html.parser to check that what
// a browser sees is exactly the cell text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "outputs/table_writer.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::RunCommand;
using index_testing::ScratchDir;

const char* kHostile = "<script>alert(\"x\")</script> & 'quoted' </td></tr>";

Table SampleTable() {
  Table t;
  t.title = "Search <results> & more";
  t.columns = {
      {"text", "Text", ColumnType::kText, 40},
      {"date", "Date", ColumnType::kDate, 12},
      {"page", "Page", ColumnType::kNumber, 6},
      {"key", "Key decision", ColumnType::kBool, 8},
      {"path", "File", ColumnType::kText, 20},
      {"record", "Record", ColumnType::kJson, 0},
  };
  t.rows = {
      {{"the \x02library\x03 closed"}, {"2024-03-14"}, {"3"}, {"1"},
       {"papers/a b.pdf", "papers/a%20b.pdf#page=3"}, {"{\"id\":\"r1\"}"}},
      {{kHostile}, {std::nullopt}, {std::nullopt}, {"0"}, {"x.pdf"}, {"{}"}},
      {{"=HYPERLINK(\"http://evil\")"}, {}, {}, {}, {"-1+2"}, {}},
      {{"a,b \"quoted\"\nline two | pipe * star _under_ [link](x)"}, {}, {}, {}, {"@SUM(A1)"}, {}},
  };
  return t;
}

TEST(ExportCsvTest, QuotesNeutralisesAndMarks) {
  std::string csv = RenderCsv(SampleTable());
  EXPECT_EQ(csv,
            "Text,Date,Page,Key decision,File\r\n"
            "the **library** closed,2024-03-14,3,yes,papers/a b.pdf\r\n"
            "\"<script>alert(\"\"x\"\")</script> & 'quoted' </td></tr>\",,,no,x.pdf\r\n"
            "\"'=HYPERLINK(\"\"http://evil\"\")\",,,,'-1+2\r\n"
            "\"a,b \"\"quoted\"\"\nline two | pipe * star _under_ [link](x)\",,,,'@SUM(A1)\r\n");
}

TEST(ExportJsonlTest, TypedValuesAndEmbeddedRecord) {
  std::string jsonl = RenderJsonl(SampleTable());
  std::vector<nlohmann::json> rows;
  size_t start = 0;
  while (start < jsonl.size()) {
    size_t end = jsonl.find('\n', start);
    ASSERT_NE(end, std::string::npos);
    rows.push_back(nlohmann::json::parse(jsonl.substr(start, end - start)));
    start = end + 1;
  }
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["text"], "the **library** closed");
  EXPECT_EQ(rows[0]["page"], 3);
  EXPECT_EQ(rows[0]["key"], true);
  EXPECT_EQ(rows[0]["record"]["id"], "r1");
  EXPECT_TRUE(rows[1]["date"].is_null());
  EXPECT_EQ(rows[1]["text"], kHostile);
  EXPECT_EQ(rows[2]["text"], "=HYPERLINK(\"http://evil\")");  // data, not for a spreadsheet
  EXPECT_TRUE(rows[2]["record"].is_null());
}

TEST(ExportMarkdownTest, EscapesTableSyntax) {
  std::string md = RenderMarkdown(SampleTable());
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < md.size()) {
    size_t end = md.find('\n', start);
    lines.push_back(md.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "| Text | Date | Page | Key decision | File |");
  EXPECT_EQ(lines[1], "| --- | --- | ---: | --- | --- |");
  EXPECT_EQ(lines[2],
            "| the **library** closed | 2024-03-14 | 3 | yes | [papers/a b.pdf](papers/a%20b.pdf#page=3) |");
  EXPECT_EQ(lines[3],
            "| &lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 'quoted' &lt;/td&gt;&lt;/tr&gt; |  |  "
            "| no | x.pdf |");
  EXPECT_EQ(lines[5],
            "| a,b \"quoted\"<br>line two \\| pipe \\* star \\_under\\_ \\[link\\](x) |  |  |  | "
            "@SUM(A1) |");
  // Every row has as many cells as the header.
  for (const auto& line : lines) {
    size_t bars = 0;
    for (size_t i = 0; i < line.size(); ++i) bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
    EXPECT_EQ(bars, 6u) << line;
  }
}

TEST(ExportHtmlTest, ParsedCellsEqualTheTextAndNothingIsInjected) {
  ScratchDir dir;
  Table table = SampleTable();
  std::string html_path = dir.Write("out.html", RenderHtml(table));
  std::string script = dir.Write("parse.py", R"py(
import html.parser, json, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = {}
        self.rows = []
        self.cell = None
        self.links = []
        self.marks = 0
        self.title = ""
        self.in_title = False
    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "tr": self.rows.append([])
        if tag in ("td", "th"): self.cell = ""
        if tag == "a": self.links.append(dict(attrs)["href"])
        if tag == "mark": self.marks += 1
        if tag == "title": self.in_title = True
    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell); self.cell = None
        if tag == "title": self.in_title = False
    def handle_data(self, data):
        if self.cell is not None: self.cell += data
        if self.in_title: self.title += data
p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print(json.dumps({"tags": p.tags, "rows": p.rows, "links": p.links, "marks": p.marks,
                  "title": p.title}))
)py");
  nlohmann::json parsed = nlohmann::json::parse(RunCommand("python3 " + script + " " + html_path));
  EXPECT_EQ(parsed["title"], "Search <results> & more");
  EXPECT_FALSE(parsed["tags"].contains("script"));
  EXPECT_EQ(parsed["tags"]["table"], 1);
  EXPECT_EQ(parsed["tags"]["tr"], 5);
  EXPECT_EQ(parsed["marks"], 1);
  ASSERT_EQ(parsed["rows"].size(), 5u);
  EXPECT_EQ(parsed["rows"][0],
            nlohmann::json::array({"Text", "Date", "Page", "Key decision", "File"}));
  EXPECT_EQ(parsed["rows"][1],
            nlohmann::json::array({"the library closed", "2024-03-14", "3", "yes", "papers/a b.pdf"}));
  EXPECT_EQ(parsed["rows"][2][0], kHostile);
  EXPECT_EQ(parsed["rows"][4][0], "a,b \"quoted\"\nline two | pipe * star _under_ [link](x)");
  EXPECT_EQ(parsed["links"], nlohmann::json::array({"papers/a%20b.pdf#page=3"}));
  // Self-contained: no external resources.
  std::string html = RenderHtml(table);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
}

TEST(PageLinkTest, EncodesPathsAndAddsThePage) {
  EXPECT_EQ(PageLink("papers/a.pdf", 4), "papers/a.pdf#page=4");
  EXPECT_EQ(PageLink("/srv/papers/Cabinet 2024 (final).pdf", 12),
            "file:///srv/papers/Cabinet%202024%20%28final%29.pdf#page=12");
  EXPECT_EQ(PageLink("notes/minutes.txt", std::nullopt), "notes/minutes.txt");
  EXPECT_EQ(PageLink("a\"><script>.pdf", 1), "a%22%3E%3Cscript%3E.pdf#page=1");
}

TEST(TableFormatTest, FromNameAndExtension) {
  EXPECT_EQ(TableFormatFromString("csv"), TableFormat::kCsv);
  EXPECT_EQ(TableFormatFromString("md"), TableFormat::kMarkdown);
  EXPECT_EQ(TableFormatFromString("xls"), std::nullopt);
  EXPECT_EQ(TableFormatForPath("out/register.XLSX"), TableFormat::kXlsx);
  EXPECT_EQ(TableFormatForPath("report.htm"), TableFormat::kHtml);
  EXPECT_EQ(TableFormatForPath("results.jsonl"), TableFormat::kJsonl);
  EXPECT_EQ(TableFormatForPath("dir.v2/results"), std::nullopt);
}

TEST(WriteTableTest, XlsxNeedsAFile) {
  Status st = WriteTable(SampleTable(), TableFormat::kXlsx, "");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace agendum
