// TableWriter: query results and the decisions register as csv, jsonl, md,
// html or xlsx.
//
// `agendum query` and `agendum register` build a Table (typed columns, rows
// of optional strings) and hand it here; each format is one function. Text
// may carry search-match markers (kMatchBegin ... kMatchEnd) that every
// format renders its own way: **bold** in csv, jsonl and md, <mark> in html,
// bold runs in xlsx. Cells that a spreadsheet would read as a formula (= + -
// @) are neutralised with a leading apostrophe in csv and xlsx.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace agendum {

inline constexpr char kMatchBegin = '\x02';
inline constexpr char kMatchEnd = '\x03';

enum class ColumnType {
  kText,    // wrapped in xlsx
  kDate,    // ISO YYYY-MM-DD; a real date in xlsx
  kNumber,  // an integer
  kBool,    // "1" or "0"; yes/no in tables, true/false in jsonl
  kJson,    // a JSON value: embedded in jsonl, left out of every other format
};

struct Column {
  std::string key;     // jsonl key, snake_case
  std::string header;  // header row of csv, md, html and xlsx
  ColumnType type = ColumnType::kText;
  double width = 16;   // xlsx column width in characters
};

struct Cell {
  std::optional<std::string> value;  // nullopt = empty / null
  std::string link;                  // html and xlsx link target, when not empty
};

struct Table {
  std::string title;  // html page title and xlsx sheet name
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;  // each row has one cell per column
};

enum class TableFormat { kCsv, kJsonl, kMarkdown, kHtml, kXlsx };

// "csv", "jsonl", "md", "html", "xlsx"; nullopt otherwise.
std::optional<TableFormat> TableFormatFromString(std::string_view s);
// From an output file's extension (".xlsx" -> kXlsx); nullopt if unknown.
std::optional<TableFormat> TableFormatForPath(std::string_view path);

std::string RenderCsv(const Table& table);
std::string RenderJsonl(const Table& table);
std::string RenderMarkdown(const Table& table);
// A whole self-contained page: inline style, no scripts, no external files.
std::string RenderHtml(const Table& table);
// Writes an xlsx workbook with one sheet to `path` (libxlsxwriter).
Status WriteXlsx(const Table& table, const std::string& path);

// Writes `table` in `format` to `path`, or to stdout when `path` is empty
// (kInvalidArgument for xlsx, which needs a file). Files are written through
// a temporary file and rename.
Status WriteTable(const Table& table, TableFormat format, const std::string& path);

// A link to page `page` of `path` for html and xlsx: a relative or file://
// URL, percent-encoded, with "#page=N" when page is set.
std::string PageLink(const std::string& path, std::optional<int64_t> page);

}  // namespace agendum
