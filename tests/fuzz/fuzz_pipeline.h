// What both fuzz targets share: the Pipeline, built once from the bundled
// corpus data, and the checks run on every document that gets through.
//
// A target hands the reader its bytes, runs every later stage through
// Pipeline::ProcessIngested, then does what a run does with the result
// (JSON lines, the worker hand-over) and aborts on a broken invariant, so
// libFuzzer reports it like a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "classifiers/registry.h"
#include "extractors/registry.h"
#include "outputs/record_json.h"
#include "pipeline/document_codec.h"
#include "pipeline/ingest.h"
#include "pipeline/pipeline.h"

namespace agendum::fuzzing {

// Inputs are small, so the limits are too: a fuzzer looks for crashes, not
// for how long a 2,000-page document takes.
inline IngestOptions FuzzIngestOptions() {
  IngestOptions options;
  options.max_pages = 30;
  options.max_text_bytes = size_t{1} << 20;
  return options;
}

[[noreturn]] inline void Fail(const char* what) {
  std::fprintf(stderr, "agendum fuzz: %s\n", what);
  std::abort();
}

inline const Pipeline& FuzzPipeline() {
  // Built once and kept for the life of the process (libFuzzer calls the
  // target millions of times).
  static const Pipeline* pipeline = [] {
    auto corpus = CorpusData::Load(CorpusData::DefaultRoot());
    if (!corpus.ok()) Fail(corpus.status().ToString().c_str());
    auto extractors = MakeExtractors(*corpus);
    auto pre = MakePreClassifiers(*corpus);
    auto classifiers = MakeClassifiers(*corpus);
    if (!extractors.ok() || !pre.ok() || !classifiers.ok()) Fail("cannot build the stages");
    PipelineOptions options;
    options.ingest = FuzzIngestOptions();
    return new Pipeline(*corpus, std::move(*extractors), std::move(*pre), std::move(*classifiers),
                        options);
  }();
  return *pipeline;
}

// Invariants of a finished document that every writer relies on.
inline void CheckDocument(const Document& doc) {
  for (const Page& page : doc.pages) {
    if (page.span.begin > page.span.end || page.span.end > doc.text.size()) Fail("page span");
  }
  for (const Block& block : doc.blocks) {
    if (block.span.begin > block.span.end || block.span.end > doc.text.size()) Fail("block span");
    if (block.body.begin < block.span.begin || block.body.end > block.span.end) Fail("block body");
    if (block.parent >= static_cast<int>(doc.blocks.size())) Fail("block parent");
  }
  for (const Record& r : doc.records) {
    if (r.span.begin > r.span.end || r.span.end > doc.text.size()) Fail("record span");
    if (r.parent >= static_cast<int>(doc.records.size())) Fail("record parent");
    if (r.id.empty() || r.doc_id != doc.id) Fail("record id");
  }
}

inline void RunOne(Format format, std::string_view bytes) {
  Document doc;
  doc.path = format == Format::kPdf ? "fuzz.pdf" : "fuzz.txt";
  doc.sha256 = Sha256Hex(bytes);
  doc.id = "doc-" + doc.sha256.substr(0, 16);
  IngestOptions options = FuzzIngestOptions();
  Status read = format == Format::kPdf ? IngestPdf(bytes, options, &doc)
                                       : IngestText(bytes, options, &doc);
  if (!read.ok()) {
    if (read.message().empty()) Fail("an error without a message");
    return;
  }
  if (!FuzzPipeline().ProcessIngested(&doc).ok()) return;
  CheckDocument(doc);
  std::string lines = DocumentJsonLines(doc);
  // The worker hand-over must give the writers the same document.
  FileResult result;
  result.path = doc.path;
  Document copy;
  FileResult copy_result;
  if (!DecodeResult(EncodeResult(doc, result), &copy, &copy_result).ok()) Fail("codec refused");
  if (DocumentJsonLines(copy) != lines) Fail("codec changed the records");
}

}  // namespace agendum::fuzzing
