#include "extractors/sections.h"

#include <cctype>

namespace agendum {

Span TrimSpan(const Document& doc, Span s) {
  const std::string& t = doc.text;
  while (s.begin < s.end && (std::isspace(static_cast<unsigned char>(t[s.begin])))) ++s.begin;
  while (s.end > s.begin && std::isspace(static_cast<unsigned char>(t[s.end - 1]))) --s.end;
  return s;
}

std::vector<Section> FindSections(const Document& doc, const PatternTable& patterns) {
  std::vector<Section> out;
  std::vector<const PatternRow*> rows = patterns.Group("sections.");
  for (int i = 0; i < static_cast<int>(doc.blocks.size()); ++i) {
    const Block& b = doc.blocks[i];
    std::string_view body = doc.Slice(b.body);
    for (const PatternRow* row : rows) {
      re2::StringPiece input(body.data(), body.size());
      re2::StringPiece match;
      if (!row->re->Match(input, 0, input.size(), RE2::ANCHOR_START, &match, 1)) continue;
      if (!out.empty()) out.back().end_block = i;
      Section s;
      s.name = row->value;
      s.label_block = i;
      s.inline_text = TrimSpan(doc, {b.body.begin + match.size(), b.body.end});
      out.push_back(s);
      break;
    }
  }
  if (!out.empty() && out.back().end_block < 0) {
    out.back().end_block = static_cast<int>(doc.blocks.size());
  }
  // A section whose next label comes straight after it keeps no blocks.
  for (auto& s : out) {
    if (s.end_block < s.first_block()) s.end_block = s.first_block();
  }
  return out;
}

int SectionBodyEnd(const Document& doc, const Section& s) {
  const Block& label = doc.blocks[s.label_block];
  if (label.style == LabelStyle::kNone) return s.end_block;
  for (int i = s.first_block(); i < s.end_block; ++i) {
    const Block& b = doc.blocks[i];
    if (b.style != LabelStyle::kNone && b.depth <= label.depth) return i;
  }
  return s.end_block;
}

std::string SectionText(const Document& doc, const Section& s, size_t max_bytes) {
  std::string out(doc.Slice(s.inline_text));
  for (int i = s.first_block(); i < s.end_block && out.size() < max_bytes; ++i) {
    if (!out.empty()) out.push_back(' ');
    out += doc.Slice(doc.blocks[i].span);
  }
  if (out.size() > max_bytes) {
    size_t cut = out.rfind(' ', max_bytes);
    out.resize(cut == std::string::npos ? max_bytes : cut);
  }
  return out;
}

}  // namespace agendum
