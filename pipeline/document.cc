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

int Document::Add(Record r) {
  r.doc_id = id;
  if (!r.page) r.page = PageAt(r.span.begin);
  records.push_back(std::move(r));
  return static_cast<int>(records.size()) - 1;
}

}  // namespace agendum
