#include "outputs/decisions_register.h"

#include <vector>

#include "outputs/sqlite_db.h"

namespace agendum {
namespace {

// "label text" lines of the records the statement returns (label, text).
StatusOr<std::optional<std::string>> JoinLines(SqliteStatement* stmt, int64_t decision_key) {
  stmt->Reset();
  stmt->BindInt(1, decision_key);
  std::string out;
  while (true) {
    AGENDUM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    if (!out.empty()) out.push_back('\n');
    std::string label = stmt->ColumnText(0);
    if (!label.empty()) out += label + " ";
    out += stmt->ColumnText(1);
  }
  stmt->Reset();
  if (out.empty()) return std::optional<std::string>();
  return std::optional<std::string>(out);
}

Cell Text(std::optional<std::string> v) { return Cell{std::move(v), ""}; }

Cell Flag(std::optional<int64_t> v) {
  if (!v) return Cell{};
  return Cell{*v ? "1" : "0", ""};
}

}  // namespace

StatusOr<Table> BuildDecisionsRegister(const std::string& db_path, const RegisterOptions& options) {
  AGENDUM_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(db_path, SqliteDb::Mode::kReadOnly));
  std::string sql =
      "SELECT r.record_key, r.date, r.decision_maker, dc.title, dc.reasons, dc.interests, "
      "dc.key_decision, dc.callable_in, dc.portfolio_holder, d.title, d.path, r.page, r.id, "
      "dc.text FROM decisions dc JOIN records r ON r.record_key = dc.record_key "
      "JOIN documents d ON d.doc_key = r.doc_key WHERE 1";
  if (options.from) sql += " AND r.date >= ?1";
  if (options.to) sql += " AND r.date <= ?2";
  sql += " ORDER BY r.date IS NULL, r.date, d.path, r.seq";
  auto prepared = db->Prepare(sql);
  if (!prepared.ok()) {
    return Status::Setup(db_path + " is not an agendum index (" + prepared.status().message() + ")");
  }
  SqliteStatement stmt = std::move(prepared).value();
  if (options.from) stmt.BindText(1, *options.from);
  if (options.to) stmt.BindText(2, *options.to);
  AGENDUM_ASSIGN_OR_RETURN(
      auto resolutions,
      db->Prepare("SELECT x.label, x.text FROM resolutions x JOIN records r "
                  "ON r.record_key = x.record_key WHERE r.decision_key = ? ORDER BY r.seq"));
  AGENDUM_ASSIGN_OR_RETURN(
      auto alternatives,
      db->Prepare("SELECT x.label, x.text FROM options x JOIN records r "
                  "ON r.record_key = x.record_key WHERE r.decision_key = ? "
                  "AND (x.disposition IS NULL OR x.disposition <> 'chosen') ORDER BY r.seq"));

  Table table;
  table.title = "Decisions register";
  table.columns = {
      {"date", "Date", ColumnType::kDate, 12},
      {"decision_maker", "Decision maker", ColumnType::kText, 24},
      {"title", "Title", ColumnType::kText, 40},
      {"decision", "Decision", ColumnType::kText, 70},
      {"reasons", "Reasons", ColumnType::kText, 50},
      {"alternative_options", "Alternative options considered and rejected", ColumnType::kText, 50},
      {"interests", "Interests declared", ColumnType::kText, 30},
      {"key_decision", "Key decision", ColumnType::kBool, 10},
      {"callable_in", "Call-in", ColumnType::kBool, 9},
      {"portfolio_holder", "Portfolio holder", ColumnType::kText, 24},
      {"document", "Source document", ColumnType::kText, 36},
      {"page", "Page", ColumnType::kNumber, 7},
      {"path", "File", ColumnType::kText, 36},
      {"id", "Decision id", ColumnType::kText, 28},
  };
  while (true) {
    AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    int64_t key = stmt.ColumnInt(0);
    AGENDUM_ASSIGN_OR_RETURN(std::optional<std::string> decision, JoinLines(&resolutions, key));
    AGENDUM_ASSIGN_OR_RETURN(std::optional<std::string> rejected, JoinLines(&alternatives, key));
    // A decision with no resolutions of its own is stated by its text.
    if (!decision && stmt.ColumnText(13) != stmt.ColumnText(3)) decision = stmt.ColumnText(13);
    std::string path = stmt.ColumnText(10);
    std::optional<int64_t> page = stmt.ColumnOptionalInt(11);
    std::string link = PageLink(path, page);
    table.rows.push_back({
        Text(stmt.ColumnOptionalText(1)),
        Text(stmt.ColumnOptionalText(2)),
        Text(stmt.ColumnOptionalText(3)),
        Text(decision),
        Text(stmt.ColumnOptionalText(4)),
        Text(rejected),
        Text(stmt.ColumnOptionalText(5)),
        Flag(stmt.ColumnOptionalInt(6)),
        Flag(stmt.ColumnOptionalInt(7)),
        Text(stmt.ColumnOptionalText(8)),
        Cell{stmt.ColumnText(9), link},
        page ? Cell{std::to_string(*page), ""} : Cell{},
        Cell{path, link},
        Text(stmt.ColumnText(12)),
    });
  }
  return table;
}

}  // namespace agendum
