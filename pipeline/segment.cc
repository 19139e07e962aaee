#include "pipeline/segment.h"

#include <algorithm>
#include <cctype>

namespace agendum {
namespace {

LabelStyle StyleFromName(std::string_view name) {
  if (name == "number") return LabelStyle::kNumber;
  if (name == "dotted") return LabelStyle::kDotted;
  if (name == "letter_lower") return LabelStyle::kLetterLower;
  if (name == "letter_upper") return LabelStyle::kLetterUpper;
  if (name == "roman_lower") return LabelStyle::kRomanLower;
  if (name == "roman_upper") return LabelStyle::kRomanUpper;
  if (name == "bullet") return LabelStyle::kBullet;
  if (name == "minute") return LabelStyle::kMinute;
  return LabelStyle::kNone;
}

std::string KeyOf(std::string_view printed) {
  std::string key;
  for (char c : printed) {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '/') key.push_back(c);
  }
  while (!key.empty() && key.back() == '.') key.pop_back();
  if (key.rfind("Minute", 0) == 0 || key.rfind("minute", 0) == 0) key = key.substr(6);
  return key;
}

int Letters(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c));
  }));
}

bool LooksLikeHeading(std::string_view body, size_t max_bytes) {
  if (body.empty() || body.size() > max_bytes) return false;
  if (body[0] == '#') return true;
  unsigned char first = static_cast<unsigned char>(body[0]);
  if (!std::isupper(first) && !std::isdigit(first)) return false;
  std::string_view end = body;
  while (end.size() > 1 && (end.back() == '-' || end.back() == ' ')) end.remove_suffix(1);
  char last = end.back();
  // A line ending in a colon introduces what follows ("The County Council is
  // asked to:", "Council is recommended to approve: -"); it does not close
  // the lists around it.
  if (last == '.' || last == ',' || last == ';' || last == ':') return false;
  if (Letters(body) < 3) return false;
  // Headings are short, or capitalised throughout.
  int words = 1, capitalised = 0, lower_words = 0;
  bool at_word = true;
  for (char c : body) {
    if (c == ' ') {
      ++words;
      at_word = true;
      continue;
    }
    if (at_word && std::isalpha(static_cast<unsigned char>(c))) {
      if (std::isupper(static_cast<unsigned char>(c))) ++capitalised;
      else ++lower_words;
    }
    at_word = false;
  }
  if (words <= 8) return true;
  return capitalised >= lower_words * 2 && words <= 20;
}


// Labels a nested list can start with.
bool StartsList(LabelStyle style, std::string_view key) {
  switch (style) {
    case LabelStyle::kNumber: return key == "1";
    case LabelStyle::kLetterLower: case LabelStyle::kLetterUpper: return key == "a" || key == "A";
    case LabelStyle::kRomanLower: case LabelStyle::kRomanUpper: return key == "i" || key == "I";
    case LabelStyle::kDotted: return key.size() >= 2 && key.substr(key.size() - 2) == ".1";
    case LabelStyle::kMinute: return false;  // minute numbers are always top level
    default: return true;
  }
}

}  // namespace

// "(a)" -> "(x)", "12." -> "x.": how a label is punctuated.
std::string LabelShape(std::string_view printed) {
  std::string shape;
  for (char c : printed) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (shape.empty() || shape.back() != 'x') shape.push_back('x');
    } else {
      shape.push_back(c);
    }
  }
  return shape;
}

int RomanValue(std::string_view s) {
  static constexpr std::string_view kRomans[] = {"i",  "ii",  "iii", "iv",  "v",   "vi",  "vii",
                                                 "viii", "ix", "x",  "xi",  "xii", "xiii", "xiv",
                                                 "xv"};
  std::string lower(s);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (size_t i = 0; i < std::size(kRomans); ++i) {
    if (kRomans[i] == lower) return static_cast<int>(i) + 1;
  }
  return 0;
}

bool IsNextLabel(LabelStyle style, std::string_view previous, std::string_view key) {
  switch (style) {
    case LabelStyle::kNumber:
      return std::atoi(std::string(key).c_str()) == std::atoi(std::string(previous).c_str()) + 1;
    case LabelStyle::kLetterLower:
    case LabelStyle::kLetterUpper:
      // Case-blind: "A)" then "b)" is one list (Kent cabinet minutes).
      return previous.size() == 1 && key.size() == 1 &&
             std::tolower(static_cast<unsigned char>(key[0])) ==
                 std::tolower(static_cast<unsigned char>(previous[0])) + 1;
    case LabelStyle::kRomanLower:
    case LabelStyle::kRomanUpper:
      return RomanValue(key) == RomanValue(previous) + 1;
    case LabelStyle::kDotted: {
      size_t a = previous.rfind('.'), b = key.rfind('.');
      if (a == std::string_view::npos || b == std::string_view::npos) return false;
      return previous.substr(0, a) == key.substr(0, b) &&
             IsNextLabel(LabelStyle::kNumber, previous.substr(a + 1), key.substr(b + 1));
    }
    default:
      return true;
  }
}

namespace {

// MatchLabel over the segment.label_ rows, looked up once per document:
// the lookup walks every pattern row and cost as much as the matching
// (issue 7).
LabelMatch MatchLabelIn(const std::vector<const PatternRow*>& rows, std::string_view line) {
  LabelMatch m;
  for (const PatternRow* row : rows) {
    re2::StringPiece input(line.data(), line.size());
    re2::StringPiece printed;
    if (!RE2::PartialMatch(input, *row->re, &printed)) continue;
    if (printed.data() != line.data()) continue;  // patterns are anchored at the start
    m.style = StyleFromName(row->value);
    m.printed = std::string(printed);
    m.key = KeyOf(m.printed);
    size_t body = printed.size();
    while (body < line.size() && line[body] == ' ') ++body;
    m.body = body;
    return m;
  }
  return m;
}

}  // namespace

LabelMatch MatchLabel(const PatternTable& patterns, std::string_view line) {
  return MatchLabelIn(patterns.Group("segment.label_"), line);
}

Status Segment(const PatternTable& patterns, const SegmentOptions& options, Document* doc) {
  const std::vector<const PatternRow*> label_rows = patterns.Group("segment.label_");
  if (label_rows.empty()) {
    return Status::Setup("corpus/patterns has no segment.label_* rows");
  }
  doc->blocks.clear();
  const std::string& text = doc->text;
  // Open list levels: (style, block index).
  std::vector<std::pair<LabelStyle, int>> stack;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::string_view line(text.data() + start, nl - start);
    if (!line.empty()) {
      Block b;
      b.span = {start, nl};
      b.body = b.span;
      b.page = doc->PageAt(start).value_or(0);
      LabelMatch m = MatchLabelIn(label_rows, line);
      // A label with nothing after it is not a list item.
      if (m.style != LabelStyle::kNone && m.body < line.size()) {
        b.style = m.style;
        b.label = m.key;
        b.label_printed = m.printed;
        b.body.begin = start + m.body;
      }
      std::string_view body = doc->Slice(b.body);
      if (b.style == LabelStyle::kNone) {
        if (line[0] == '#') {
          size_t hashes = line.find_first_not_of("# ");
          b.body.begin = start + (hashes == std::string_view::npos ? line.size() : hashes);
          b.type = BlockType::kHeading;
          // "# 4.1 Title": a Markdown heading keeps its printed number.
          LabelMatch numbered = MatchLabelIn(label_rows, doc->Slice(b.body));
          if (numbered.style == LabelStyle::kNumber || numbered.style == LabelStyle::kDotted ||
              numbered.style == LabelStyle::kMinute) {
            b.label = numbered.key;
            b.label_printed = numbered.printed;
            b.style = numbered.style;
            b.body.begin += numbered.body;
          }
        } else if (LooksLikeHeading(body, options.max_heading_bytes)) {
          b.type = BlockType::kHeading;
        }
      } else {
        b.type = BlockType::kListItem;
        // "A) ... b) ... c)": councils mix the case of one list's letters
        // (Kent cabinet minutes); the next letter of an open list joins it.
        if (b.style == LabelStyle::kLetterLower || b.style == LabelStyle::kLetterUpper) {
          LabelStyle other = b.style == LabelStyle::kLetterLower ? LabelStyle::kLetterUpper
                                                                 : LabelStyle::kLetterLower;
          for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (it->first != other) continue;
            std::string prev = doc->blocks[it->second].label;
            std::string key = b.label;
            for (auto& c : prev) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (IsNextLabel(LabelStyle::kLetterLower, prev, key)) b.style = other;
            break;
          }
        }
        // "(i)" after "(h)" is a letter; elsewhere a roman numeral.
        if (b.style == LabelStyle::kRomanLower || b.style == LabelStyle::kRomanUpper) {
          LabelStyle letter = b.style == LabelStyle::kRomanLower ? LabelStyle::kLetterLower
                                                                 : LabelStyle::kLetterUpper;
          for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (it->first == letter &&
                IsNextLabel(letter, doc->blocks[it->second].label, b.label)) {
              b.style = letter;
              break;
            }
          }
        }
      }
      int index = static_cast<int>(doc->blocks.size());
      if (b.type == BlockType::kHeading && (b.style == LabelStyle::kNone || line[0] == '#')) {
        stack.clear();
      } else if (b.style != LabelStyle::kNone) {
        // A level is a style written one way: "1." and "1)" and "(1)" are
        // different levels (Kent minutes number paragraphs "8)" and the
        // resolution's items "1.").
        auto same = std::find_if(stack.begin(), stack.end(), [&](const auto& level) {
          return level.first == b.style &&
                 LabelShape(doc->blocks[level.second].label_printed) == LabelShape(b.label_printed);
        });
        if (same != stack.end() && !StartsList(b.style, b.label) &&
            !IsNextLabel(b.style, doc->blocks[same->second].label, b.label)) {
          same = stack.end();  // "307." after "6." is not the list's next item
        }
        // "1." under "8. Recommendations" starts a list inside section 8
        // (Kent reports), not a new top-level sequence.
        if (same != stack.end() && StartsList(b.style, b.label) &&
            !StartsList(b.style, doc->blocks[same->second].label) &&
            same + 1 == stack.end()) {
          same = stack.end();
        }
        if (same == stack.end() && !StartsList(b.style, b.label)) {
          // Not a list's first label: it continues an open level written
          // another way, or it is top-level numbering ("300." after "(iv)").
          same = std::find_if(stack.begin(), stack.end(), [&](const auto& level) {
            return level.first == b.style &&
                   IsNextLabel(b.style, doc->blocks[level.second].label, b.label);
          });
          if (same == stack.end()) same = stack.begin();
        }
        if (same != stack.end()) stack.erase(same, stack.end());
        if (static_cast<int>(stack.size()) >= options.max_depth) stack.pop_back();
        b.parent = stack.empty() ? -1 : stack.back().second;
        b.depth = static_cast<int>(stack.size());
        stack.emplace_back(b.style, index);
      } else if (!stack.empty()) {
        // An unlabelled paragraph inside a list continues the open item.
        b.parent = stack.back().second;
        b.depth = static_cast<int>(stack.size());
      }
      doc->blocks.push_back(std::move(b));
    }
    start = nl + 1;
  }
  return Status::Ok();
}

}  // namespace agendum
