// Document codec: a finished Document and its FileResult as bytes, and back.
//
// How an isolated worker process (pipeline/worker_pool.cc) hands one file's
// result to the runner, which rebuilds the Document and feeds the writers
// exactly as if it had been processed in-process. Everything the pipeline
// leaves on a Document travels except `raw_pages`, which normalise has
// consumed. The format is private to one run (both ends are the same binary):
// no versioning, native-endian fixed-width integers.
//
// A field added to Document or Record must be added to Encode and Decode in
// document_codec.cc; tests/pipeline/document_codec_test.cc fills every field
// and fails when one does not survive the round trip.
#pragma once

#include <string>
#include <string_view>

#include "pipeline/document.h"
#include "pipeline/stage.h"
#include "pipeline/status.h"

namespace agendum {

// Bytes for `doc` (minus raw_pages) and `result`.
std::string EncodeResult(const Document& doc, const FileResult& result);

// Rebuilds what EncodeResult wrote into fresh `doc` and `result`. kCorrupt
// when `bytes` is cut short or malformed (a worker that died mid-write).
Status DecodeResult(std::string_view bytes, Document* doc, FileResult* result);

}  // namespace agendum
