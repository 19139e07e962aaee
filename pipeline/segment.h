// Segment: normalised text -> blocks (headings, paragraphs, list items).
//
// Third stage. Each line of Document::text is one block. A block's list label
// is read as printed (`1.`, `(a)`, `a)`, `(i)`, `3.2`, `•`, `Minute 23/45`)
// using the `segment.label_*` rows of the pattern table, and nested by the
// order in which label styles appear: a new style opens a level, a style that
// is already open closes back to its level, a heading closes every level.
#pragma once

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"
#include "pipeline/status.h"

namespace agendum {

struct SegmentOptions {
  // Deeper lists are flattened to this depth (hostile input).
  int max_depth = 12;
  // Longest line that can still be a heading.
  size_t max_heading_bytes = 140;
};

Status Segment(const PatternTable& patterns, const SegmentOptions& options, Document* doc);

// The label style and key of a line's leading label, if any; exposed for
// extractors that split inline lists.
struct LabelMatch {
  LabelStyle style = LabelStyle::kNone;
  std::string key;       // "2", "a", "3.2"
  std::string printed;   // "2.", "(a)"
  size_t body = 0;       // offset in the line where the text after it starts
};
LabelMatch MatchLabel(const PatternTable& patterns, std::string_view line);

// True when `key` of `style` can follow `previous` as the next sibling
// ("b" after "a", "3" after "2", "ii" after "i").
bool IsNextLabel(LabelStyle style, std::string_view previous, std::string_view key);
// How a printed label is punctuated: "(a)" -> "(x)", "12." -> "x.".
std::string LabelShape(std::string_view printed);
// Roman numeral value, 0 when `s` is not one.
int RomanValue(std::string_view s);

}  // namespace agendum
