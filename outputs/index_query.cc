#include "outputs/index_query.h"

#include <cctype>
#include <vector>

#include "outputs/sqlite_db.h"

namespace agendum {
namespace {

// Characters FTS5 accepts in a bareword: letters, digits, '_' and anything
// beyond ASCII.
bool BarewordChar(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

bool IsOperator(std::string_view word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "NEAR";
}

Cell Text(std::optional<std::string> v) { return Cell{std::move(v), ""}; }

Cell Number(std::optional<int64_t> v) {
  if (!v) return Cell{};
  return Cell{std::to_string(*v), ""};
}

}  // namespace

std::string SearchExpression(std::string_view text) {
  const bool near = text.find("NEAR(") != std::string_view::npos;
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"') {
      // A phrase, copied whole (an unclosed one is left for FTS5 to report).
      size_t end = text.find('"', i + 1);
      while (end != std::string_view::npos && end + 1 < text.size() && text[end + 1] == '"') {
        end = text.find('"', end + 2);
      }
      size_t stop = end == std::string_view::npos ? text.size() : end + 1;
      out.append(text.substr(i, stop - i));
      i = stop;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == ',') {
      // A comma is syntax only inside NEAR(...); elsewhere it separates words.
      out.push_back(c == ',' && !near ? ' ' : c);
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
           text[i] != '(' && text[i] != ')' && text[i] != ',' && text[i] != '"') {
      ++i;
    }
    std::string_view word = text.substr(start, i - start);
    bool prefix = word.size() > 1 && word.back() == '*';
    std::string_view stem = prefix ? word.substr(0, word.size() - 1) : word;
    bool plain = !stem.empty();
    for (char w : stem) plain = plain && BarewordChar(static_cast<unsigned char>(w));
    // `column:term`, `^term`, `+` and a lone `*` are FTS5 syntax; leave them.
    bool syntax = word.find(':') != std::string_view::npos || word[0] == '^' || word == "+" ||
                  word == "*";
    if (plain || IsOperator(word) || syntax) {
      out.append(word);
    } else {
      out += "\"" + std::string(stem) + "\"";
      if (prefix) out.push_back('*');
    }
  }
  return out;
}

StatusOr<std::string> ParseDateBound(std::string_view text, bool upper) {
  auto digits = [&](size_t pos, size_t n) {
    if (pos + n > text.size()) return false;
    for (size_t k = pos; k < pos + n; ++k) {
      if (!std::isdigit(static_cast<unsigned char>(text[k]))) return false;
    }
    return true;
  };
  std::string s(text);
  bool ok = false;
  if (s.size() == 4 && digits(0, 4)) {
    s += upper ? "-12-31" : "-01-01";
    ok = true;
  } else if (s.size() == 7 && digits(0, 4) && s[4] == '-' && digits(5, 2)) {
    s += upper ? "-31" : "-01";
    ok = true;
  } else if (s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' &&
             digits(8, 2)) {
    ok = true;
  }
  if (ok) {
    int month = std::stoi(s.substr(5, 2));
    int day = std::stoi(s.substr(8, 2));
    ok = month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }
  if (!ok) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD");
  }
  return s;
}

IndexQuery::IndexQuery(std::unique_ptr<SqliteDb> db) : db_(std::move(db)) {}
IndexQuery::~IndexQuery() = default;

StatusOr<std::unique_ptr<IndexQuery>> IndexQuery::Open(const std::string& path) {
  AGENDUM_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(path, SqliteDb::Mode::kReadOnly));
  auto check = db->Prepare("SELECT value FROM meta WHERE key = 'layout'");
  if (!check.ok()) {
    return Status::Setup(path + " is not an agendum index (" + check.status().message() + ")");
  }
  return std::unique_ptr<IndexQuery>(new IndexQuery(std::move(db)));
}

StatusOr<QueryResult> IndexQuery::Run(const QueryOptions& options) {
  const std::string expression = SearchExpression(options.text);
  bool has_text = false;
  for (char c : expression) has_text = has_text || !std::isspace(static_cast<unsigned char>(c));

  std::string sql =
      "SELECT r.record_key, r.kind, r.id, r.date, r.decision_maker, r.outcome_class, d.title, "
      "d.path, r.page, r.item, r.text, r.json FROM ";
  sql += has_text ? "search JOIN records r ON r.record_key = search.rowid "
                  : "records r ";
  sql += "JOIN documents d ON d.doc_key = r.doc_key WHERE 1";
  // Each clause has one '?', bound in order from `values`.
  std::vector<std::string> values;
  if (has_text) {
    sql += " AND search MATCH ?";
    values.push_back(expression);
  }
  if (options.kind) {
    sql += " AND r.kind = ?";
    values.emplace_back(ToString(*options.kind));
  }
  if (options.from) {
    sql += " AND r.date >= ?";
    values.push_back(*options.from);
  }
  if (options.to) {
    sql += " AND r.date <= ?";
    values.push_back(*options.to);
  }
  if (options.decision_maker) {
    sql += " AND r.decision_maker = ? COLLATE NOCASE";
    values.push_back(*options.decision_maker);
  }
  if (options.topic) {
    sql += " AND r.record_key IN (SELECT record_key FROM record_topics WHERE topic = ?)";
    values.emplace_back(ToString(*options.topic));
  }
  if (options.doc_type) {
    sql += " AND r.doc_type = ?";
    values.emplace_back(ToString(*options.doc_type));
  }
  if (options.key_decision) sql += " AND r.key_decision = 1";
  if (options.outcome) {
    sql += " AND r.outcome_class = ?";
    values.emplace_back(ToString(*options.outcome));
  }
  if (has_text && options.sort == QuerySort::kRelevance) {
    // Ties by path and position, so a merged index answers as an unsharded one.
    sql += " ORDER BY search.rank, d.path, r.seq";
  } else {
    sql += " ORDER BY r.date IS NULL, r.date, d.path, r.seq";
  }
  if (options.limit > 0) sql += " LIMIT ?";

  AGENDUM_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(sql));
  int index = 1;
  for (const std::string& v : values) stmt.BindText(index++, v);
  if (options.limit > 0) stmt.BindInt(index++, static_cast<int64_t>(options.limit) + 1);

  std::optional<SqliteStatement> snippet;
  if (has_text) {
    AGENDUM_ASSIGN_OR_RETURN(
        auto s, db_->Prepare("SELECT snippet(search, -1, char(2), char(3), '…', 24) FROM search "
                             "WHERE search MATCH ? AND rowid = ?"));
    snippet.emplace(std::move(s));
  }

  QueryResult result;
  Table& table = result.table;
  table = QueryTable(options, has_text);
  while (true) {
    auto row = stmt.Step();
    if (!row.ok()) {
      if (has_text) {
        return Status::InvalidArgument("cannot search for '" + options.text +
                                       "': " + row.status().message());
      }
      return row.status();
    }
    if (!*row) break;
    if (options.limit > 0 && table.rows.size() == static_cast<size_t>(options.limit)) {
      result.truncated = true;
      break;
    }
    int64_t key = stmt.ColumnInt(0);
    std::string text = stmt.ColumnText(10);
    std::string shown = QueryPreview(text);
    if (snippet) {
      snippet->Reset();
      snippet->BindText(1, expression);
      snippet->BindInt(2, key);
      AGENDUM_ASSIGN_OR_RETURN(bool found, snippet->Step());
      if (found && !snippet->ColumnIsNull(0)) shown = snippet->ColumnText(0);
      snippet->Reset();
    }
    std::string path = stmt.ColumnText(7);
    std::optional<int64_t> page = stmt.ColumnOptionalInt(8);
    std::string link = PageLink(path, page);
    table.rows.push_back({
        Text(stmt.ColumnText(1)),
        Text(stmt.ColumnOptionalText(3)),
        Text(stmt.ColumnOptionalText(4)),
        Text(stmt.ColumnOptionalText(5)),
        Cell{stmt.ColumnText(6), link},
        Text(stmt.ColumnOptionalText(9)),
        Number(page),
        Text(shown),
        Cell{path, link},
        Text(stmt.ColumnText(2)),
        Text(stmt.ColumnText(11)),
    });
  }
  return result;
}

}  // namespace agendum
