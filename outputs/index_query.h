// IndexQuery: `agendum query`, full-text search and facets over the index
// that SqliteIndexWriter builds.
//
// Text uses FTS5 syntax: words (stemmed, so `decide` finds `decided`),
// "phrases", AND / OR / NOT, parentheses and prefix*. A word holding
// punctuation (`call-in`, `2023/24`) is searched as a phrase. A malformed
// query returns kInvalidArgument with a one-line message. Facets match the
// values each record inherits from its decision and document (see
// sqlite_index_writer.h). Every value is bound, never spliced into SQL.
// Rows come best match first (bm25) or by date, each with its document
// title, path, page, item and a snippet whose matches sit between
// kMatchBegin and kMatchEnd. One IndexQuery per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "outputs/record_query.h"
#include "outputs/table_writer.h"
#include "pipeline/record.h"
#include "pipeline/status.h"

namespace agendum {

class SqliteDb;

class IndexQuery : public RecordQuery {
 public:
  // Opens the index read-only; kNotFound when there is none at `path`.
  static StatusOr<std::unique_ptr<IndexQuery>> Open(const std::string& path);
  ~IndexQuery() override;

  StatusOr<QueryResult> Run(const QueryOptions& options) override;

 private:
  explicit IndexQuery(std::unique_ptr<SqliteDb> db);
  std::unique_ptr<SqliteDb> db_;
};

// `text` as FTS5 query syntax: barewords with punctuation become phrases;
// quotes, operators, parentheses and trailing * pass through unchanged.
std::string SearchExpression(std::string_view text);

// "2024", "2024-03" or "2024-03-15" as a full ISO date: the first day of the
// period for a lower bound, the last for an upper one. kInvalidArgument
// for anything else.
StatusOr<std::string> ParseDateBound(std::string_view text, bool upper);

}  // namespace agendum
