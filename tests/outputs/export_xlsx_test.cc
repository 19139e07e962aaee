// WriteXlsx: the workbook is opened (zip + XML, read by Python's standard
// library) and its cells, header, frozen pane, widths and date format
// checked (issue 6).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "outputs/table_writer.h"
#include "tests/outputs/index_test_fixture.h"

namespace agendum {
namespace {

using index_testing::RunCommand;
using index_testing::ScratchDir;

// Prints the first sheet as JSON: cells by reference (shared strings
// resolved, rich text joined), bold runs, pane, column widths, and the
// number format of each cell's style.
constexpr const char* kReadXlsx = R"py(
import json, sys, zipfile, xml.etree.ElementTree as ET
ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
z = zipfile.ZipFile(sys.argv[1])
strings, bold_runs = [], []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", ns):
        strings.append("".join(t.text or "" for t in si.iter("{%s}t" % ns["m"])))
        for r in si.findall("m:r", ns):
            if r.find("m:rPr/m:b", ns) is not None:
                bold_runs.append(r.find("m:t", ns).text)
styles = ET.fromstring(z.read("xl/styles.xml"))
formats = {int(f.get("numFmtId")): f.get("formatCode") for f in styles.findall("m:numFmts/m:numFmt", ns)}
xfs = [int(x.get("numFmtId", "0")) for x in styles.findall("m:cellXfs/m:xf", ns)]
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
cells, cell_formats = {}, {}
for c in sheet.iter("{%s}c" % ns["m"]):
    v = c.find("m:v", ns)
    value = None if v is None else v.text
    if c.get("t") == "s" and value is not None:
        value = strings[int(value)]
    cells[c.get("r")] = value
    cell_formats[c.get("r")] = formats.get(xfs[int(c.get("s", "0"))], "")
pane = sheet.find("m:sheetViews/m:sheetView/m:pane", ns)
cols = [float(c.get("width")) for c in sheet.findall("m:cols/m:col", ns)]
links = [h.get("ref") for h in sheet.findall("m:hyperlinks/m:hyperlink", ns)]
print(json.dumps({"cells": cells, "formats": cell_formats, "bold": bold_runs,
                  "pane": None if pane is None else dict(pane.attrib), "cols": cols,
                  "links": links, "sheets": [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]}))
)py";

Table SampleTable() {
  Table t;
  t.title = "Decisions register";
  t.columns = {
      {"date", "Date", ColumnType::kDate, 12},
      {"text", "Decision", ColumnType::kText, 60},
      {"page", "Page", ColumnType::kNumber, 7},
      {"key", "Key decision", ColumnType::kBool, 10},
      {"path", "File", ColumnType::kText, 30},
      {"record", "Record", ColumnType::kJson, 0},
  };
  t.rows = {
      {{"2024-03-14"}, {"the \x02library\x03 be closed"}, {"3"}, {"1"},
       {"https://example.org/a.pdf", "https://example.org/a.pdf#page=3"}, {"{}"}},
      {{"not a date"}, {"=HYPERLINK(\"http://evil\",\"x\")"}, {std::nullopt}, {"0"}, {"b.pdf"}, {}},
      {{std::nullopt}, {"+44 1234"}, {}, {}, {"@SUM(A1)"}, {}},
      {{"1999-12-31"}, {"-5 degrees <b>&amp;</b>"}, {"12"}, {}, {"c.pdf"}, {}},
  };
  return t;
}

class ExportXlsxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("out.xlsx");
    Status st = WriteTable(SampleTable(), TableFormat::kXlsx, path_);
    ASSERT_TRUE(st.ok()) << st.ToString();
    std::string script = dir_.Write("read.py", kReadXlsx);
    sheet_ = nlohmann::json::parse(RunCommand("python3 " + script + " " + path_));
  }
  std::string Cell(const std::string& ref) {
    const auto& v = sheet_["cells"][ref];
    return v.is_null() ? "∅" : v.get<std::string>();
  }

  ScratchDir dir_;
  std::string path_;
  nlohmann::json sheet_;
};

TEST_F(ExportXlsxTest, IsAZipWorkbookWithOneSheet) {
  std::string bytes = index_testing::ReadFile(path_);
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("PK\x03\x04", 4));
  EXPECT_EQ(sheet_["sheets"], nlohmann::json::array({"xl/worksheets/sheet1.xml"}));
  EXPECT_FALSE(std::filesystem::exists(path_ + ".tmp"));
}

TEST_F(ExportXlsxTest, HeaderRowFrozenWithWidths) {
  EXPECT_EQ(Cell("A1"), "Date");
  EXPECT_EQ(Cell("B1"), "Decision");
  EXPECT_EQ(Cell("E1"), "File");
  EXPECT_FALSE(sheet_["cells"].contains("F1"));  // the JSON column is left out
  ASSERT_TRUE(sheet_["pane"].is_object());
  EXPECT_EQ(sheet_["pane"]["ySplit"], "1");
  EXPECT_EQ(sheet_["pane"]["state"], "frozen");
  ASSERT_EQ(sheet_["cols"].size(), 5u);
  EXPECT_GT(sheet_["cols"][1].get<double>(), 50.0);
}

TEST_F(ExportXlsxTest, DatesAreDatesAndNumbersAreNumbers) {
  // Excel's serial day number for 2024-03-14.
  EXPECT_EQ(Cell("A2"), "45365");
  EXPECT_EQ(sheet_["formats"]["A2"], "yyyy-mm-dd");
  EXPECT_EQ(Cell("A5"), "36525");
  EXPECT_EQ(Cell("A3"), "not a date");  // unparseable dates stay text
  EXPECT_EQ(Cell("C2"), "3");
  EXPECT_EQ(Cell("D2"), "yes");
  EXPECT_EQ(Cell("D3"), "no");
}

TEST_F(ExportXlsxTest, FormulasAreNeutralisedAndTextKeptWhole) {
  EXPECT_EQ(Cell("B3"), "'=HYPERLINK(\"http://evil\",\"x\")");
  EXPECT_EQ(Cell("B4"), "'+44 1234");
  EXPECT_EQ(Cell("E4"), "'@SUM(A1)");
  EXPECT_EQ(Cell("B5"), "'-5 degrees <b>&amp;</b>");
  // No cell is a formula.
  std::string sheet = RunCommand("python3 -c \"import zipfile,sys; "
                                 "print(zipfile.ZipFile(sys.argv[1]).read('xl/worksheets/sheet1.xml')"
                                 ".decode())\" " + path_);
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
}

TEST_F(ExportXlsxTest, MatchesAreBoldAndLinksKept) {
  EXPECT_EQ(Cell("B2"), "the library be closed");
  EXPECT_EQ(sheet_["bold"], nlohmann::json::array({"library"}));
  EXPECT_EQ(Cell("E2"), "https://example.org/a.pdf");
  EXPECT_EQ(sheet_["links"], nlohmann::json::array({"E2"}));
}

}  // namespace
}  // namespace agendum
