// PostgresQuery: `agendum query --db postgresql://...`, the queries of the
// SQLite index answered from the register PostgresSink writes.
//
// Text is translated into a tsquery over the `search` column (english
// stemming, so `decide` finds `decided`): words, "phrases" (<->), AND, OR,
// NOT, parentheses and prefix* keep their meaning; a word holding
// punctuation (`call-in`) is searched as a phrase, as on SQLite. Stop words
// are dropped from the query (`call-in` finds every "call"; "the" alone
// finds nothing), where SQLite keeps them. Relevance is
// ts_rank_cd; ties, and --sort date, order as on SQLite. Facets and the
// result table are the same as IndexQuery's. One PostgresQuery per thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "outputs/record_query.h"

namespace agendum {

class PostgresDb;

class PostgresQuery : public RecordQuery {
 public:
  // Connects; kSetup when the server cannot be reached or holds no register.
  static StatusOr<std::unique_ptr<PostgresQuery>> Open(const std::string& url);
  ~PostgresQuery() override;

  StatusOr<QueryResult> Run(const QueryOptions& options) override;

 private:
  explicit PostgresQuery(std::unique_ptr<PostgresDb> db);
  std::unique_ptr<PostgresDb> db_;
};

// `text` (the query syntax of record_query.h) as to_tsquery input: quoted
// lexemes joined by &, |, !, <-> and parentheses; "" when it holds no words.
std::string TsQueryExpression(std::string_view text);

}  // namespace agendum
