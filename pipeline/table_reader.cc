#include "pipeline/table_reader.h"

#include <algorithm>
#include <cctype>

namespace agendum {
namespace {

bool Numeric(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '/';
  });
}

}  // namespace

TableReader::TableReader(const PatternTable& patterns)
    : header_cell_(patterns.Find("normalise.table_header_cell")
                       ? &patterns.Get("normalise.table_header_cell")
                       : nullptr) {}

std::vector<TableReader::Segment> TableReader::Segments(const std::string& line) {
  std::vector<Segment> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    if (i >= line.size()) break;
    Segment s;
    s.col = i;
    // A segment ends at a gap of two or more spaces.
    while (i < line.size() && !(line[i] == ' ' && i + 1 < line.size() && line[i + 1] == ' ')) {
      s.text.push_back(line[i]);
      ++i;
    }
    while (!s.text.empty() && s.text.back() == ' ') s.text.pop_back();
    out.push_back(std::move(s));
  }
  return out;
}

bool TableReader::IsHeader(const std::vector<Segment>& segs) const {
  if (!header_cell_ || segs.size() < 3 || segs.size() > 10) return false;
  for (const Segment& s : segs) {
    if (!RE2::FullMatch(s.text, *header_cell_)) return false;
  }
  return true;
}

int TableReader::ColumnOf(const Segment& s) const {
  int j = 0;
  while (j + 1 < static_cast<int>(columns_.size()) && columns_[j + 1] <= s.col + 2) ++j;
  size_t end = s.col + s.text.size();
  if (j + 1 < static_cast<int>(columns_.size()) && end > columns_[j + 1] + 1) return -1;
  return j;
}

void TableReader::Flush() {
  if (row_target_ && !row_.empty()) {
    std::string line;
    for (size_t i = 0; i < row_.size(); ++i) {
      if (i) line += " | ";
      line += row_[i];
    }
    *row_target_ = line;
  }
  row_.clear();
  row_target_ = nullptr;
}

void TableReader::End() {
  Flush();
  columns_.clear();
  last_text_end_ = max_text_end_ = 0;
  have_first_label_ = false;
}

void TableReader::Finish() { End(); }

void TableReader::Rewrite(std::vector<std::string>* lines) {
  for (std::string& line : *lines) {
    std::vector<Segment> segs = Segments(line);
    if (segs.empty()) continue;
    if (IsHeader(segs)) {
      End();
      for (const Segment& s : segs) columns_.push_back(s.col);
      std::string header;
      for (size_t i = 0; i < segs.size(); ++i) header += (i ? " | " : "") + segs[i].text;
      line = header;
      continue;
    }
    if (columns_.empty()) continue;
    std::vector<int> cols;
    bool fits = true;
    for (const Segment& s : segs) {
      int c = ColumnOf(s);
      if (c < 0) {
        fits = false;
        break;
      }
      cols.push_back(c);
    }
    // A numbered heading after rows labelled with words ("01.24.06 Playground
    // update" after "Nov23.02") starts the next minute, not a row.
    if (fits && cols[0] == 0 && have_first_label_ && !first_label_numeric_ && Numeric(segs[0].text)) {
      fits = false;
    }
    if (!fits) {
      End();
      continue;
    }
    bool new_row = row_target_ == nullptr || cols[0] == 0;
    // Where this line puts text in the first text column (column 1).
    const Segment* text_seg = nullptr;
    for (size_t k = 0; k < cols.size(); ++k) {
      if (cols[k] == 1 && !text_seg) text_seg = &segs[k];
    }
    if (!new_row) {
      // A middle column (an owner) filled again: the row above is complete.
      for (int c : cols) {
        if (c >= 2 && c + 1 < static_cast<int>(columns_.size()) && !row_[c].empty() && text_seg) {
          new_row = true;
        }
      }
    }
    if (!new_row && text_seg && std::isupper(static_cast<unsigned char>(text_seg->text[0])) &&
        last_text_end_ > 0) {
      // A capitalised line that would have fitted after the previous one is
      // a new row without a label, not the previous row's wrapped text.
      size_t first_word = text_seg->text.find(' ');
      if (first_word == std::string::npos) first_word = text_seg->text.size();
      size_t bound = columns_.size() > 2 ? std::max(max_text_end_, columns_[2] - 2) : max_text_end_;
      if (last_text_end_ + 1 + first_word <= bound) new_row = true;
    }
    if (new_row) {
      Flush();
      row_.assign(columns_.size(), "");
      row_target_ = &line;
      if (cols[0] == 0 && !have_first_label_) {
        have_first_label_ = true;
        first_label_numeric_ = Numeric(segs[0].text);
      }
    }
    if (text_seg) {
      last_text_end_ = text_seg->col + text_seg->text.size();
      max_text_end_ = std::max(max_text_end_, last_text_end_);
    }
    for (size_t k = 0; k < segs.size(); ++k) {
      std::string& cell = row_[cols[k]];
      if (!cell.empty()) cell.push_back(' ');
      cell += segs[k].text;
    }
    if (&line != row_target_) line.clear();
  }
}

}  // namespace agendum
