#include "tests/support/pdf_fixture.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <stdlib.h>

#include <cstdio>
#include <cstdlib>
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

namespace {

// PDF 1.7 (ISO 32000-1) 7.6.3.3, algorithm 2: the padding for passwords.
constexpr unsigned char kPasswordPadding[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A};

std::string Padded(const std::string& password) {
  std::string out = password.substr(0, 32);
  out.append(reinterpret_cast<const char*>(kPasswordPadding), 32 - out.size());
  return out;
}

std::string Md5(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

// RC4 written out: OpenSSL 3 keeps it in the legacy provider, which is not
// loaded by default.
std::string Rc4(std::string_view key, std::string_view data) {
  unsigned char s[256];
  for (int i = 0; i < 256; ++i) s[i] = static_cast<unsigned char>(i);
  for (int i = 0, j = 0; i < 256; ++i) {
    j = (j + s[i] + static_cast<unsigned char>(key[i % key.size()])) & 0xFF;
    std::swap(s[i], s[j]);
  }
  std::string out(data);
  for (size_t k = 0, i = 0, j = 0; k < out.size(); ++k) {
    i = (i + 1) & 0xFF;
    j = (j + s[i]) & 0xFF;
    std::swap(s[i], s[j]);
    out[k] = static_cast<char>(out[k] ^ s[(s[i] + s[j]) & 0xFF]);
  }
  return out;
}

std::string Hex(std::string_view bytes) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes) {
    out.push_back(digits[static_cast<unsigned char>(c) >> 4]);
    out.push_back(digits[c & 0x0F]);
  }
  return out;
}

// A literal string for a content stream: backslash, parentheses escaped.
std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + ")";
}

}  // namespace

std::string MakeEncryptedPdf(const std::string& user_password, const std::string& owner_password,
                             const std::vector<std::string>& lines) {
  const std::string file_id = Md5("agendum encrypted fixture");
  const int32_t permissions = -44;  // print and copy off; every reserved bit set
  // Algorithm 3: the O entry, the padded user password under the owner key.
  const std::string owner_key =
      Md5(Padded(owner_password.empty() ? user_password : owner_password)).substr(0, 5);
  const std::string o_entry = Rc4(owner_key, Padded(user_password));
  // Algorithm 2: the file key; algorithm 4: the U entry for revision 2.
  std::string material = Padded(user_password) + o_entry;
  for (int i = 0; i < 4; ++i) {
    material.push_back(static_cast<char>((static_cast<uint32_t>(permissions) >> (8 * i)) & 0xFF));
  }
  material += file_id;
  const std::string file_key = Md5(material).substr(0, 5);
  const std::string u_entry =
      Rc4(file_key, std::string_view(reinterpret_cast<const char*>(kPasswordPadding), 32));
  // Algorithm 1: each object's strings and streams under key + object number.
  auto object_key = [&](int number) {
    std::string k = file_key;
    k.push_back(static_cast<char>(number & 0xFF));
    k.push_back(static_cast<char>((number >> 8) & 0xFF));
    k.push_back(static_cast<char>((number >> 16) & 0xFF));
    k.push_back('\0');
    k.push_back('\0');
    return Md5(k).substr(0, 10);
  };

  std::string content = "BT /F1 12 Tf 72 760 Td 16 TL\n";
  for (const std::string& line : lines) content += PdfString(line) + " Tj T*\n";
  content += "ET\n";
  const std::string stream = Rc4(object_key(5), content);

  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
      "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Filter /Standard /V 1 /R 2 /O <" + Hex(o_entry) + "> /U <" + Hex(u_entry) +
          "> /P " + std::to_string(permissions) + " >>",
  };
  std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
    out += entry;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R /Encrypt 6 0 R /ID [<" + Hex(file_id) + "> <" + Hex(file_id) +
         ">] >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return out;
}

std::string BreakXref(std::string_view pdf) {
  std::string out(pdf);
  size_t xref = out.rfind("\nxref\n");
  size_t trailer = out.find("trailer", xref == std::string::npos ? 0 : xref);
  if (xref == std::string::npos || trailer == std::string::npos) {
    ADD_FAILURE() << "no cross-reference table to break";
    return out;
  }
  // Each entry is a 20-byte line whose first ten digits are the object's
  // offset; moving every one a few bytes in makes them all point mid-object.
  size_t line = out.find('\n', xref + 6) + 1;  // after the "0 N" subsection line
  while (line + 20 <= trailer) {
    if (out.compare(line + 17, 1, "n") == 0) {
      char offset[16];
      std::snprintf(offset, sizeof offset, "%010lu",
                    std::strtoul(out.substr(line, 10).c_str(), nullptr, 10) + 7);
      out.replace(line, 10, offset);
    }
    line += 20;
  }
  return out;
}

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
