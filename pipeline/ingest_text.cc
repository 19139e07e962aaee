// Text reader: decodes any common encoding to UTF-8 with ICU, and the file
// entry point that dispatches on the extension.
// The SHA256_* functions digest without OpenSSL 3's provider machinery, whose
// set-up and tear-down took a sixth of a re-run over an unchanged corpus
// (issue 7); deprecated in 3.0, still supported, the same code inside.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <memory>
#include <sstream>

#include "pipeline/ingest.h"

namespace agendum {
namespace {

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

StatusOr<std::string> Convert(std::string_view bytes, const char* charset) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> from(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err)) return Status::Corrupt(std::string("unknown encoding ") + charset);
  std::unique_ptr<UConverter, void (*)(UConverter*)> to(ucnv_open("UTF-8", &err), ucnv_close);
  if (U_FAILURE(err)) return Status::Corrupt("no UTF-8 converter");
  std::string out(bytes.size() * 3 + 16, '\0');
  char* target = out.data();
  const char* source = bytes.data();
  ucnv_convertEx(to.get(), from.get(), &target, out.data() + out.size(), &source,
                 bytes.data() + bytes.size(), nullptr, nullptr, nullptr, nullptr, true, true,
                 &err);
  if (U_FAILURE(err)) {
    return Status::Corrupt(std::string("cannot decode as ") + charset + ": " + u_errorName(err));
  }
  out.resize(target - out.data());
  return out;
}

// UTF-16 without a BOM shows as NUL in every other byte of ASCII text.
std::optional<const char*> GuessBomlessUtf16(std::string_view b) {
  size_t n = std::min<size_t>(b.size() & ~size_t{1}, 4096);
  if (n < 4) return std::nullopt;
  size_t even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i < n; i += 2) {
    even_nul += b[i] == '\0';
    odd_nul += b[i + 1] == '\0';
  }
  size_t pairs = n / 2;
  if (odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs) return "UTF-16LE";
  if (even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs) return "UTF-16BE";
  return std::nullopt;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const unsigned int len = SHA256_DIGEST_LENGTH;
  SHA256_CTX context;
  SHA256_Init(&context);
  SHA256_Update(&context, bytes.data(), bytes.size());
  SHA256_Final(digest, &context);
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(hex[digest[i] >> 4]);
    out.push_back(hex[digest[i] & 15]);
  }
  return out;
}

std::optional<Format> FormatForPath(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  std::string ext = Lower(path.substr(dot + 1));
  if (ext == "pdf") return Format::kPdf;
  if (ext == "txt" || ext == "text" || ext == "md") return Format::kText;
  return std::nullopt;
}

Status IngestText(std::string_view bytes, const IngestOptions& options, Document* doc) {
  doc->format = Format::kText;
  if (bytes.empty()) return Status::Empty("zero-byte file");
  std::string utf8;
  const char* charset = nullptr;
  auto starts = [&](std::string_view p) { return bytes.substr(0, p.size()) == p; };
  if (starts("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    charset = "UTF-8";
  } else if (starts(std::string_view("\xFF\xFE\0\0", 4))) {
    charset = "UTF-32LE";
    bytes.remove_prefix(4);
  } else if (starts(std::string_view("\0\0\xFE\xFF", 4))) {
    charset = "UTF-32BE";
    bytes.remove_prefix(4);
  } else if (starts("\xFF\xFE")) {
    charset = "UTF-16LE";
    bytes.remove_prefix(2);
  } else if (starts("\xFE\xFF")) {
    charset = "UTF-16BE";
    bytes.remove_prefix(2);
  } else if (auto utf16 = GuessBomlessUtf16(bytes)) {
    charset = *utf16;
  }
  if (!charset && bytes.find('\0') != std::string_view::npos) {
    return Status::Corrupt("binary data, not text (NUL bytes)");
  }
  if (!charset && IsValidUtf8(bytes)) charset = "UTF-8";
  if (!charset) {
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, void (*)(UCharsetDetector*)> det(ucsdet_open(&err),
                                                                       ucsdet_close);
    if (U_SUCCESS(err)) {
      ucsdet_setText(det.get(), bytes.data(),
                     static_cast<int32_t>(std::min<size_t>(bytes.size(), 1 << 20)), &err);
      const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
      if (U_SUCCESS(err) && match) charset = ucsdet_getName(match, &err);
    }
    // Latin-1 and Windows-1252 differ only in 0x80-0x9F, where Latin-1 has
    // control codes no text uses: decode both as Windows-1252.
    std::string lower = charset ? Lower(charset) : "";
    if (!charset || lower == "iso-8859-1" || lower == "us-ascii" || lower.rfind("utf", 0) == 0) {
      charset = "windows-1252";
    }
    doc->warnings.push_back(std::string("decoded from ") + charset);
  }
  if (std::string_view(charset) == "UTF-8") {
    utf8.assign(bytes);
  } else {
    AGENDUM_ASSIGN_OR_RETURN(utf8, Convert(bytes, charset));
    if (std::string_view(charset).rfind("UTF-", 0) == 0 && std::string_view(charset) != "UTF-8") {
      doc->warnings.push_back(std::string("decoded from ") + charset);
    }
  }
  // Control characters other than tab, newline, CR and form feed mean the
  // bytes were not text in this encoding.
  size_t controls = std::count_if(utf8.begin(), utf8.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return u < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  });
  if (controls * 100 > utf8.size() + 100) return Status::Corrupt("binary data, not text");
  if (utf8.find_first_not_of(" \t\r\n\f") == std::string::npos) {
    return Status::Empty("no text in file");
  }
  if (utf8.size() > options.max_text_bytes) {
    // Cut at a character boundary, never inside a UTF-8 sequence.
    size_t keep = options.max_text_bytes;
    while (keep > 0 && (static_cast<unsigned char>(utf8[keep]) & 0xC0) == 0x80) --keep;
    utf8.resize(keep);
    doc->warnings.push_back("truncated: text over the size limit");
  }
  doc->raw_pages.push_back(std::move(utf8));
  doc->page_has_text.push_back(true);
  doc->page_count = 1;
  return Status::Ok();
}

Status IngestFile(const std::string& path, const IngestOptions& options, Document* doc) {
  doc->path = path;
  std::optional<Format> format = FormatForPath(path);
  if (!format) return Status::InvalidArgument("unsupported file type");
  doc->format = *format;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot open file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IoError("read failed");
  std::string bytes = std::move(buffer).str();
  doc->sha256 = Sha256Hex(bytes);
  doc->id = "doc-" + doc->sha256.substr(0, 16);
  return *format == Format::kPdf ? IngestPdf(bytes, options, doc)
                                 : IngestText(bytes, options, doc);
}

}  // namespace agendum
