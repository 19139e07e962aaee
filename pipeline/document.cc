#include "pipeline/document.h"

#include <algorithm>
#include <sstream>

namespace agendum {

std::string_view ToString(Format f) {
  switch (f) {
    case Format::kPdf: return "pdf";
    case Format::kText: return "txt";
    case Format::kHtml: return "html";
  }
  return "txt";
}

std::string_view ToString(BlockType t) {
  switch (t) {
    case BlockType::kHeading: return "heading";
    case BlockType::kParagraph: return "paragraph";
    case BlockType::kListItem: return "item";
  }
  return "paragraph";
}

std::string Block::DebugString(std::string_view text) const {
  std::ostringstream out;
  out << ToString(type) << " d" << depth;
  if (!label.empty()) out << " [" << label << "]";
  if (parent >= 0) out << " ^" << parent;
  out << " " << text.substr(body.begin, body.end - body.begin);
  return out.str();
}

std::optional<int> Document::PageAt(size_t offset) const {
  if (format != Format::kPdf || pages.empty()) return std::nullopt;
  auto it = std::upper_bound(pages.begin(), pages.end(), offset,
                             [](size_t off, const Page& p) { return off < p.span.begin; });
  if (it == pages.begin()) return pages.front().number;
  return std::prev(it)->number;
}

namespace {

size_t CountChars(std::string_view bytes) {
  size_t n = 0;
  for (char c : bytes) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

void Document::BuildCharCheckpoints() {
  char_checkpoints.clear();
  size_t chars = 0;
  for (size_t at = 0; at <= text.size(); at += kCheckpointBytes) {
    char_checkpoints.push_back(chars);
    chars += CountChars(std::string_view(text).substr(at, kCheckpointBytes));
  }
}

size_t Document::CharOffset(size_t offset) const {
  offset = std::min(offset, text.size());
  size_t block = offset / kCheckpointBytes;
  if (block >= char_checkpoints.size()) return CountChars(std::string_view(text).substr(0, offset));
  size_t start = block * kCheckpointBytes;
  return char_checkpoints[block] + CountChars(std::string_view(text).substr(start, offset - start));
}

int Document::Add(Record r) {
  r.doc_id = id;
  if (!r.page) r.page = PageAt(r.span.begin);
  records.push_back(std::move(r));
  return static_cast<int>(records.size()) - 1;
}

}  // namespace agendum
