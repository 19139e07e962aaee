#include "tests/support/pdf_fixture.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

namespace agendum::fixtures {
namespace {

constexpr double kTabStopPoints = 150;

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void DrawText(cairo_t* cr, const std::string& family, const std::string& text, double x, double y,
              double size) {
  cairo_select_font_face(cr, family.c_str(), CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_move_to(cr, x, y);
  cairo_show_text(cr, text.c_str());
}

// Text width in points, for centring the page number.
double TextWidth(cairo_t* cr, const std::string& text) {
  cairo_text_extents_t extents;
  cairo_text_extents(cr, text.c_str(), &extents);
  return extents.x_advance;
}

void DrawColumn(cairo_t* cr, const std::string& family, const std::vector<PdfLine>& lines,
                double x_offset) {
  double y = 96;
  for (const PdfLine& line : lines) {
    y += line.font_size * 1.5;
    // Tabs separate table cells, each drawn at the next tab stop.
    size_t start = 0;
    for (int cell = 0; start <= line.text.size(); ++cell) {
      size_t tab = line.text.find('\t', start);
      std::string text = line.text.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
      if (!text.empty()) {
        DrawText(cr, family, text, line.x + x_offset + cell * kTabStopPoints, y, line.font_size);
      }
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
  }
}

}  // namespace

PdfPage TwoColumnPage(const std::vector<std::string>& left, const std::vector<std::string>& right) {
  PdfPage page;
  for (const std::string& text : left) page.lines.emplace_back(text, 56.0, 10.0);
  for (const std::string& text : right) page.right_column.emplace_back(text, 56.0, 10.0);
  return page;
}

std::string MakePdf(const std::vector<PdfPage>& pages, const PdfOptions& options) {
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(AppendToString, &out, options.width, options.height);
  // A fixed date keeps the bytes, and so the sha256 and record ids, stable.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "agendum tests");
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 0, 0, 0);
  const int total = static_cast<int>(pages.size());
  for (int i = 0; i < total; ++i) {
    const PdfPage& page = pages[i];
    if (!options.running_header.empty()) {
      DrawText(cr, options.font_family, options.running_header, 56, 40, 9);
    }
    DrawColumn(cr, options.font_family, page.lines, 0);
    if (!page.right_column.empty()) {
      // Right column starts at the middle of the page, its lines' x relative to it.
      DrawColumn(cr, options.font_family, page.right_column, options.width / 2 - 56 + 12);
    }
    if (!options.running_footer.empty()) {
      DrawText(cr, options.font_family, options.running_footer, 56, options.height - 52, 9);
    }
    if (options.page_numbers) {
      std::string number = "Page " + std::to_string(i + 1) + " of " + std::to_string(total);
      cairo_select_font_face(cr, options.font_family.c_str(), CAIRO_FONT_SLANT_NORMAL,
                             CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size(cr, 9);
      double x = (options.width - TextWidth(cr, number)) / 2;
      DrawText(cr, options.font_family, number, x, options.height - 32, 9);
    }
    cairo_show_page(cr);
  }
  cairo_status_t status = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    ADD_FAILURE() << "cairo could not write the PDF: " << cairo_status_to_string(status);
    return "";
  }
  return out;
}

std::string TruncateBytes(std::string_view pdf, size_t keep) {
  return std::string(pdf.substr(0, keep));
}

std::string RandomBytes(size_t size, uint32_t seed) {
  std::mt19937 engine(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(engine() & 0xFF);
  return out;
}

std::string MakeEncryptedPdf() { return ""; }

TempDir::TempDir() {
  std::string pattern = ::testing::TempDir() + "agendum-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
    return;
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(std::string_view name, std::string_view bytes) const {
  std::filesystem::path path = std::filesystem::path(path_) / name;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) ADD_FAILURE() << "cannot write " << path;
  return path.string();
}

std::string ReadFileOrFail(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

}  // namespace agendum::fixtures
