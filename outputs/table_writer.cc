#include "outputs/table_writer.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "outputs/jsonl_writer.h"

namespace agendum {
namespace {

using Json = nlohmann::ordered_json;

bool Shown(const Column& c) { return c.type != ColumnType::kJson; }

// Control characters other than tab and newline never reach an output; the
// match markers are replaced by `begin`/`end`, and an unclosed match is
// closed at the end of the cell.
std::string Plain(std::string_view text, std::string_view begin, std::string_view end) {
  std::string out;
  out.reserve(text.size());
  bool open = false;
  for (char c : text) {
    if (c == kMatchBegin) {
      if (!open) out += begin;
      open = true;
    } else if (c == kMatchEnd) {
      if (open) out += end;
      open = false;
    } else if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
      if (c == '\r') continue;
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (open) out += end;
  return out;
}

std::string BoolText(const std::string& v) { return v == "1" ? "yes" : v == "0" ? "no" : v; }

// Spreadsheets run a cell that starts with one of these as a formula
// (CSV injection); a leading apostrophe makes it text.
bool LooksLikeFormula(std::string_view s) {
  return !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                        s[0] == '\t' || s[0] == '\r');
}

std::string CellText(const Column& column, const Cell& cell, std::string_view begin,
                     std::string_view end) {
  if (!cell.value) return "";
  if (column.type == ColumnType::kBool) return BoolText(*cell.value);
  return Plain(*cell.value, begin, end);
}

std::string CsvField(std::string value) {
  bool quote = value.find_first_of(",\"\n\r") != std::string::npos;
  if (!quote) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

std::string MarkdownEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\': case '|': case '*': case '_': case '`': case '[': case ']': case '#':
        out.push_back('\\');
        out.push_back(c);
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': out += "<br>"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// Escapes first, then turns the (untouched) markers into <mark> elements.
std::string HtmlText(std::string_view text) {
  return Plain(HtmlEscape(text), "<mark>", "</mark>");
}

}  // namespace

std::optional<TableFormat> TableFormatFromString(std::string_view s) {
  if (s == "csv") return TableFormat::kCsv;
  if (s == "jsonl") return TableFormat::kJsonl;
  if (s == "md" || s == "markdown") return TableFormat::kMarkdown;
  if (s == "html") return TableFormat::kHtml;
  if (s == "xlsx") return TableFormat::kXlsx;
  return std::nullopt;
}

std::optional<TableFormat> TableFormatForPath(std::string_view path) {
  size_t dot = path.rfind('.');
  size_t slash = path.find_last_of("/\\");
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  std::string ext(path.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "htm") ext = "html";
  return TableFormatFromString(ext);
}

std::string RenderCsv(const Table& table) {
  std::string out;
  bool first = true;
  for (const Column& c : table.columns) {
    if (!Shown(c)) continue;
    if (!first) out.push_back(',');
    out += CsvField(c.header);
    first = false;
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    first = true;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (!Shown(c)) continue;
      std::string text = CellText(c, row[i], "**", "**");
      if (c.type == ColumnType::kText && LooksLikeFormula(text)) text = "'" + text;
      if (!first) out.push_back(',');
      out += CsvField(std::move(text));
      first = false;
    }
    out += "\r\n";
  }
  return out;
}

std::string RenderJsonl(const Table& table) {
  std::string out;
  for (const auto& row : table.rows) {
    Json j = Json::object();
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      const Cell& cell = row[i];
      if (!cell.value) {
        j[c.key] = nullptr;
        continue;
      }
      switch (c.type) {
        case ColumnType::kText:
        case ColumnType::kDate:
          j[c.key] = Plain(*cell.value, "**", "**");
          break;
        case ColumnType::kNumber: {
          char* end = nullptr;
          long long v = std::strtoll(cell.value->c_str(), &end, 10);
          if (end && *end == '\0' && !cell.value->empty()) j[c.key] = v;
          else j[c.key] = *cell.value;
          break;
        }
        case ColumnType::kBool:
          j[c.key] = *cell.value == "1";
          break;
        case ColumnType::kJson:
          j[c.key] = Json::parse(*cell.value, nullptr, /*allow_exceptions=*/false);
          break;
      }
    }
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
    out.push_back('\n');
  }
  return out;
}

std::string RenderMarkdown(const Table& table) {
  std::string header = "|";
  std::string rule = "|";
  for (const Column& c : table.columns) {
    if (!Shown(c)) continue;
    header += " " + MarkdownEscape(c.header) + " |";
    rule += c.type == ColumnType::kNumber ? " ---: |" : " --- |";
  }
  std::string out = header + "\n" + rule + "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (!Shown(c)) continue;
      // Escape around the markers so the ** we add stays live.
      std::string text = CellText(c, row[i], "\x02", "\x03");
      std::string escaped = MarkdownEscape(text);
      escaped = Plain(escaped, "**", "**");
      if (!row[i].link.empty() && !escaped.empty()) {
        escaped = "[" + escaped + "](" + row[i].link + ")";
      }
      out += " " + escaped + " |";
    }
    out += "\n";
  }
  return out;
}

std::string RenderHtml(const Table& table) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"generator\" content=\"agendum\">\n<title>" +
      HtmlEscape(table.title) +
      "</title>\n<style>\n"
      "body{font-family:system-ui,-apple-system,\"Segoe UI\",Arial,sans-serif;margin:1.5em;"
      "color:#1b1b1b}\n"
      "table{border-collapse:collapse;width:100%;font-size:0.9em}\n"
      "th,td{border:1px solid #c8c8c8;padding:0.35em 0.5em;vertical-align:top;text-align:left;"
      "white-space:pre-line}\n"
      "th{background:#eef1f5;position:sticky;top:0}\n"
      "tr:nth-child(even) td{background:#fafafa}\n"
      "mark{background:#ffe27a;padding:0 0.1em}\n"
      "td.n{text-align:right}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      HtmlEscape(table.title) + "</h1>\n<p>" + std::to_string(table.rows.size()) +
      (table.rows.size() == 1 ? " row" : " rows") + "</p>\n<table>\n<thead><tr>";
  for (const Column& c : table.columns) {
    if (Shown(c)) out += "<th scope=\"col\">" + HtmlEscape(c.header) + "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out += "<tr>";
    for (size_t i = 0; i < table.columns.size(); ++i) {
      const Column& c = table.columns[i];
      if (!Shown(c)) continue;
      const Cell& cell = row[i];
      std::string text =
          cell.value ? HtmlText(c.type == ColumnType::kBool ? BoolText(*cell.value) : *cell.value)
                     : "";
      out += c.type == ColumnType::kNumber ? "<td class=\"n\">" : "<td>";
      if (!cell.link.empty() && !text.empty()) {
        out += "<a href=\"" + HtmlEscape(cell.link) + "\">" + text + "</a>";
      } else {
        out += text;
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</body>\n</html>\n";
  return out;
}

Status WriteTable(const Table& table, TableFormat format, const std::string& path) {
  if (format == TableFormat::kXlsx) {
    if (path.empty()) {
      return Status::InvalidArgument("xlsx needs a file: add --output FILE.xlsx");
    }
    std::string tmp = path + ".tmp";
    Status st = WriteXlsx(table, tmp);
    if (st.ok() && std::rename(tmp.c_str(), path.c_str()) != 0) {
      st = Status::IoError("cannot write " + path);
    }
    if (!st.ok()) std::remove(tmp.c_str());
    return st;
  }
  std::string text;
  switch (format) {
    case TableFormat::kCsv: text = RenderCsv(table); break;
    case TableFormat::kJsonl: text = RenderJsonl(table); break;
    case TableFormat::kMarkdown: text = RenderMarkdown(table); break;
    case TableFormat::kHtml: text = RenderHtml(table); break;
    case TableFormat::kXlsx: break;
  }
  if (path.empty()) {
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    std::cout.flush();
    if (!std::cout) return Status::IoError("cannot write to standard output");
    return Status::Ok();
  }
  return WriteFileAtomically(path, text);
}

std::string PageLink(const std::string& path, std::optional<int64_t> page) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  if (page) out += "#page=" + std::to_string(*page);
  return out;
}

}  // namespace agendum
