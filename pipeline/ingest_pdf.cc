// PDF reader: the only file that includes Poppler.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "pipeline/ingest.h"

namespace agendum {
namespace {

// Poppler reports repairs ("Couldn't find trailer dictionary") through one
// global callback; each worker thread collects its own.
thread_local std::vector<std::string>* tls_poppler_messages = nullptr;

void CollectPopplerMessage(const std::string& message, void*) {
  if (tls_poppler_messages && tls_poppler_messages->size() < 20) {
    // Poppler ends some messages with a newline; a warning is one line.
    std::string line = message.substr(0, message.find_last_not_of(" \n") + 1);
    tls_poppler_messages->push_back(line);
  }
}

void InstallPopplerErrorHandler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(CollectPopplerMessage, nullptr); });
}

// UTF-16 to UTF-8 by hand: ustring::to_utf8() goes through iconv and cost a
// tenth as much as Poppler's own text extraction (issue 7). A lone
// surrogate becomes U+FFFD.
std::string ToUtf8(const poppler::ustring& s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (size_t i = 0; i < s.size(); ++i) {
    uint32_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = 0xFFFD;
    }
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace

Status IngestPdf(std::string_view bytes, const IngestOptions& options, Document* doc) {
  InstallPopplerErrorHandler();
  doc->format = Format::kPdf;
  if (bytes.empty()) return Status::Empty("zero-byte file");
  if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos) {
    return Status::Corrupt("not a PDF (no %PDF- header)");
  }
  std::vector<std::string> messages;
  tls_poppler_messages = &messages;
  struct Reset {
    ~Reset() { tls_poppler_messages = nullptr; }
  } reset;

  std::unique_ptr<poppler::document> pdf(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!pdf) return Status::Corrupt("Poppler could not open the PDF (damaged or truncated)");
  // Poppler has already tried the empty user password; a PDF with only an
  // owner password (permissions) is open at this point.
  if (pdf->is_locked()) {
    return Status::Encrypted("the PDF needs a password to open; ask the publisher for an "
                             "unprotected copy");
  }
  if (pdf->is_encrypted()) doc->warnings.push_back("encrypted (opened with an empty password)");

  int total = pdf->pages();
  if (total <= 0) return Status::Empty("PDF has no pages");
  int count = total;
  if (count > options.max_pages) {
    doc->warnings.push_back("truncated: read " + std::to_string(options.max_pages) + " of " +
                            std::to_string(total) + " pages");
    count = options.max_pages;
  }
  doc->page_count = total;
  doc->raw_pages.reserve(count);
  size_t kept = 0;
  std::vector<int> empty_pages;
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(pdf->create_page(i));
    std::string text;
    if (page) {
      text = ToUtf8(page->text(poppler::rectf(), poppler::page::physical_layout));
    }
    bool over_limit = kept + text.size() > options.max_text_bytes;
    if (over_limit) {
      // Keep what fits of this page, cut at a character boundary.
      size_t keep = options.max_text_bytes - kept;
      while (keep > 0 && (static_cast<unsigned char>(text[keep]) & 0xC0) == 0x80) --keep;
      text.resize(keep);
      doc->warnings.push_back("truncated: text over the size limit on page " +
                              std::to_string(i + 1));
    }
    kept += text.size();
    bool has_text = text.find_first_not_of(" \t\r\n\f") != std::string::npos;
    if (!has_text) empty_pages.push_back(i + 1);
    doc->raw_pages.push_back(std::move(text));
    doc->page_has_text.push_back(has_text);
    if (over_limit) break;
  }
  if (!messages.empty()) doc->warnings.push_back("repaired: " + messages.front());
  if (empty_pages.size() == doc->raw_pages.size()) {
    // Nothing to extract: a failure the report names, not an empty record.
    return Status::Empty("no text layer (scanned images; OCR needed)");
  } else if (!empty_pages.empty()) {
    std::string list;
    for (size_t i = 0; i < empty_pages.size() && i < 50; ++i) {
      list += (i ? "," : "") + std::to_string(empty_pages[i]);
    }
    doc->warnings.push_back("no text on pages " + list);
  }
  return Status::Ok();
}

}  // namespace agendum
