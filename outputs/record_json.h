// Record and Document to JSON in the `agendum/1` field order.
//
// Shared by the JSONL writer and anything that prints records (`agendum
// extract`). Output is deterministic: fixed key order, no timestamps.
#pragma once

#include <string>

#include "pipeline/document.h"

namespace agendum {

// One line of records.jsonl (no trailing newline) for the document record.
std::string DocumentJson(const Document& doc);
// One line for a record of `doc`.
std::string RecordJson(const Document& doc, const Record& r);
// Every line of a document: the document record, then its records.
std::string DocumentJsonLines(const Document& doc);

}  // namespace agendum
