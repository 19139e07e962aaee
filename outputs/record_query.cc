#include "outputs/record_query.h"

#include "outputs/index_query.h"
#include "outputs/postgres_query.h"

namespace agendum {

bool IsPostgresUrl(std::string_view db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

StatusOr<std::unique_ptr<RecordQuery>> OpenRecordQuery(const std::string& db) {
  if (IsPostgresUrl(db)) {
    AGENDUM_ASSIGN_OR_RETURN(auto query, PostgresQuery::Open(db));
    return std::unique_ptr<RecordQuery>(std::move(query));
  }
  AGENDUM_ASSIGN_OR_RETURN(auto query, IndexQuery::Open(db));
  return std::unique_ptr<RecordQuery>(std::move(query));
}

Table QueryTable(const QueryOptions& options, bool has_text) {
  Table table;
  table.title = has_text ? "agendum query: " + options.text : "agendum query";
  table.columns = {
      {"kind", "Kind", ColumnType::kText, 14},
      {"date", "Date", ColumnType::kDate, 12},
      {"decision_maker", "Decision maker", ColumnType::kText, 24},
      {"outcome", "Outcome", ColumnType::kText, 14},
      {"document", "Document", ColumnType::kText, 36},
      {"item", "Item", ColumnType::kText, 36},
      {"page", "Page", ColumnType::kNumber, 7},
      {"snippet", has_text ? "Match" : "Text", ColumnType::kText, 70},
      {"path", "File", ColumnType::kText, 36},
      {"id", "Record id", ColumnType::kText, 28},
      {"record", "Record", ColumnType::kJson, 0},
  };
  return table;
}

std::string QueryPreview(const std::string& text, size_t limit) {
  if (text.size() <= limit) return text;
  size_t cut = text.rfind(' ', limit);
  if (cut == std::string::npos || cut < limit / 2) {
    cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return text.substr(0, cut) + " …";
}

}  // namespace agendum
