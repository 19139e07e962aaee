#include "pipeline/dates.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace agendum {
namespace {

int MonthNumber(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lower;
  for (char c : word.substr(0, 3)) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (int i = 0; i < 12; ++i) {
    if (kMonths[i] == lower) return i + 1;
  }
  return 0;
}

int ToInt(std::string_view s) {
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return MonthNumber(s);
  int v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    v = v * 10 + (c - '0');
  }
  return v;
}

bool Valid(int y, int m, int d) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1];
}

}  // namespace

std::optional<FoundDate> FindDate(const PatternTable& patterns, std::string_view text) {
  std::optional<FoundDate> best;
  for (const PatternRow* row : patterns.Group("dates.")) {
    re2::StringPiece input(text.data(), text.size());
    re2::StringPiece a, b, c;
    size_t from = 0;
    while (from < text.size()) {
      re2::StringPiece rest(text.data() + from, text.size() - from);
      re2::StringPiece whole;
      if (!row->re->Match(rest, 0, rest.size(), RE2::UNANCHORED, nullptr, 0)) break;
      re2::StringPiece groups[4];
      if (!row->re->Match(rest, 0, rest.size(), RE2::UNANCHORED, groups, 4)) break;
      a = groups[1];
      b = groups[2];
      c = groups[3];
      int y = 0, m = 0, d = 0;
      if (row->value == "dmy") {
        d = ToInt(a), m = ToInt(b), y = ToInt(c);
      } else if (row->value == "mdy") {
        m = ToInt(a), d = ToInt(b), y = ToInt(c);
      } else {
        y = ToInt(a), m = ToInt(b), d = ToInt(c);
      }
      if (y < 100) y += y < 70 ? 2000 : 1900;
      size_t begin = groups[0].data() - text.data();
      size_t end = begin + groups[0].size();
      if (Valid(y, m, d)) {
        if (!best || begin < best->begin) {
          char buf[48];
          std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
          best = FoundDate{buf, begin, end};
        }
        break;
      }
      from = end;
    }
  }
  return best;
}

}  // namespace agendum
