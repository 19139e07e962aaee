#include "extractors/extract_util.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace agendum {
namespace {

// Words after which a full stop does not end a sentence.
bool IsAbbreviation(std::string_view before) {
  static constexpr std::string_view kAbbrev[] = {"cllr", "mr", "mrs", "ms", "dr", "no", "nos",
                                                 "e.g", "i.e", "etc", "st", "prop", "approx",
                                                 "para", "vs", "co", "ltd", "rev", "cl", "ref"};
  size_t start = before.find_last_of(" (");
  std::string word(before.substr(start == std::string_view::npos ? 0 : start + 1));
  std::transform(word.begin(), word.end(), word.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]))) return true;  // initials
  for (std::string_view a : kAbbrev) {
    if (word == a) return true;
  }
  return false;
}

// Lower-case word tokens.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      cur.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

WordBag BagOfWords(std::string_view text) {
  WordBag bag{Words(text)};
  std::sort(bag.words.begin(), bag.words.end());
  return bag;
}

double WordOverlap(std::string_view a, std::string_view b) {
  return WordOverlap(BagOfWords(a), BagOfWords(b));
}

double WordOverlap(const WordBag& a, const WordBag& b) {
  const std::vector<std::string>& wa = a.words;
  const std::vector<std::string>& wb = b.words;
  if (wa.empty() || wb.empty()) return 0;
  // Words in common, each as often as both have it: a merge of the sorted
  // lists (a multiset per call was the recommendation extractor's main cost
  // on long packs, issue 7).
  int common = 0;
  for (size_t i = 0, j = 0; i < wa.size() && j < wb.size();) {
    int order = wa[i].compare(wb[j]);
    if (order == 0) {
      ++common;
      ++i;
      ++j;
    } else if (order < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  double p = static_cast<double>(common) / wa.size(), r = static_cast<double>(common) / wb.size();
  return common ? 2 * p * r / (p + r) : 0;
}


std::vector<Span> Sentences(const Document& doc, Span span) {
  std::vector<Span> out;
  const std::string& t = doc.text;
  size_t start = span.begin;
  for (size_t i = span.begin; i + 2 < span.end; ++i) {
    char c = t[i];
    // An inline bullet ("... arising: • Dukes head - The Clerk ...") starts a new sentence.
    if (c == ' ' && t.compare(i + 1, 4, "\xE2\x80\xA2 ") == 0) {
      if (i > start) out.push_back({start, i});
      start = i + 5;
      i += 4;
      continue;
    }
    // An inline list label ("... the meeting. d) The Handyman ...") starts one too.
    if (c == ' ' && i + 4 < span.end && std::isalnum(static_cast<unsigned char>(t[i + 1])) &&
        t[i + 2] == ')' && t[i + 3] == ' ' && std::isupper(static_cast<unsigned char>(t[i + 4])) &&
        i > start) {
      out.push_back({start, i});
      start = i + 4;
      i += 3;
      continue;
    }
    if ((c == '.' || c == '?' || c == '!') && t[i + 1] == ' ') {
      unsigned char next = static_cast<unsigned char>(t[i + 2]);
      if (!(std::isupper(next) || next == '"' || next == '\'' || next == '(' || next == 0xE2)) continue;
      if (c == '.' && IsAbbreviation(std::string_view(t).substr(start, i - start))) continue;
      out.push_back({start, i + 1});
      start = i + 2;
    }
  }
  if (start < span.end) out.push_back({start, span.end});
  // Sentences start at their first word.
  for (Span& s : out) {
    while (s.begin < s.end && t[s.begin] == ' ') ++s.begin;
  }
  return out;
}

std::vector<Span> BulletItems(const Document& doc, Span span, bool* bulleted) {
  static const std::string kBullet = "\xE2\x80\xA2";  // •, as normalisation writes every bullet
  std::vector<Span> out;
  std::string_view text = doc.Slice(span);
  size_t start = 0;
  *bulleted = false;
  while (true) {
    size_t at = text.find(kBullet, start);
    bool boundary = at != std::string_view::npos && (at == 0 || text[at - 1] == ' ');
    if (at == std::string_view::npos) {
      out.push_back({span.begin + start, span.end});
      break;
    }
    if (!boundary) {
      start = at + kBullet.size();
      continue;
    }
    *bulleted = true;
    if (at > start) out.push_back({span.begin + start, span.begin + at});
    start = at + kBullet.size();
  }
  std::vector<Span> trimmed;
  for (Span s : out) {
    while (s.begin < s.end && doc.text[s.begin] == ' ') ++s.begin;
    while (s.end > s.begin && doc.text[s.end - 1] == ' ') --s.end;
    if (s.size()) trimmed.push_back(s);
  }
  return trimmed;
}

Record MakeRecord(const Document& doc, Kind kind, Span span) {
  const std::string& t = doc.text;
  while (span.begin < span.end && (t[span.begin] == ' ' || t[span.begin] == '\n')) ++span.begin;
  while (span.end > span.begin && (t[span.end - 1] == ' ' || t[span.end - 1] == '\n')) --span.end;
  Record r;
  r.kind = kind;
  r.span = span;
  r.text.reserve(span.size());
  bool space = false;
  for (size_t i = span.begin; i < span.end; ++i) {
    char c = t[i];
    if (c == ' ' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !r.text.empty()) r.text.push_back(' ');
    space = false;
    r.text.push_back(c);
  }
  r.page = doc.PageAt(span.begin);
  return r;
}

int ItemAt(const Document& doc, size_t offset) {
  int best = -1;
  for (int i = 0; i < static_cast<int>(doc.records.size()); ++i) {
    const Record& r = doc.records[i];
    if (r.kind != Kind::kItem || r.span.begin > offset) continue;
    // Later items start later; an appendix (child) beats its report.
    if (best < 0 || r.span.begin >= doc.records[best].span.begin) best = i;
  }
  return best;
}

int BlockAt(const Document& doc, size_t offset) {
  auto it = std::upper_bound(doc.blocks.begin(), doc.blocks.end(), offset,
                             [](size_t off, const Block& b) { return off < b.span.begin; });
  if (it == doc.blocks.begin()) return 0;
  return static_cast<int>(std::prev(it) - doc.blocks.begin());
}

std::vector<ItemRange> ItemRanges(const Document& doc) {
  std::vector<ItemRange> out;
  for (int i = 0; i < static_cast<int>(doc.records.size()); ++i) {
    const Record& r = doc.records[i];
    if (r.kind != Kind::kItem) continue;
    ItemRange range;
    range.record = i;
    range.heading_block = BlockAt(doc, r.span.begin);
    range.first_block = range.heading_block;
    out.push_back(range);
  }
  for (size_t i = 0; i < out.size(); ++i) {
    out[i].end_block = i + 1 < out.size() ? out[i + 1].heading_block
                                          : static_cast<int>(doc.blocks.size());
  }
  if (out.empty()) {
    out.push_back({-1, -1, 0, static_cast<int>(doc.blocks.size())});
  } else if (out.front().heading_block > 0) {
    // What comes before the first item (Kent: "Election of Chair" before
    // minute 283) is a range of its own, with no item record.
    out.insert(out.begin(), {-1, -1, 0, out.front().heading_block});
  }
  return out;
}

bool Contains(const RE2& re, std::string_view text) {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), re);
}

}  // namespace agendum
