#include "outputs/postgres_query.h"

#include <cctype>
#include <vector>

#include "outputs/postgres_db.h"

namespace agendum {
namespace {

// Characters of a word: letters, digits and anything beyond ASCII, as
// FTS5's unicode61 tokenizer has them.
bool WordChar(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// The words of `s`, split at anything else ("call-in" -> call, in).
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> words;
  std::string word;
  for (char c : s) {
    if (WordChar(static_cast<unsigned char>(c))) {
      word.push_back(c);
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// One operand: its words as a phrase, the last one a prefix when asked.
std::string Phrase(const std::vector<std::string>& words, bool prefix) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    out += (i ? " <-> '" : "'") + words[i] + "'";
    if (prefix && i + 1 == words.size()) out += ":*";
  }
  return words.size() > 1 ? "(" + out + ")" : out;
}

// The text between rows' matches: ts_headline marks them with the same
// bytes the SQLite snippet uses.
std::string HeadlineOptions() {
  return std::string("StartSel=") + kMatchBegin + ", StopSel=" + kMatchEnd +
         ", MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=1, FragmentDelimiter=\" … \"";
}

Cell TextCell(std::optional<std::string> v) { return Cell{std::move(v), ""}; }

}  // namespace

std::string TsQueryExpression(std::string_view text) {
  enum class Last { kNone, kOperand, kOperator, kOpen };
  Last last = Last::kNone;
  std::string out;
  // Between two operands with nothing in between, FTS5 reads AND.
  auto operand = [&](const std::string& term) {
    if (term.empty()) return;
    if (last == Last::kOperand) out += " & ";
    out += term;
    last = Last::kOperand;
  };
  bool after_comma = false;  // NEAR(a b, 5): the number is a distance, not a word
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ',') after_comma = true;
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '+' || c == '^') {
      ++i;
      continue;
    }
    const bool distance = after_comma;
    after_comma = false;
    if (c == '(') {
      if (last == Last::kOperand) out += " & ";
      out += "(";
      last = Last::kOpen;
      ++i;
      continue;
    }
    if (c == ')') {
      out += ")";
      last = Last::kOperand;
      ++i;
      continue;
    }
    if (c == '"') {
      size_t end = text.find('"', i + 1);
      size_t stop = end == std::string_view::npos ? text.size() : end;
      std::vector<std::string> words = Words(text.substr(i + 1, stop - i - 1));
      i = stop == text.size() ? stop : stop + 1;
      bool prefix = i < text.size() && text[i] == '*';
      if (prefix) ++i;
      operand(Phrase(words, prefix));
      continue;
    }
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) &&
           text[i] != '(' && text[i] != ')' && text[i] != '"' && text[i] != ',') {
      ++i;
    }
    std::string_view word = text.substr(start, i - start);
    if (word == "AND") {
      out += " & ";
      last = Last::kOperator;
    } else if (word == "OR") {
      out += " | ";
      last = Last::kOperator;
    } else if (word == "NOT") {
      // FTS5's NOT is binary: "a NOT b" is a and not b.
      out += last == Last::kOperand ? " & !" : "!";
      last = Last::kOperator;
    } else if (word == "NEAR" ||
               (distance && word.find_first_not_of("0123456789") == std::string_view::npos)) {
      // NEAR(a b, 5) is read as all of its words.
    } else {
      // `column:term` searches one column on SQLite; here it searches both.
      size_t colon = word.find(':');
      if (colon != std::string_view::npos) word = word.substr(colon + 1);
      bool prefix = word.size() > 1 && word.back() == '*';
      if (prefix) word.remove_suffix(1);
      operand(Phrase(Words(word), prefix));
    }
  }
  return out;
}

PostgresQuery::PostgresQuery(std::unique_ptr<PostgresDb> db) : db_(std::move(db)) {}
PostgresQuery::~PostgresQuery() = default;

StatusOr<std::unique_ptr<PostgresQuery>> PostgresQuery::Open(const std::string& url) {
  AGENDUM_ASSIGN_OR_RETURN(auto db, PostgresDb::Connect(url));
  auto check = db->Query("SELECT value FROM agendum_meta WHERE key = 'layout'");
  if (!check.ok() || check->rows() == 0) {
    return Status::Setup("the database holds no agendum register (write one with agendum run "
                         "--sink)");
  }
  return std::unique_ptr<PostgresQuery>(new PostgresQuery(std::move(db)));
}

StatusOr<QueryResult> PostgresQuery::Run(const QueryOptions& options) {
  const std::string expression = TsQueryExpression(options.text);
  const bool has_text = !expression.empty();
  PostgresDb::Params params;
  auto param = [&](std::string value) {
    params.emplace_back(std::move(value));
    return "$" + std::to_string(params.size());
  };
  std::string query_ref;
  if (has_text) query_ref = "to_tsquery('english', " + param(expression) + ")";
  std::string sql =
      "SELECT r.kind, r.id, r.date, r.decision_maker, r.outcome_class, d.title, d.path, r.page, "
      "r.item, r.text, r.json";
  if (has_text) sql += ", ts_headline('english', r.text, q.q, " + param(HeadlineOptions()) + ")";
  sql += " FROM agendum_records r JOIN agendum_documents d ON d.id = r.doc_id";
  if (has_text) sql += " CROSS JOIN " + query_ref + " AS q(q)";
  sql += " WHERE true";
  if (has_text) sql += " AND r.search @@ q.q";
  if (options.kind) sql += " AND r.kind = " + param(std::string(ToString(*options.kind)));
  if (options.from) sql += " AND r.date >= " + param(*options.from);
  if (options.to) sql += " AND r.date <= " + param(*options.to);
  if (options.decision_maker) {
    sql += " AND lower(r.decision_maker) = lower(" + param(*options.decision_maker) + ")";
  }
  if (options.topic) sql += " AND " + param(std::string(ToString(*options.topic))) + " = ANY(r.topics)";
  if (options.doc_type) sql += " AND r.doc_type = " + param(std::string(ToString(*options.doc_type)));
  if (options.key_decision) sql += " AND r.key_decision";
  if (options.outcome) {
    sql += " AND r.outcome_class = " + param(std::string(ToString(*options.outcome)));
  }
  if (has_text && options.sort == QuerySort::kRelevance) {
    sql += " ORDER BY ts_rank_cd(r.search, q.q) DESC, d.path, r.seq";
  } else {
    sql += " ORDER BY r.date IS NULL, r.date, d.path, r.seq";
  }
  if (options.limit > 0) sql += " LIMIT " + param(std::to_string(options.limit + 1));

  auto rows = db_->Query(sql, params);
  if (!rows.ok()) {
    if (has_text && rows.status().code() == StatusCode::kInvalidArgument) {
      return Status::InvalidArgument("cannot search for '" + options.text +
                                     "': " + rows.status().message());
    }
    return rows.status();
  }
  QueryResult result;
  result.table = QueryTable(options, has_text);
  for (int i = 0; i < rows->rows(); ++i) {
    if (options.limit > 0 && result.table.rows.size() == static_cast<size_t>(options.limit)) {
      result.truncated = true;
      break;
    }
    std::string shown = has_text ? rows->Text(i, 11) : QueryPreview(rows->Text(i, 9));
    if (has_text && shown.find(kMatchBegin) == std::string::npos) shown = QueryPreview(rows->Text(i, 9));
    std::string path = rows->Text(i, 6);
    std::optional<int64_t> page = rows->OptionalInt(i, 7);
    std::string link = PageLink(path, page);
    result.table.rows.push_back({
        TextCell(rows->Text(i, 0)),
        TextCell(rows->OptionalText(i, 2)),
        TextCell(rows->OptionalText(i, 3)),
        TextCell(rows->OptionalText(i, 4)),
        Cell{rows->Text(i, 5), link},
        TextCell(rows->OptionalText(i, 8)),
        page ? Cell{std::to_string(*page), ""} : Cell{},
        TextCell(shown),
        Cell{path, link},
        TextCell(rows->Text(i, 1)),
        TextCell(rows->Text(i, 10)),
    });
  }
  return result;
}

}  // namespace agendum
