// Helpers shared by the extractors: sentences, item ranges, record making.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"

namespace agendum {

// Sentence spans inside `span` (split after . ? ! followed by a space and a
// capital or an opening quote; common abbreviations do not end a sentence).
std::vector<Span> Sentences(const Document& doc, Span span);

// Inline bullet items inside `span` ("... as follows: • Dukes head - ...
// • Grit bins - ..."), each without its bullet; the whole span when there
// are none. `bulleted` says whether any bullet was found.
std::vector<Span> BulletItems(const Document& doc, Span span, bool* bulleted);

// A record of `kind` whose text is doc.text[span] (trimmed, spaces folded).
Record MakeRecord(const Document& doc, Kind kind, Span span);

// An agenda item as blocks: [first_block, end_block), its item record index.
struct ItemRange {
  int record = -1;
  int heading_block = -1;
  int first_block = 0;
  int end_block = 0;
};
// Ranges of the item records the ItemExtractor made, in order, preceded by
// a range with record -1 for the text before the first item; one range
// covering the whole document when there are none.
std::vector<ItemRange> ItemRanges(const Document& doc);

// The innermost item record whose range holds `offset`, or -1.
int ItemAt(const Document& doc, size_t offset);

// The block holding `offset`.
int BlockAt(const Document& doc, size_t offset);

// Token F1 of the words of `a` and `b` (0..1), for spotting one text
// printed twice with small changes.
double WordOverlap(std::string_view a, std::string_view b);

// The lower-case words of a text, sorted: what WordOverlap compares, made
// once for a text compared with many others.
struct WordBag {
  std::vector<std::string> words;
};
WordBag BagOfWords(std::string_view text);
// WordOverlap of the texts the bags were made from.
double WordOverlap(const WordBag& a, const WordBag& b);

// True when the pattern matches anywhere in `text`.
bool Contains(const RE2& re, std::string_view text);

}  // namespace agendum
