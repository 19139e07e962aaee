// Normalise: raw page texts -> one clean UTF-8 string with page spans.
//
// Second stage, after ingest. NFKC through ICU, typographic quotes, dashes,
// soft hyphens and NBSP folded; running headers, footers and page numbers of
// PDFs (lines repeating at page edges) dropped; words hyphenated across line
// ends rejoined; wrapped lines re-flowed into one line per paragraph. Lines
// of the result are the units segmentation works on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"
#include "pipeline/status.h"

namespace agendum {

struct NormaliseOptions {
  // A line longer than this is cut into pieces at spaces (hostile input).
  size_t max_line_bytes = 20000;
  // Drop lines that repeat at the top or bottom of PDF pages.
  bool remove_running_lines = true;
};

// Consumes doc->raw_pages; fills doc->text and doc->pages.
// Uses the `normalise.*` rows of `patterns`.
Status Normalise(const PatternTable& patterns, const NormaliseOptions& options, Document* doc);

// NFKC plus the typographic folds, on any UTF-8 (invalid bytes become U+FFFD).
std::string FoldTypography(std::string_view utf8);

}  // namespace agendum
