// RecordQuery: `agendum query`, one interface over the SQLite index and the
// PostgreSQL register.
//
// The CLI parses the query options once (text, facets, limit, sort) and runs
// them on whichever store --db names: a path is an index built by `agendum
// run` (index_query.h), a postgresql:// URL a register written by `agendum
// run --sink` (postgres_query.h). Both fill the same table: kind, date,
// decision maker, outcome, document, item, page, a snippet whose matches sit
// between kMatchBegin and kMatchEnd, path, record id and the record itself.
// Text uses one syntax on both: words (stemmed), "phrases", AND / OR / NOT,
// parentheses and prefix*. One RecordQuery per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "outputs/table_writer.h"
#include "pipeline/record.h"
#include "pipeline/status.h"

namespace agendum {

enum class QuerySort { kRelevance, kDate };

struct QueryOptions {
  std::string text;  // empty = every record that passes the facets
  std::optional<Kind> kind;
  std::optional<std::string> from;  // ISO date, inclusive (see ParseDateBound)
  std::optional<std::string> to;    // ISO date, inclusive
  std::optional<std::string> decision_maker;  // exact, ignoring case
  std::optional<Topic> topic;
  std::optional<DocType> doc_type;
  bool key_decision = false;  // only key decisions (and their records)
  std::optional<OutcomeClass> outcome;
  int limit = 100;  // rows at most; 0 = all
  // Without text, rows always come by date (oldest first, undated last).
  QuerySort sort = QuerySort::kRelevance;
};

struct QueryResult {
  Table table;
  bool truncated = false;  // more rows matched than `limit`
};

class RecordQuery {
 public:
  virtual ~RecordQuery() = default;
  // A malformed text query is kInvalidArgument with a one-line message.
  virtual StatusOr<QueryResult> Run(const QueryOptions& options) = 0;
};

// True for postgres:// and postgresql:// URLs.
bool IsPostgresUrl(std::string_view db);

// Opens the store `db` names: a PostgreSQL URL, else an index path.
// kNotFound when there is no index at a path; kSetup when it is not one.
StatusOr<std::unique_ptr<RecordQuery>> OpenRecordQuery(const std::string& db);

// The empty result table for `options`: its title and columns, the same
// for every backend.
Table QueryTable(const QueryOptions& options, bool has_text);

// The start of a record's text when there is no match to show, cut at a
// word boundary after about `limit` bytes.
std::string QueryPreview(const std::string& text, size_t limit = 200);

}  // namespace agendum
