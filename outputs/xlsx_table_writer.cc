// WriteXlsx: the one file that includes libxlsxwriter (see table_writer.h).
#include <xlsxwriter.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "outputs/table_writer.h"

namespace agendum {
namespace {

// Excel's limit on the characters in one cell.
constexpr size_t kMaxCellBytes = 32000;
// Excel refuses a sheet with more hyperlinks than this.
constexpr size_t kMaxLinks = 65000;

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};

// Cuts at a UTF-8 character boundary.
std::string Truncate(std::string s) {
  if (s.size() <= kMaxCellBytes) return s;
  size_t n = kMaxCellBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s + "…";
}

// Text without control characters (tab and newline stay), split into runs:
// even runs plain, odd runs inside a search match.
std::vector<std::string> Runs(const std::string& text) {
  std::vector<std::string> runs(1);
  for (char c : text) {
    if (c == kMatchBegin) {
      if (runs.size() % 2 == 1) runs.emplace_back();
    } else if (c == kMatchEnd) {
      if (runs.size() % 2 == 0) runs.emplace_back();
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      if (c != '\r') runs.back().push_back(' ');
    } else {
      runs.back().push_back(c);
    }
  }
  return runs;
}

bool LooksLikeFormula(const std::string& s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t');
}

std::optional<lxw_datetime> ParseDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  lxw_datetime dt{};
  dt.year = std::atoi(s.substr(0, 4).c_str());
  dt.month = std::atoi(s.substr(5, 2).c_str());
  dt.day = std::atoi(s.substr(8, 2).c_str());
  if (dt.year < 1900 || dt.month < 1 || dt.month > 12 || dt.day < 1 || dt.day > 31) {
    return std::nullopt;
  }
  return dt;
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ .
std::string SheetName(const std::string& title) {
  std::string out;
  for (char c : title) {
    if (out.size() >= 31) break;
    if (static_cast<unsigned char>(c) >= 0x80) continue;
    if (std::string_view("[]:*?/\\'").find(c) != std::string_view::npos) continue;
    out.push_back(c);
  }
  return out.empty() ? "Results" : out;
}

Status Check(lxw_error error, const std::string& path) {
  if (error == LXW_NO_ERROR) return Status::Ok();
  return Status::IoError("cannot write " + path + ": " + lxw_strerror(error));
}

}  // namespace

Status WriteXlsx(const Table& table, const std::string& path) {
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(path.c_str()));
  if (!wb) return Status::IoError("cannot create workbook " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), SheetName(table.title).c_str());
  if (!ws) return Status::IoError("cannot add a worksheet to " + path);

  lxw_format* header = workbook_add_format(wb.get());
  format_set_bold(header);
  format_set_bg_color(header, 0xDDE4EE);
  format_set_bottom(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrap = workbook_add_format(wb.get());
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* date = workbook_add_format(wb.get());
  format_set_num_format(date, "yyyy-mm-dd");
  format_set_align(date, LXW_ALIGN_VERTICAL_TOP);
  format_set_align(date, LXW_ALIGN_LEFT);
  lxw_format* top = workbook_add_format(wb.get());
  format_set_align(top, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* bold = workbook_add_format(wb.get());
  format_set_bold(bold);
  lxw_format* link = workbook_add_format(wb.get());
  format_set_underline(link, LXW_UNDERLINE_SINGLE);
  format_set_font_color(link, LXW_COLOR_BLUE);
  format_set_text_wrap(link);
  format_set_align(link, LXW_ALIGN_VERTICAL_TOP);

  // Sheet columns skip the JSON-only ones.
  std::vector<size_t> shown;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (table.columns[i].type != ColumnType::kJson) shown.push_back(i);
  }
  for (size_t c = 0; c < shown.size(); ++c) {
    const Column& column = table.columns[shown[c]];
    auto col = static_cast<lxw_col_t>(c);
    lxw_format* f = column.type == ColumnType::kDate   ? date
                    : column.type == ColumnType::kText ? wrap
                                                       : top;
    AGENDUM_RETURN_IF_ERROR(Check(worksheet_set_column(ws, col, col, column.width, f), path));
    AGENDUM_RETURN_IF_ERROR(
        Check(worksheet_write_string(ws, 0, col, column.header.c_str(), header), path));
  }
  worksheet_freeze_panes(ws, 1, 0);

  size_t links = 0;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    for (size_t c = 0; c < shown.size(); ++c) {
      const Column& column = table.columns[shown[c]];
      const Cell& cell = table.rows[r][shown[c]];
      auto col = static_cast<lxw_col_t>(c);
      if (!cell.value) continue;
      const std::string& value = *cell.value;
      if (column.type == ColumnType::kDate) {
        if (auto dt = ParseDate(value)) {
          AGENDUM_RETURN_IF_ERROR(Check(worksheet_write_datetime(ws, row, col, &*dt, date), path));
          continue;
        }
      }
      if (column.type == ColumnType::kNumber) {
        char* end = nullptr;
        double v = std::strtod(value.c_str(), &end);
        if (!value.empty() && end && *end == '\0') {
          AGENDUM_RETURN_IF_ERROR(Check(worksheet_write_number(ws, row, col, v, top), path));
          continue;
        }
      }
      if (column.type == ColumnType::kBool) {
        const char* text = value == "1" ? "yes" : value == "0" ? "no" : value.c_str();
        AGENDUM_RETURN_IF_ERROR(Check(worksheet_write_string(ws, row, col, text, top), path));
        continue;
      }
      std::vector<std::string> runs = Runs(value);
      // The apostrophe goes in front of whatever the cell shows first.
      for (auto& run : runs) {
        if (run.empty()) continue;
        if (LooksLikeFormula(run)) run = "'" + run;
        break;
      }
      if (!cell.link.empty() && links < kMaxLinks) {
        std::string shown_text;
        for (const auto& run : runs) shown_text += run;
        shown_text = Truncate(shown_text);
        if (worksheet_write_url_opt(ws, row, col, cell.link.c_str(), link, shown_text.c_str(),
                                    nullptr) == LXW_NO_ERROR) {
          ++links;
          continue;
        }
      }
      size_t non_empty = 0;
      for (const auto& run : runs) non_empty += run.empty() ? 0 : 1;
      if (runs.size() > 1 && non_empty > 1) {
        // Rich text: matches in bold. Fragments must not be empty.
        std::vector<std::string> kept;
        std::vector<lxw_rich_string_tuple> tuples;
        size_t budget = kMaxCellBytes;
        for (size_t i = 0; i < runs.size(); ++i) {
          if (runs[i].empty() || budget == 0) continue;
          std::string part = runs[i].size() > budget ? Truncate(runs[i].substr(0, budget)) : runs[i];
          budget -= std::min(budget, part.size());
          kept.push_back(part);
          tuples.push_back(lxw_rich_string_tuple{i % 2 == 1 ? bold : nullptr, nullptr});
        }
        std::vector<lxw_rich_string_tuple*> pointers;
        for (size_t i = 0; i < tuples.size(); ++i) {
          tuples[i].string = kept[i].data();
          pointers.push_back(&tuples[i]);
        }
        pointers.push_back(nullptr);
        if (tuples.size() > 1 &&
            worksheet_write_rich_string(ws, row, col, pointers.data(), wrap) == LXW_NO_ERROR) {
          continue;
        }
      }
      std::string text;
      for (const auto& run : runs) text += run;
      AGENDUM_RETURN_IF_ERROR(
          Check(worksheet_write_string(ws, row, col, Truncate(text).c_str(), wrap), path));
    }
  }
  if (!shown.empty()) {
    AGENDUM_RETURN_IF_ERROR(Check(
        worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                             static_cast<lxw_col_t>(shown.size() - 1)),
        path));
  }
  lxw_error error = workbook_close(wb.release());
  return Check(error, path);
}

}  // namespace agendum
