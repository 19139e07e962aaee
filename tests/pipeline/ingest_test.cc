// Ingest: PDF and text readers, including the hostile inputs STYLE.md §8
// asks for (empty, truncated, garbage, wrongly encoded, image-only).
#include "pipeline/ingest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pipeline/normalise.h"
#include "pipeline/pattern_table.h"
#include "tests/support/pdf_fixture.h"

namespace agendum {
namespace {

using fixtures::MakePdf;
using fixtures::PdfOptions;
using fixtures::PdfPage;

// UTF-8 to UTF-16 code units, then to bytes in either order. Only what the
// tests need: BMP characters.
std::u16string ToUtf16(std::string_view utf8) {
  std::u16string out;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t cp;
    int extra;
    if (c < 0x80) {
      cp = c;
      extra = 0;
    } else if ((c & 0xE0) == 0xC0) {
      cp = c & 0x1F;
      extra = 1;
    } else {
      cp = c & 0x0F;
      extra = 2;
    }
    for (int k = 1; k <= extra; ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    out.push_back(static_cast<char16_t>(cp));
    i += 1 + extra;
  }
  return out;
}

std::string Utf16Bytes(std::string_view utf8, bool little_endian, bool bom) {
  std::u16string units = ToUtf16(utf8);
  if (bom) units.insert(units.begin(), u'\xFEFF');
  std::string out;
  for (char16_t u : units) {
    char lo = static_cast<char>(u & 0xFF);
    char hi = static_cast<char>(u >> 8);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  }
  return out;
}

std::string Utf32LeBytes(std::string_view utf8) {
  std::u16string units = ToUtf16(utf8);
  std::string out("\xFF\xFE\0\0", 4);
  for (char16_t u : units) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
    out.push_back('\0');
    out.push_back('\0');
  }
  return out;
}

// A short minutes excerpt with non-ASCII characters every encoding below
// can carry: curly quotes, a pound sign, an e-acute.
constexpr std::string_view kMinutes =
    "Minutes of the Finance Committee\n"
    "The Caf\xC3\xA9 lease was renewed at \xC2\xA3"
    "4,500 a year.\n"
    "RESOLVED that the \xE2\x80\x9C"
    "Community Hub\xE2\x80\x9D project be approved.\n";

struct TextCase {
  const char* name;
  std::string bytes;
  std::string expected;  // UTF-8 text of the one page
  bool expect_decoded_warning;
};

TEST(IngestTextTest, DecodesEveryEncodingToUtf8) {
  const std::string minutes(kMinutes);
  const std::vector<TextCase> cases = {
      {"utf-8", minutes, minutes, false},
      {"utf-8 with BOM", "\xEF\xBB\xBF" + minutes, minutes, false},
      {"utf-16le with BOM", Utf16Bytes(minutes, true, true), minutes, true},
      {"utf-16be with BOM", Utf16Bytes(minutes, false, true), minutes, true},
      {"utf-16le without BOM", Utf16Bytes(minutes, true, false), minutes, true},
      {"utf-16be without BOM", Utf16Bytes(minutes, false, false), minutes, true},
      {"utf-32le with BOM", Utf32LeBytes(minutes), minutes, true},
      // Windows-1252: 0x93/0x94 curly quotes, 0x80 euro, 0xA3 pound, 0x96 en dash.
      {"windows-1252",
       "The Committee noted the \x93Town Centre Plan\x94 costs \x80"
       "12,000 and \xA3"
       "9,800 \x96 see the report from the Director of Finance for the details of "
       "the budget.\n",
       "The Committee noted the \xE2\x80\x9CTown Centre Plan\xE2\x80\x9D costs \xE2\x82\xAC"
       "12,000 and \xC2\xA3"
       "9,800 \xE2\x80\x93 see the report from the Director of Finance "
       "for the details of the budget.\n",
       true},
      // Latin-1: only 0xA0-0xFF, which Windows-1252 shares.
      {"latin-1",
       "The Caf\xE9 on the High Street asked for a licence; the fee is \xA3"
       "250 and the "
       "decision was deferred to the next meeting of the committee.\n",
       "The Caf\xC3\xA9 on the High Street asked for a licence; the fee is \xC2\xA3"
       "250 and "
       "the decision was deferred to the next meeting of the committee.\n",
       true},
  };
  for (const TextCase& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc;
    Status status = IngestText(c.bytes, {}, &doc);
    ASSERT_TRUE(status.ok()) << status.ToString();
    EXPECT_EQ(doc.format, Format::kText);
    EXPECT_EQ(doc.page_count, 1);
    ASSERT_EQ(doc.raw_pages.size(), 1u);
    EXPECT_EQ(doc.raw_pages[0], c.expected);
    ASSERT_EQ(doc.page_has_text.size(), 1u);
    EXPECT_TRUE(doc.page_has_text[0]);
    bool decoded_warning = false;
    for (const std::string& w : doc.warnings) decoded_warning |= w.rfind("decoded from", 0) == 0;
    EXPECT_EQ(decoded_warning, c.expect_decoded_warning);
  }
}

TEST(IngestTextTest, RefusesBinaryAndEmptyInput) {
  struct Case {
    const char* name;
    std::string bytes;
    StatusCode code;
  };
  static constexpr char kPng[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
  static constexpr char kNulText[] = "Minutes of the meeting\0\0\x01\x02 held on";
  const std::string png(kPng, sizeof(kPng) - 1);
  const std::vector<Case> cases = {
      {"zero bytes", "", StatusCode::kEmpty},
      {"whitespace only", " \n\t\r\n  \n", StatusCode::kEmpty},
      {"text with NUL bytes", std::string(kNulText, sizeof(kNulText) - 1), StatusCode::kCorrupt},
      {"png header", png + fixtures::RandomBytes(2000, 7), StatusCode::kCorrupt},
      {"random bytes", fixtures::RandomBytes(4096, 3), StatusCode::kCorrupt},
      // Issue 8: NUL bytes anywhere in otherwise plain text, not only at the start.
      {"a NUL byte deep in a long text",
       std::string(5000, 'a') + std::string("\0", 1) + std::string(5000, 'b'), StatusCode::kCorrupt},
      {"an executable", std::string("\x7F" "ELF\x02\x01\x01", 7) + fixtures::RandomBytes(3000, 8),
       StatusCode::kCorrupt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc;
    Status status = IngestText(c.bytes, {}, &doc);
    EXPECT_EQ(status.code(), c.code) << status.ToString();
    EXPECT_FALSE(status.message().empty());
    EXPECT_TRUE(doc.raw_pages.empty());
  }
}

// Issue 8: bytes that are not valid UTF-8 are decoded as Windows-1252 (what
// such files almost always are) with a warning, never passed on as invalid
// UTF-8 or replaced by U+FFFD.
TEST(IngestTextTest, DecodesInvalidUtf8AsWindows1252) {
  Document doc;
  ASSERT_TRUE(IngestText("Minutes: the fee of \xA3" "250 for the Caf\xE9 was agreed \x96 "
                         "and the lease renewed.\n",
                         {}, &doc)
                  .ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u);
  EXPECT_EQ(doc.raw_pages[0],
            "Minutes: the fee of \xC2\xA3" "250 for the Caf\xC3\xA9 was agreed \xE2\x80\x93 "
            "and the lease renewed.\n");
  EXPECT_EQ(doc.warnings, std::vector<std::string>{"decoded from windows-1252"});
}

TEST(IngestTextTest, CutsAtACharacterBoundary) {
  IngestOptions options;
  options.max_text_bytes = 4;
  Document doc;
  ASSERT_TRUE(IngestText("Caf\xC3\xA9 lease", options, &doc).ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u);
  EXPECT_EQ(doc.raw_pages[0], "Caf");
}

TEST(IngestTextTest, TruncatesTextOverTheLimitWithAWarning) {
  IngestOptions options;
  options.max_text_bytes = 10;
  Document doc;
  ASSERT_TRUE(IngestText("Minutes of the meeting held on 3 March", options, &doc).ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u);
  EXPECT_EQ(doc.raw_pages[0], "Minutes of");
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_NE(doc.warnings[0].find("truncated"), std::string::npos) << doc.warnings[0];
}

PdfOptions HeaderAndFooter() {
  PdfOptions options;
  options.running_header = "Wexcombe District Council - Cabinet - 4 June 2024";
  options.page_numbers = true;
  return options;
}

TEST(IngestPdfTest, ReadsEveryPageInOrder) {
  std::string pdf = MakePdf({PdfPage({"1. Apologies for absence", "Apologies were received."}),
                             PdfPage({"2. Minutes of the last meeting"}),
                             PdfPage({"3. Budget monitoring", "The report was noted."})},
                            HeaderAndFooter());
  Document doc;
  Status status = IngestPdf(pdf, {}, &doc);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(doc.format, Format::kPdf);
  EXPECT_EQ(doc.page_count, 3);
  ASSERT_EQ(doc.raw_pages.size(), 3u);
  EXPECT_EQ(doc.page_has_text, std::vector<bool>({true, true, true}));
  const char* bodies[] = {"1. Apologies for absence", "2. Minutes of the last meeting",
                          "3. Budget monitoring"};
  for (int i = 0; i < 3; ++i) {
    SCOPED_TRACE("page " + std::to_string(i + 1));
    const std::string& page = doc.raw_pages[i];
    EXPECT_NE(page.find(bodies[i]), std::string::npos) << page;
    // Ingest keeps the furniture; normalise decides what to drop.
    EXPECT_NE(page.find("Wexcombe District Council - Cabinet - 4 June 2024"), std::string::npos)
        << page;
    EXPECT_NE(page.find("Page " + std::to_string(i + 1) + " of 3"), std::string::npos) << page;
    // No text from another page leaks in.
    for (int j = 0; j < 3; ++j) {
      if (j != i) {
        EXPECT_EQ(page.find(bodies[j]), std::string::npos) << page;
      }
    }
  }
  EXPECT_TRUE(doc.warnings.empty()) << doc.warnings.front();
}

TEST(IngestPdfTest, KeepsLineOrderWithinAPage) {
  std::string pdf = MakePdf({PdfPage({"First line", "Second line", "Third line"})});
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, {}, &doc).ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u);
  const std::string& page = doc.raw_pages[0];
  size_t first = page.find("First line");
  size_t second = page.find("Second line");
  size_t third = page.find("Third line");
  ASSERT_NE(first, std::string::npos) << page;
  ASSERT_NE(second, std::string::npos) << page;
  ASSERT_NE(third, std::string::npos) << page;
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
}

TEST(IngestPdfTest, KeepsBothColumnsOfATwoColumnPage) {
  std::string pdf = MakePdf({fixtures::TwoColumnPage(
      {"Left column first", "Left column second", "Left column third"},
      {"Right column first", "Right column second", "Right column third"})});
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, {}, &doc).ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u);
  const std::string& page = doc.raw_pages[0];
  for (const char* line :
       {"Left column first", "Left column third", "Right column first", "Right column third"}) {
    EXPECT_NE(page.find(line), std::string::npos) << line << " in\n" << page;
  }
  // Each column keeps its own line order.
  EXPECT_LT(page.find("Left column first"), page.find("Left column second")) << page;
  EXPECT_LT(page.find("Right column first"), page.find("Right column second")) << page;
}

TEST(IngestPdfTest, ReadsTwoColumnsOneAfterTheOther) {
  std::string pdf = MakePdf(
      {fixtures::TwoColumnPage({"The Committee considered the report",
                                "on the leisure strategy and agreed", "to consult on it."},
                               {"The Committee then considered the",
                                "budget monitoring report and noted", "the forecast overspend."})});
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, {}, &doc).ok());
  StatusOr<std::shared_ptr<const CorpusData>> corpus = CorpusData::Load(CorpusData::DefaultRoot());
  ASSERT_TRUE(corpus.ok()) << corpus.status().ToString();
  ASSERT_TRUE(Normalise((*corpus)->patterns, {}, &doc).ok());
  size_t left_last = doc.text.find("to consult on it.");
  size_t right_first = doc.text.find("The Committee then considered");
  ASSERT_NE(left_last, std::string::npos) << doc.text;
  ASSERT_NE(right_first, std::string::npos) << doc.text;
  EXPECT_LT(left_last, right_first) << doc.text;
  EXPECT_NE(doc.text.find("The Committee considered the report on the leisure strategy"),
            std::string::npos)
      << doc.text;
}

TEST(IngestPdfTest, WarnsAboutPagesWithoutText) {
  // Page 2 is blank: a scanned page with no text layer looks the same.
  std::string pdf = MakePdf({PdfPage({"1. Apologies"}), PdfPage(), PdfPage({"3. Minutes"})});
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, {}, &doc).ok());
  EXPECT_EQ(doc.page_count, 3);
  ASSERT_EQ(doc.raw_pages.size(), 3u);
  EXPECT_EQ(doc.page_has_text, std::vector<bool>({true, false, true}));
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "no text on pages 2");
}

// Issue 8: a scanned PDF has nothing to extract; it fails with a reason the
// run report shows, instead of passing as a document without records.
TEST(IngestPdfTest, RefusesAPdfWithoutATextLayer) {
  std::string pdf = MakePdf({PdfPage(), PdfPage()});
  Document doc;
  Status status = IngestPdf(pdf, {}, &doc);
  EXPECT_EQ(status.code(), StatusCode::kEmpty) << status.ToString();
  EXPECT_EQ(status.message(), "no text layer (scanned images; OCR needed)");
  EXPECT_EQ(doc.page_count, 2);
}

TEST(IngestPdfTest, KeepsWhatFitsWhenTextIsOverTheLimit) {
  std::string pdf = MakePdf({PdfPage({"Caf\xC3\xA9 licensing policy"}), PdfPage({"Page two text"})});
  IngestOptions options;
  options.max_text_bytes = 4;  // cuts inside the two bytes of the e-acute
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, options, &doc).ok());
  ASSERT_EQ(doc.raw_pages.size(), 1u) << "page 2 is not read";
  EXPECT_LE(doc.raw_pages[0].size(), 4u);
  EXPECT_EQ(doc.raw_pages[0].find("\xC3"), std::string::npos) << "no half character";
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_EQ(doc.warnings[0], "truncated: text over the size limit on page 1");
}

// Poppler rebuilds a cross-reference table it cannot use by scanning the
// file; the document is read, with a warning that it was repaired.
TEST(IngestPdfTest, ReadsAPdfWithABrokenXref) {
  std::string pdf = fixtures::BreakXref(
      MakePdf({PdfPage({"1. Apologies for absence"}), PdfPage({"2. Minutes"})}));
  Document doc;
  Status status = IngestPdf(pdf, {}, &doc);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(doc.raw_pages.size(), 2u);
  EXPECT_NE(doc.raw_pages[0].find("1. Apologies for absence"), std::string::npos);
  EXPECT_NE(doc.raw_pages[1].find("2. Minutes"), std::string::npos);
  ASSERT_FALSE(doc.warnings.empty());
  EXPECT_EQ(doc.warnings[0].rfind("repaired: ", 0), 0u) << doc.warnings[0];
}

TEST(IngestPdfTest, StopsAtMaxPagesWithAWarning) {
  std::string pdf = MakePdf(
      {PdfPage({"Page one text"}), PdfPage({"Page two text"}), PdfPage({"Page three text"})});
  IngestOptions options;
  options.max_pages = 2;
  Document doc;
  ASSERT_TRUE(IngestPdf(pdf, options, &doc).ok());
  EXPECT_EQ(doc.page_count, 3);  // what the file has
  ASSERT_EQ(doc.raw_pages.size(), 2u);
  EXPECT_NE(doc.raw_pages[1].find("Page two text"), std::string::npos);
  ASSERT_EQ(doc.warnings.size(), 1u);
  EXPECT_EQ(doc.warnings[0], "truncated: read 2 of 3 pages");
}

TEST(IngestPdfTest, RefusesHostileInputWithAClearStatus) {
  std::string pdf = MakePdf({PdfPage({"1. Apologies"}), PdfPage({"2. Minutes"})});
  ASSERT_GT(pdf.size(), 1000u);
  struct Case {
    const char* name;
    std::string bytes;
    StatusCode code;
  };
  const std::vector<Case> cases = {
      {"zero bytes", "", StatusCode::kEmpty},
      {"header only", "%PDF-1.5\n", StatusCode::kCorrupt},
      {"cut after 100 bytes", fixtures::TruncateBytes(pdf, 100), StatusCode::kCorrupt},
      {"cut in half", fixtures::TruncateBytes(pdf, pdf.size() / 2), StatusCode::kCorrupt},
      {"random bytes", fixtures::RandomBytes(5000, 11), StatusCode::kCorrupt},
      {"random bytes after a PDF header", "%PDF-1.7\n" + fixtures::RandomBytes(5000, 12),
       StatusCode::kCorrupt},
      {"a text file named .pdf", "Minutes of the meeting held on 3 March 2025\n",
       StatusCode::kCorrupt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    Document doc;
    Status status = IngestPdf(c.bytes, {}, &doc);
    EXPECT_EQ(status.code(), c.code) << status.ToString();
    if (c.code == StatusCode::kCorrupt) {
      // The message tells an officer what is wrong with the file.
      EXPECT_NE(status.message().find("PDF"), std::string::npos) << status.ToString();
    }
    EXPECT_TRUE(doc.raw_pages.empty());
  }
}

// Issue 8: an encrypted PDF opens when its user password is empty (an owner
// password only restricts printing and copying); otherwise it is refused.
TEST(IngestPdfTest, OpensEncryptedPdfsOnlyWithAnEmptyUserPassword) {
  struct Case {
    const char* name;
    const char* user_password;
    const char* owner_password;
    StatusCode code;
  };
  const Case cases[] = {
      {"user and owner password", "secret", "owner", StatusCode::kEncrypted},
      {"user password only", "secret", "", StatusCode::kEncrypted},
      {"owner password only", "", "owner", StatusCode::kOk},
      {"no passwords", "", "", StatusCode::kOk},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    std::string pdf = fixtures::MakeEncryptedPdf(c.user_password, c.owner_password,
                                                 {"RESOLVED that the budget be approved."});
    Document doc;
    Status status = IngestPdf(pdf, {}, &doc);
    ASSERT_EQ(status.code(), c.code) << status.ToString();
    if (c.code == StatusCode::kEncrypted) {
      EXPECT_NE(status.message().find("needs a password"), std::string::npos) << status.ToString();
      EXPECT_TRUE(doc.raw_pages.empty());
    } else {
      ASSERT_EQ(doc.raw_pages.size(), 1u);
      EXPECT_NE(doc.raw_pages[0].find("RESOLVED that the budget be approved."), std::string::npos)
          << doc.raw_pages[0];
      EXPECT_EQ(doc.warnings, std::vector<std::string>{"encrypted (opened with an empty password)"});
    }
  }
}

TEST(IngestFileTest, SetsIdentityFromTheBytes) {
  fixtures::TempDir dir;
  std::string path = dir.Write("minutes.txt", "abc");
  Document doc;
  ASSERT_TRUE(IngestFile(path, {}, &doc).ok());
  EXPECT_EQ(doc.path, path);
  // SHA-256("abc") from FIPS 180-2, appendix B.1.
  EXPECT_EQ(doc.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(doc.id, "doc-ba7816bf8f01cfea");
  EXPECT_EQ(doc.format, Format::kText);
}

TEST(IngestFileTest, DispatchesPdfByExtension) {
  fixtures::TempDir dir;
  std::string path = dir.Write("pack.PDF", MakePdf({PdfPage({"Agenda"}), PdfPage({"Minutes"})}));
  Document doc;
  Status status = IngestFile(path, {}, &doc);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(doc.format, Format::kPdf);
  EXPECT_EQ(doc.page_count, 2);
}

TEST(IngestFileTest, KeepsIdentityWhenTheReaderFails) {
  fixtures::TempDir dir;
  std::string path = dir.Write("broken.pdf", fixtures::RandomBytes(300, 5));
  Document doc;
  Status status = IngestFile(path, {}, &doc);
  EXPECT_EQ(status.code(), StatusCode::kCorrupt);
  EXPECT_EQ(doc.path, path);
  EXPECT_EQ(doc.sha256.size(), 64u);
  EXPECT_EQ(doc.sha256, Sha256Hex(fixtures::RandomBytes(300, 5)));
}

TEST(IngestFileTest, ReportsMissingAndUnsupportedFiles) {
  fixtures::TempDir dir;
  Document missing;
  EXPECT_EQ(IngestFile(dir.path() + "/absent.txt", {}, &missing).code(), StatusCode::kIoError);
  Document docx;
  std::string path = dir.Write("report.docx", "PK\x03\x04");
  EXPECT_EQ(IngestFile(path, {}, &docx).code(), StatusCode::kInvalidArgument);
}

TEST(IngestFileTest, ZeroBytePdfIsEmpty) {
  fixtures::TempDir dir;
  Document doc;
  Status status = IngestFile(dir.Write("empty.pdf", ""), {}, &doc);
  EXPECT_EQ(status.code(), StatusCode::kEmpty) << status.ToString();
}

TEST(FormatForPathTest, ChoosesTheReaderFromTheExtension) {
  struct Case {
    const char* path;
    std::optional<Format> format;
  };
  const Case cases[] = {
      {"pack.pdf", Format::kPdf},
      {"PACK.PDF", Format::kPdf},
      {"papers/2024/minutes.txt", Format::kText},
      {"minutes.md", Format::kText},
      {"minutes.text", Format::kText},
      {"agenda.html", std::nullopt},
      {"report.docx", std::nullopt},
      {"README", std::nullopt},
      {"papers.pdf/README", std::nullopt},
      {"archive.pdf.zip", std::nullopt},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    EXPECT_EQ(FormatForPath(c.path), c.format);
  }
}

TEST(Sha256HexTest, MatchesKnownDigests) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace agendum
