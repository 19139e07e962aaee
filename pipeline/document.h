// Document: the model every stage shares, from ingest to output.
//
// Ingest fills `raw_pages`; normalise turns them into `text` (one string,
// pages separated by a blank line) with `pages` giving each page's span;
// segment adds `blocks`; extractors append `records`; classifiers fill their
// own fields on records and `doc_type`. Stages add, they never rewrite an
// earlier stage's output. Not thread-safe; one Document belongs to one worker.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/record.h"

namespace agendum {

enum class Format { kPdf, kText, kHtml };
std::string_view ToString(Format f);

struct Page {
  int number = 0;     // 1-based
  Span span;          // into Document::text
  bool has_text = true;
};

enum class BlockType { kHeading, kParagraph, kListItem };
std::string_view ToString(BlockType t);

// How a list label is written; nesting is decided by the order in which
// styles appear (a new style nests, a style already open closes back to it).
enum class LabelStyle {
  kNone,
  kNumber,        // 1.  1)  12
  kDotted,        // 3.2  1.1.4
  kLetterLower,   // (a)  a)  a.
  kLetterUpper,   // (A)  A)  A.
  kRomanLower,    // (i)  ii)
  kRomanUpper,    // (IV)
  kBullet,        // •  -  *  o
  kMinute,        // 23/45  Minute 12
};

struct Block {
  BlockType type = BlockType::kParagraph;
  Span span;              // whole line, label included
  Span body;              // text after the label
  int page = 0;           // 1-based; 0 when the document has no pages
  std::string label;      // as printed without brackets and dots: "1", "a", "3.2"
  std::string label_printed;  // as printed: "(a)", "1."
  LabelStyle style = LabelStyle::kNone;
  int depth = 0;          // list nesting, 0 = top
  int parent = -1;        // index of the enclosing list block, -1 = none
  std::string DebugString(std::string_view text) const;
};

struct Document {
  // Identity.
  std::string path;
  std::string sha256;
  std::string id;         // "doc-" + first 16 hex digits of sha256
  Format format = Format::kText;
  int page_count = 0;

  // Ingest output; normalise consumes and clears it.
  std::vector<std::string> raw_pages;
  std::vector<bool> page_has_text;

  // Normalised text and its structure.
  std::string text;
  std::vector<Page> pages;
  std::vector<Block> blocks;

  // Document-level fields of the document record.
  std::string title;
  DocType doc_type = DocType::kOther;
  std::optional<std::string> body;
  std::optional<std::string> meeting_date;
  std::vector<std::string> warnings;
  std::map<std::string, std::string> why;

  std::vector<Record> records;

  std::string_view Slice(Span s) const { return std::string_view(text).substr(s.begin, s.size()); }
  // Characters (code points) before byte `offset` of `text`: the SCHEMA's
  // `span` counts characters. Uses `char_checkpoints` when Normalise built them.
  size_t CharOffset(size_t offset) const;
  // Characters before every kCheckpointBytes-th byte of `text`.
  static constexpr size_t kCheckpointBytes = 4096;
  std::vector<size_t> char_checkpoints;
  void BuildCharCheckpoints();
  // 1-based page holding `offset`; nullopt for documents without pages.
  std::optional<int> PageAt(size_t offset) const;
  // Appends a record and returns its index.
  int Add(Record r);
};

}  // namespace agendum
