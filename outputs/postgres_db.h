// PostgresDb: the one adapter between agendum and libpq.
//
// The PostgreSQL register (postgres_sink.h) and its query backend
// (postgres_query.h) talk to the server only through these two classes, so
// `libpq-fe.h` is included in postgres_db.cc alone and libpq's result codes
// and SQLSTATEs become Status values there: a connection that fails is
// kSetup (the URL, the server or the credentials), a statement the server
// rejects as malformed (SQLSTATE classes 22 and 42) is kInvalidArgument,
// anything else kIoError. Every value travels as a text parameter, never
// spliced into SQL. Server notices are dropped. libpq itself is loaded
// (dlopen) on the first Connect, so commands that never reach PostgreSQL do
// not start up its libraries. Not thread-safe: one PostgresDb per thread.
//
//   AGENDUM_ASSIGN_OR_RETURN(auto db, PostgresDb::Connect("postgresql://localhost/register"));
//   AGENDUM_ASSIGN_OR_RETURN(PostgresResult r, db->Query("SELECT id FROM t WHERE kind = $1", {"decision"}));
//   for (int i = 0; i < r.rows(); ++i) std::string id = r.Text(i, 0);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/status.h"

namespace agendum {

// The rows of one statement. Movable, not copyable.
class PostgresResult {
 public:
  PostgresResult(PostgresResult&& other) noexcept;
  PostgresResult& operator=(PostgresResult&& other) noexcept;
  ~PostgresResult();

  int rows() const;
  // Rows and columns are 0-based. A NULL text reads as "".
  bool IsNull(int row, int column) const;
  std::string Text(int row, int column) const;
  std::optional<std::string> OptionalText(int row, int column) const;
  std::optional<int64_t> OptionalInt(int row, int column) const;

 private:
  friend class PostgresDb;
  struct Impl;
  explicit PostgresResult(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class PostgresDb {
 public:
  using Params = std::vector<std::optional<std::string>>;  // nullopt = NULL

  // Connects with a libpq connection URL (postgresql://user@host:port/db).
  static StatusOr<std::unique_ptr<PostgresDb>> Connect(const std::string& url);
  ~PostgresDb();
  PostgresDb(const PostgresDb&) = delete;
  PostgresDb& operator=(const PostgresDb&) = delete;

  // Runs one or more statements without parameters.
  Status Exec(std::string_view sql);
  // Runs one statement with parameters $1, $2, ... sent as text.
  StatusOr<PostgresResult> Query(std::string_view sql, const Params& params = {});
  // The SQLSTATE of the last failed statement ("40P01" for a deadlock), ""
  // after a success.
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  struct Impl;
  explicit PostgresDb(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::string last_sqlstate_;
};

// True when a failed statement may succeed if its transaction is run again:
// a serialization failure (40001) or a deadlock (40P01).
bool IsRetryableSqlState(std::string_view sqlstate);

}  // namespace agendum
