// Ingest: bytes of one input file -> Document with raw page texts (UTF-8).
//
// The first stage. PDFs are read page by page through poppler-cpp in reading
// order (ingest_pdf.cc); text files are decoded from whatever encoding they
// arrive in (ingest_text.cc, ICU's charset detector). Expected failures
// (encrypted, corrupt, empty, binary) come back as a Status naming the cause.
// Thread-safe: each call works on its own Document.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/document.h"
#include "pipeline/status.h"

namespace agendum {

struct IngestOptions {
  // Pages read at most from one PDF; the rest are dropped with a warning.
  int max_pages = 2000;
  // Bytes of text kept at most per document; the rest is dropped with a warning.
  size_t max_text_bytes = size_t{64} << 20;
};

// What kind of reader a path gets, from its extension; nullopt = skipped.
std::optional<Format> FormatForPath(std::string_view path);

// Fills doc->raw_pages, page_count, page_has_text and warnings from a PDF.
Status IngestPdf(std::string_view bytes, const IngestOptions& options, Document* doc);

// Fills doc->raw_pages (one page) from text in UTF-8, UTF-16 (with or without
// BOM), UTF-32, Windows-1252 or Latin-1. Refuses binary data.
Status IngestText(std::string_view bytes, const IngestOptions& options, Document* doc);

// Reads `path`, sets path, sha256, id and format, then calls the reader.
// On failure `doc` keeps what was learnt (path, sha256) for the run report.
Status IngestFile(const std::string& path, const IngestOptions& options, Document* doc);

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace agendum
