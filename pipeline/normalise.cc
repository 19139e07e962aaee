// The ICU adapter for normalisation, and the line-level clean-up.
#include "pipeline/normalise.h"

#include "pipeline/table_reader.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace agendum {
namespace {

// The next line or page break at or after `from`; npos when there is none.
// (find_first_of with a set calls memchr once per character.)
size_t NextBreak(std::string_view s, size_t from) {
  for (size_t i = from; i < s.size(); ++i) {
    if (s[i] == '\n' || s[i] == '\f') return i;
  }
  return std::string_view::npos;
}

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// Code points folded after NFKC: typographic quotes and dashes to ASCII,
// invisible ones dropped, bullets unified so segmentation sees one shape.
UChar32 FoldCodePoint(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x00B4: return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';
    case 0x00A0: case 0x2007: case 0x202F: case 0x3000: return ' ';
    case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0xFEFF: case 0x2060: return -1;
    case 0x00B7: case 0x2022: case 0x25AA: case 0x25CF: case 0x25E6: case 0x2023: case 0x2043:
    case 0xF0B7: case 0xF0A7: case 0x25A0: case 0x25A1: case 0x27A2: case 0xF0D8: case 0x2219:
      return 0x2022;  // •
    default: return c;
  }
}

std::string CollapseSpaces(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  bool space = false;
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\v') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

struct Line {
  std::string text;
  int page = 0;  // index into pages
  bool blank_before = false;
  size_t right = 0;  // column where the line ends on the page (PDF layout)
  bool forced_break = false;  // a piece of a line cut at max_line_bytes
};

// Splits a page into trimmed lines; a run of three or more spaces is a lost
// line break (ModernGov pages copied as text put a whole notice on one line,
// seed 000), so it splits too.
std::vector<std::string> SplitPageLines(std::string_view page, size_t max_line,
                                        std::vector<size_t>* right_edges,
                                        std::vector<bool>* forced) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= page.size()) {
    size_t nl = NextBreak(page, start);
    std::string_view raw = page.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                                             : nl - start);
    // Split on 3+ spaces.
    size_t piece = 0;
    for (size_t i = 0; i <= raw.size(); ++i) {
      bool cut = i == raw.size();
      if (!cut && raw[i] == ' ' && i + 2 < raw.size() && raw[i + 1] == ' ' && raw[i + 2] == ' ') {
        cut = true;
      }
      if (!cut && raw[i] == '\t' && i + 1 < raw.size() && raw[i + 1] == '\t') cut = true;
      if (cut && i < raw.size()) {
        // "a)   To approve ...": a list label and its text are one line.
        std::string_view head = raw.substr(piece, i - piece);
        size_t stripped = head.find_first_not_of(' ');
        head = stripped == std::string_view::npos ? std::string_view() : head.substr(stripped);
        while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
        if (!head.empty() && head.size() <= 6 &&
            (head.back() == ')' || head.back() == '.' || head == "\xE2\x80\xA2" || head == "o")) {
          cut = false;
        }
        // "5     Library Opening Hours": an item number set in its own column.
        if (!head.empty() && head.size() <= 3 &&
            head.find_first_not_of("0123456789") == std::string_view::npos) {
          cut = false;
        }
        // "## 4.1   Title" (london_on: eScribe headings with &nbsp; gaps).
        size_t hashes = head.find_first_not_of('#');
        if (hashes != std::string_view::npos && hashes > 0 && head.size() <= 14 &&
            head.find_first_not_of("# 0123456789.") == std::string_view::npos) {
          cut = false;
        }
      }
      if (cut) {
        std::string line = CollapseSpaces(raw.substr(piece, i - piece));
        if (line.size() > max_line) {
          // Pieces are taken off the front of a view: erasing them from the
          // string made a 50 MB line quadratic (issue 8).
          std::string_view rest = line;
          while (rest.size() > max_line) {
            size_t at = rest.rfind(' ', max_line);
            if (at == std::string_view::npos || at == 0) {
              // No space to cut at: cut between characters, never inside one.
              at = max_line;
              while (at > 1 && (static_cast<unsigned char>(rest[at]) & 0xC0) == 0x80) --at;
            }
            right_edges->resize(out.size(), 0);
            right_edges->push_back(at);
            forced->resize(out.size(), false);
            forced->push_back(true);  // the piece after this one must not re-join it
            out.emplace_back(rest.substr(0, at));
            rest.remove_prefix(at);
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
          }
          line = std::string(rest);
        }
        const bool had_text = !line.empty();
        if (had_text || i == raw.size()) {
          right_edges->resize(out.size(), 0);
          right_edges->push_back(i);
          out.push_back(std::move(line));
        }
        // The gap was a line break: keep it as one (an empty line) so that
        // re-flow never joins across it.
        if (i < raw.size() && had_text) out.emplace_back();
        while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t')) ++i;
        piece = i;
        if (i < raw.size()) --i;
      }
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  right_edges->resize(out.size(), 0);
  forced->resize(out.size(), false);
  return out;
}

// Lower case, digits as '#', for comparing running lines across pages.
std::string RunningKey(std::string_view line) {
  std::string key;
  for (char c : line) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (key.empty() || key.back() != '#') key.push_back('#');
    } else {
      key.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return key;
}

int Letters(std::string_view s) {
  return static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) {
    return std::isalpha(static_cast<unsigned char>(c));
  }));
}

// Markdown and inline HTML (norfolk_parishes, london_on) to plain lines.
std::string StripMarkup(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '<') {
      size_t close = in.find('>', i);
      if (close != std::string_view::npos && close - i < 200) {
        std::string tag = RunningKey(in.substr(i + 1, close - i - 1));
        bool end = !tag.empty() && tag[0] == '/';
        std::string name = tag.substr(end ? 1 : 0, tag.find_first_of(" />", end ? 1 : 0) - (end ? 1 : 0));
        if (name == "br" || name == "p" || name == "tr" || name == "div" || name == "li" ||
            name == "h1" || name == "h2" || name == "h3" || name == "table") {
          out.push_back('\n');
        } else if (name == "td" || name == "th") {
          out.append("   ");
        }
        if (std::isalpha(static_cast<unsigned char>(name.empty() ? ' ' : name[0])) || end ||
            in[i + 1] == '!') {
          i = close;
          continue;
        }
      }
    }
    if ((c == '*' || c == '_') && i + 1 < in.size() && in[i + 1] == c) {
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < in.size() && std::ispunct(static_cast<unsigned char>(in[i + 1]))) {
      continue;
    }
    if (c == '&') {
      static const std::pair<std::string_view, std::string_view> kEntities[] = {
          {"&amp;", "&"}, {"&nbsp;", " "}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
          {"&#39;", "'"}, {"&pound;", "\xC2\xA3"}, {"&#8217;", "'"}, {"&#8211;", "-"}};
      bool done = false;
      for (const auto& [entity, text] : kEntities) {
        if (in.substr(i, entity.size()) == entity) {
          out.append(text);
          i += entity.size() - 1;
          done = true;
          break;
        }
      }
      if (done) continue;
    }
    out.push_back(c);
  }
  return out;
}

// A page set in two columns (physical layout puts them side by side): when a
// gutter of spaces runs down the middle of nearly every line and both sides
// hold prose, the page is rewritten as the left column, then the right.
// Tables and action columns (initials on the right) hold no prose on one
// side and are left alone.
void SplitColumns(std::vector<std::string>* lines) {
  constexpr double kGutterShare = 0.9;  // lines that must be blank at the gutter
  constexpr double kBothShare = 0.5;    // lines with text on both sides
  constexpr size_t kGutterWidth = 3;
  // Each line with text, and where its text starts and ends: the gutter scan
  // below is then constant time per line and column.
  struct Extent {
    const std::string* line;
    size_t first;
    size_t last;
  };
  std::vector<Extent> text;
  size_t width = 0;
  for (const auto& line : *lines) {
    size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    text.push_back({&line, first, line.find_last_not_of(' ')});
    width = std::max(width, line.size());
  }
  if (text.size() < 3 || width < 40) return;
  auto blank_at = [](const std::string& line, size_t x) { return x >= line.size() || line[x] == ' '; };
  size_t gutter = 0;
  for (size_t x = width / 4; x + kGutterWidth < width * 3 / 4 && !gutter; ++x) {
    size_t clear = 0, both = 0;
    for (const Extent& e : text) {
      bool blank = true;
      for (size_t k = 0; k < kGutterWidth; ++k) blank = blank && blank_at(*e.line, x + k);
      if (!blank) continue;
      ++clear;
      // Text on both sides: some starts left of the gutter, some ends right of it.
      if (e.first < x && e.last >= x + kGutterWidth) ++both;
    }
    if (clear >= text.size() * kGutterShare && both >= text.size() * kBothShare) gutter = x;
  }
  if (!gutter) return;
  // Both sides must read as prose: several words per line on average.
  size_t left_words = 0, right_words = 0, left_lines = 0, right_lines = 0;
  for (const Extent& e : text) {
    const std::string* line = e.line;
    std::string left = CollapseSpaces(line->substr(0, std::min(gutter, line->size())));
    std::string right = line->size() > gutter ? CollapseSpaces(line->substr(gutter)) : "";
    if (!left.empty()) ++left_lines, left_words += std::count(left.begin(), left.end(), ' ') + 1;
    if (!right.empty()) ++right_lines, right_words += std::count(right.begin(), right.end(), ' ') + 1;
  }
  if (!left_lines || !right_lines || left_words < 3 * left_lines || right_words < 3 * right_lines) return;
  std::vector<std::string> left, right;
  for (const auto& line : *lines) {
    left.push_back(line.substr(0, std::min(gutter, line.size())));
    right.push_back(line.size() > gutter ? line.substr(gutter) : "");
    while (!left.back().empty() && left.back().back() == ' ') left.back().pop_back();
  }
  lines->assign(left.begin(), left.end());
  lines->emplace_back();  // a paragraph break between the columns
  lines->insert(lines->end(), right.begin(), right.end());
}

// Markdown front matter ("---" ... "---" at the top) is publishing metadata,
// not the document (norfolk_parishes: its date is the web post's).
void StripFrontMatter(std::string* text) {
  if (text->rfind("---\n", 0) != 0 && text->rfind("---\r\n", 0) != 0) return;
  size_t end = text->find("\n---", 3);
  if (end == std::string::npos || end > 4000) return;
  size_t after = text->find('\n', end + 4);
  text->erase(0, after == std::string::npos ? text->size() : after + 1);
}

// Columns of slack when deciding whether a word would have fitted (justified
// and proportional text do not end exactly at the margin).
constexpr size_t kWrapTolerance = 3;

bool EndsSentence(std::string_view s) {
  if (s.empty()) return true;
  char c = s.back();
  return c == '.' || c == ':' || c == ';' || c == '?' || c == '!';
}

}  // namespace

std::string FoldTypography(std::string_view utf8) {
  if (IsAscii(utf8)) return std::string(utf8);
  const int32_t size = static_cast<int32_t>(utf8.size());
  // Poppler and the text reader hand over valid UTF-8, which ICU normalises
  // in place without a round trip through UTF-16 (the old route cost more
  // than segmentation, issue 7). Anything else takes the UTF-16 route, where
  // ill-formed bytes become U+FFFD.
  bool valid = true;
  for (int32_t i = 0; i < size && valid;) {
    UChar32 c;
    U8_NEXT(utf8.data(), i, size, c);
    valid = c >= 0;
  }
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
  std::string normal;
  std::string_view source = utf8;
  if (valid && U_SUCCESS(err)) {
    icu::StringPiece piece(utf8.data(), size);
    if (!nfkc->isNormalizedUTF8(piece, err) && U_SUCCESS(err)) {
      icu::StringByteSink<std::string> sink(&normal, size);
      nfkc->normalizeUTF8(0, piece, sink, nullptr, err);
      if (U_SUCCESS(err)) source = normal;
    }
  } else {
    err = U_ZERO_ERROR;
    icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), size));
    icu::UnicodeString normalised = U_SUCCESS(err) && nfkc ? nfkc->normalize(in, err) : in;
    if (U_FAILURE(err)) normalised = in;
    normalised.toUTF8String(normal);
    source = normal;
  }
  std::string out;
  out.reserve(source.size());
  const int32_t length = static_cast<int32_t>(source.size());
  for (int32_t i = 0; i < length;) {
    const unsigned char byte = static_cast<unsigned char>(source[i]);
    if (byte < 0x80) {
      out.push_back(static_cast<char>(byte));
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(source.data(), i, length, c);
    if (c < 0) c = 0xFFFD;
    UChar32 f = FoldCodePoint(c);
    if (f < 0) continue;
    char bytes[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(bytes, n, U8_MAX_LENGTH, f, error);
    if (!error) out.append(bytes, static_cast<size_t>(n));
  }
  return out;
}

Status Normalise(const PatternTable& patterns, const NormaliseOptions& options, Document* doc) {
  AGENDUM_RETURN_IF_ERROR(patterns.Require({"normalise.page_number"}));
  const RE2& page_number = patterns.Get("normalise.page_number");
  std::vector<const PatternRow*> drop_rows = patterns.Group("normalise.drop_");
  const bool pdf = doc->format == Format::kPdf;

  // 1. Fold every page and cut it into raw lines (spaces kept: in a PDF's
  // physical layout they say which column a word is in).
  std::vector<std::vector<std::string>> raw_lines;
  raw_lines.reserve(doc->raw_pages.size());
  for (std::string& raw : doc->raw_pages) {
    if (!pdf) StripFrontMatter(&raw);
    std::string folded = FoldTypography(pdf ? raw : StripMarkup(raw));
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= folded.size()) {
      size_t nl = NextBreak(folded, start);
      std::string line = folded.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\r' || line.back() == '\t')) {
        line.pop_back();
      }
      lines.push_back(std::move(line));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    raw_lines.push_back(std::move(lines));
    std::string().swap(raw);
  }
  doc->raw_pages.clear();
  auto blank_line = [](const std::string& line) {
    return line.find_first_not_of(' ') == std::string::npos;
  };

  // 2. Running headers, footers and page numbers: lines at the edges of PDF
  // pages that repeat on many pages (Kent ModernGov packs print the committee
  // and date on every page; Souldern prints the clerk's address) or that are
  // page numbers.
  if (pdf && options.remove_running_lines) {
    constexpr int kEdge = 5;
    auto edges = [&](const std::vector<std::string>& lines, auto fn) {
      std::vector<size_t> idx;
      for (size_t i = 0; i < lines.size() && idx.size() < kEdge; ++i) {
        if (!blank_line(lines[i])) idx.push_back(i);
      }
      size_t top = idx.size();
      for (size_t i = lines.size(); i-- > 0 && idx.size() < top + kEdge;) {
        if (!blank_line(lines[i]) && std::find(idx.begin(), idx.end(), i) == idx.end()) idx.push_back(i);
      }
      for (size_t i : idx) fn(i);
    };
    std::map<std::string, int> counts;  // by text with digits masked
    std::map<std::string, int> exact;   // by text as printed
    for (const auto& lines : raw_lines) {
      std::set<std::string> seen, seen_exact;
      edges(lines, [&](size_t i) {
        std::string line = CollapseSpaces(lines[i]);
        seen.insert(RunningKey(line));
        seen_exact.insert(line);
      });
      for (const auto& key : seen) ++counts[key];
      for (const auto& key : seen_exact) ++exact[key];
    }
    int threshold = std::max(3, static_cast<int>(raw_lines.size() + 3) / 4);
    for (auto& lines : raw_lines) {
      std::vector<size_t> drop;
      edges(lines, [&](size_t i) {
        std::string line = CollapseSpaces(lines[i]);
        // Short keys like "(Item #)" are headings that happen to sit at a
        // page edge on many pages (Kent panel minutes), not furniture.
        // A two-page paper repeats its letterhead on both pages.
        const int exact_needed = raw_lines.size() == 2 ? 2 : threshold;
        bool running = raw_lines.size() >= 2 && Letters(line) >= 3 &&
                       (exact[line] >= exact_needed ||
                        (raw_lines.size() >= 3 && Letters(line) >= 8 &&
                         counts[RunningKey(line)] >= threshold));
        if (running || RE2::FullMatch(line, page_number)) drop.push_back(i);
      });
      for (size_t i : drop) lines[i].clear();
    }
  }
  // Lines dropped wherever they stand (protective markings, form furniture).
  if (!drop_rows.empty()) {
    for (auto& lines : raw_lines) {
      for (auto& line : lines) {
        if (blank_line(line)) continue;
        std::string collapsed = CollapseSpaces(line);
        for (const PatternRow* row : drop_rows) {
          if (RE2::FullMatch(collapsed, *row->re)) line.clear();
        }
      }
    }
  }
  // Tables keep one row per line, cells in order ("No | Action | Owner").
  if (pdf) {
    for (auto& lines : raw_lines) SplitColumns(&lines);
    TableReader tables(patterns);
    for (auto& lines : raw_lines) tables.Rewrite(&lines);
    tables.Finish();
  }
  std::vector<std::vector<std::string>> pages;
  std::vector<std::vector<size_t>> rights;
  std::vector<std::vector<bool>> cut_after;
  for (auto& lines : raw_lines) {
    std::string page;
    for (auto& line : lines) {
      page += line;
      page.push_back('\n');
    }
    rights.emplace_back();
    cut_after.emplace_back();
    pages.push_back(SplitPageLines(page, options.max_line_bytes, &rights.back(), &cut_after.back()));
  }
  raw_lines.clear();

  // 3. Flatten with page tags and blank-line markers.
  std::vector<Line> lines;
  std::vector<size_t> lengths;
  for (size_t p = 0; p < pages.size(); ++p) {
    bool blank = true;
    for (size_t k = 0; k < pages[p].size(); ++k) {
      std::string& text = pages[p][k];
      if (text.empty()) {
        blank = true;
        continue;
      }
      size_t right = std::max(rights[p][k], text.size());
      lengths.push_back(right);
      bool forced = k > 0 && cut_after[p][k - 1];
      lines.push_back({std::move(text), static_cast<int>(p), blank, right, forced});
      blank = false;
    }
  }
  // A "long" line is one that filled the column: it wrapped, so the next line
  // continues its paragraph.
  size_t long_len = 0;
  if (!lengths.empty()) {
    std::vector<size_t> sorted = lengths;
    size_t k = sorted.size() * 9 / 10;
    std::nth_element(sorted.begin(), sorted.begin() + k, sorted.end());
    long_len = sorted[k];
  }
  const RE2* label = patterns.Find("normalise.starts_label") ? &patterns.Get("normalise.starts_label")
                                                            : nullptr;
  auto starts_label = [&](const std::string& s) { return label && RE2::PartialMatch(s, *label); };
  const RE2* field = patterns.Find("normalise.field_label") ? &patterns.Get("normalise.field_label")
                                                          : nullptr;
  auto starts_field = [&](const std::string& s) { return field && RE2::PartialMatch(s, *field); };
  // Text files are joined on width only when they were hard-wrapped (most
  // lines end near one column); otherwise each line is already a paragraph.
  bool wrapped = pdf;
  if (!pdf && long_len >= 50 && long_len <= 130 && lengths.size() >= 10) {
    size_t near = std::count_if(lengths.begin(), lengths.end(),
                                [&](size_t n) { return n * 10 >= long_len * 8; });
    wrapped = near * 10 >= lengths.size() * 4;
  }
  // A typeset line only wraps when the next word would not have fitted: if
  // the next line's first word fits after this one, the break was deliberate
  // (a short line in a letter, a list without labels).
  auto wrapped_here = [&](size_t right, const std::string& next) {
    if (!pdf) return true;
    size_t word = next.find(' ');
    if (word == std::string::npos) word = next.size();
    // Proportional type makes character columns approximate: allow an
    // eighth of the line's width of slack.
    return right + 1 + word + std::max(kWrapTolerance, long_len / 8) > long_len;
  };
  auto is_long = [&](size_t right) {
    return wrapped && long_len >= 50 && right * 10 >= long_len * 7;
  };
  auto bare_label = [&](const std::string& s) {
    return s.size() <= 8 && Letters(s) <= 4 && starts_label(s + " X");
  };

  // 4. Re-flow: join a line to the previous one when the previous wrapped.
  std::string text;
  text.reserve(lengths.empty() ? 0 : lengths.size() * 60);
  doc->pages.clear();
  int current_page = -1;
  bool open = false;  // a paragraph is open on the last line of `text`
  std::string prev;
  size_t prev_right = 0;
  for (auto& line : lines) {
    bool join = false;
    bool hyphen = false;
    const bool table_row = line.text.find(" | ") != std::string::npos ||
                           prev.find(" | ") != std::string::npos;
    if (table_row || (!prev.empty() && prev[0] == '#') || line.forced_break) {
      // Rows from the table reader, Markdown headings and the pieces of a
      // cut line are complete lines.
    } else if (open && !starts_label(line.text) && line.text[0] != '#' && line.text[0] != '|') {
      char first = line.text[0];
      bool lower_start = std::islower(static_cast<unsigned char>(first)) || first == '(' ||
                         first == ',';
      if (bare_label(prev) && (pdf || !line.blank_before)) {
        join = true;
      } else if (!line.blank_before || pdf) {
        if (prev.back() == '-' && prev.size() >= 2 &&
            std::islower(static_cast<unsigned char>(prev[prev.size() - 2])) &&
            std::islower(static_cast<unsigned char>(first))) {
          join = hyphen = true;
        } else if (is_long(prev_right) && wrapped_here(prev_right, line.text) &&
                   prev.back() != ':' && !line.blank_before &&
                   !(EndsSentence(prev) && starts_field(line.text)) &&
                   !(EndsSentence(prev) && line.text.size() < 90 && line.text.back() == ':')) {
          // A short line ending in a colon after a finished sentence is the
          // next field's label ("Any alternatives considered and rejected:").
          join = true;
        } else if (!EndsSentence(prev) && lower_start && (pdf || !line.blank_before)) {
          join = true;
        }
      }
    } else if (open && bare_label(prev) && (pdf || !line.blank_before)) {
      join = true;
    }
    while (current_page < line.page) {
      ++current_page;
      // A page starts where its first character lands: after the joining
      // space, or after the line break (none before the first line).
      size_t begin = text.size() + (join ? (hyphen ? 0 : 1) : (text.empty() ? 0 : 1));
      doc->pages.push_back({current_page + 1, {begin, 0}, true});
    }
    if (join) {
      if (hyphen) {
        text.pop_back();
      } else {
        text.push_back(' ');
      }
      text += line.text;
      prev = std::move(line.text);
      prev_right = line.right;
    } else {
      if (!text.empty()) text.push_back('\n');
      text += line.text;
      prev = std::move(line.text);
      prev_right = line.right;
    }
    open = true;
  }
  while (current_page + 1 < static_cast<int>(pages.size())) {
    ++current_page;
    doc->pages.push_back({current_page + 1, {text.size(), 0}, true});
  }
  for (size_t i = 0; i < doc->pages.size(); ++i) {
    doc->pages[i].span.end = i + 1 < doc->pages.size() ? doc->pages[i + 1].span.begin : text.size();
    if (i < doc->page_has_text.size()) doc->pages[i].has_text = doc->page_has_text[i];
  }
  doc->text = std::move(text);
  doc->BuildCharCheckpoints();
  return Status::Ok();
}

}  // namespace agendum
