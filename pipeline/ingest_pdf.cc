// PDF reader: the only file that includes Poppler.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

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
    tls_poppler_messages->push_back(message);
  }
}

void InstallPopplerErrorHandler() {
  static std::once_flag once;
  std::call_once(once, [] { poppler::set_debug_error_function(CollectPopplerMessage, nullptr); });
}

std::string ToUtf8(const poppler::ustring& s) {
  poppler::byte_array bytes = s.to_utf8();
  return std::string(bytes.begin(), bytes.end());
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
  if (pdf->is_locked()) return Status::Encrypted("encrypted PDF that needs a password");
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
    bool has_text = text.find_first_not_of(" \t\r\n\f") != std::string::npos;
    if (!has_text) empty_pages.push_back(i + 1);
    kept += text.size();
    if (kept > options.max_text_bytes) {
      doc->warnings.push_back("truncated: text over the size limit after page " +
                              std::to_string(i));
      break;
    }
    doc->raw_pages.push_back(std::move(text));
    doc->page_has_text.push_back(has_text);
  }
  if (!messages.empty()) doc->warnings.push_back("repaired: " + messages.front());
  if (empty_pages.size() == doc->raw_pages.size()) {
    doc->warnings.push_back("no text layer (scanned; OCR needed)");
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
