// Synthetic input files for tests: PDFs drawn with cairo, text files in any
// byte encoding, and hostile inputs (truncated PDFs, random bytes).
//
// Ingest and CLI tests build their inputs here instead of committing binary
// fixtures, so every test says in code what its PDF holds. PDFs are
// deterministic: the same pages give the same bytes (fixed creation date).
//
//   fixtures::PdfOptions options;
//   options.running_header = "Borsetshire County Council - Cabinet";
//   options.page_numbers = true;
//   std::string pdf = fixtures::MakePdf(
//       {fixtures::PdfPage({"1. Apologies"}), fixtures::PdfPage({"2. Minutes"})}, options);
//   fixtures::TempDir dir;
//   std::string path = dir.Write("pack.pdf", pdf);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace agendum::fixtures {

// One line of text on a page. Lines are stacked top to bottom.
struct PdfLine {
  PdfLine(const char* t) : text(t) {}             // NOLINT: lets pages be written as {"a", "b"}
  PdfLine(std::string t) : text(std::move(t)) {}  // NOLINT
  PdfLine(std::string t, double x_points, double size)
      : text(std::move(t)), x(x_points), font_size(size) {}
  std::string text;  // UTF-8; drawn with cairo's toy font API; '\t' starts a
                     // table cell at the next 150-point tab stop
  double x = 72;     // left edge in points from the page's left side
  double font_size = 11;
};

// One page: a single column of lines, or two columns side by side when
// `right_column` is not empty (`lines` is then the left column).
struct PdfPage {
  PdfPage() = default;
  PdfPage(std::vector<PdfLine> l) : lines(std::move(l)) {}  // NOLINT: pages as brace lists
  std::vector<PdfLine> lines;
  std::vector<PdfLine> right_column;
};

// Builds a two-column page: `left` from x = 56, `right` from the page middle.
PdfPage TwoColumnPage(const std::vector<std::string>& left, const std::vector<std::string>& right);

struct PdfOptions {
  double width = 595;  // points; A4 portrait
  double height = 842;
  // Printed at the top of every page when not empty.
  std::string running_header;
  // Printed at the bottom of every page when not empty (above the page number).
  std::string running_footer;
  // "Page N of M" centred at the bottom of every page.
  bool page_numbers = false;
  std::string font_family = "DejaVu Sans";
};

// PDF bytes for `pages`. Fails the current test (ADD_FAILURE) and returns ""
// when cairo reports an error.
std::string MakePdf(const std::vector<PdfPage>& pages, const PdfOptions& options = {});

// The first `keep` bytes of `pdf`: a download cut short (no xref, no trailer).
std::string TruncateBytes(std::string_view pdf, size_t keep);

// `size` pseudo-random bytes from `seed` (the same seed gives the same bytes).
std::string RandomBytes(size_t size, uint32_t seed = 1);

// A one-page PDF holding `lines` (Helvetica), encrypted with the standard
// security handler, revision 2 (RC4, 40-bit key), built by hand because cairo
// cannot encrypt. With an empty `user_password` any reader opens it (the
// owner password only guards permissions); otherwise it needs the password.
std::string MakeEncryptedPdf(const std::string& user_password, const std::string& owner_password,
                             const std::vector<std::string>& lines = {"Encrypted minutes"});

// `pdf` (from MakePdf) with every cross-reference offset pointing a few
// bytes into its object: Poppler must rebuild the table by scanning the file.
std::string BreakXref(std::string_view pdf);

// A fresh folder under testing::TempDir(), removed with everything in it
// when this object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `bytes` to path()/`name` (creating sub-folders in `name`) and
  // returns the full path. Fails the current test when the write fails.
  std::string Write(std::string_view name, std::string_view bytes) const;

 private:
  std::string path_;
};

// Reads a whole file; "" (and a test failure) when it cannot be read.
std::string ReadFileOrFail(const std::string& path);

}  // namespace agendum::fixtures
