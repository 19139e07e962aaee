// TableReader: rows of tables in a PDF's physical layout -> one line each.
//
// Part of normalisation. A header line of three or more short capitalised
// cells ("No  Action  Owner  Update", Souldern's action tracker) fixes the
// column starts; each following line's words are assigned to columns by
// where they start, continuation lines are folded into their row, and the row
// is written as "cell | cell | cell" so that an action log or a status table
// stays one row per line. A line whose text spans a column boundary ends the
// table. A table may continue over a page break.
#pragma once

#include <string>
#include <vector>

#include "pipeline/pattern_table.h"

namespace agendum {

class TableReader {
 public:
  // Uses the `normalise.table_header_cell` row. `patterns` must outlive this.
  explicit TableReader(const PatternTable& patterns);
  // Rewrites the table rows of one page's lines in place (consumed lines
  // become empty). Call once per page, in page order, then Finish.
  void Rewrite(std::vector<std::string>* lines);
  // Writes out a row still open at the end of the document.
  void Finish();

 private:
  struct Segment {
    size_t col = 0;
    std::string text;
  };
  static std::vector<Segment> Segments(const std::string& line);
  bool IsHeader(const std::vector<Segment>& segs) const;
  // Column of a segment, or -1 when it crosses into the next column.
  int ColumnOf(const Segment& s) const;
  void Flush();
  void End();

  const RE2* header_cell_;
  std::vector<size_t> columns_;     // start column of each table column
  std::vector<std::string> row_;    // cells of the open row
  std::string* row_target_ = nullptr;  // line the open row is written to
  bool first_label_numeric_ = false;
  size_t last_text_end_ = 0;  // where the last line's column-1 text ended
  size_t max_text_end_ = 0;   // the furthest column-1 text has reached
  bool have_first_label_ = false;
};

}  // namespace agendum
