// SqliteDb: the one adapter between agendum and SQLite's C API.
//
// The index writer, the query command and the decisions register talk to
// SQLite only through these two small classes, so `sqlite3.h` is included in
// sqlite_db.cc alone and SQLite's integer result codes become Status values
// there. Every value reaches SQLite as a bound parameter; SQL text is only
// ever our own. Not thread-safe: one SqliteDb per thread.
//
//   AGENDUM_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(path, SqliteDb::Mode::kReadOnly));
//   AGENDUM_ASSIGN_OR_RETURN(auto stmt, db->Prepare("SELECT id FROM records WHERE kind = ?"));
//   stmt.BindText(1, "decision");
//   while (true) {
//     AGENDUM_ASSIGN_OR_RETURN(bool row, stmt.Step());
//     if (!row) break;
//     std::string id = stmt.ColumnText(0);
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/status.h"

namespace agendum {

// A prepared statement. Movable, not copyable; finalized when destroyed.
// REQUIRES: it does not outlive the SqliteDb that prepared it.
class SqliteStatement {
 public:
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&& other) noexcept;
  ~SqliteStatement();

  // Parameters are 1-based, as in SQLite. Binding copies the value.
  void BindText(int index, std::string_view value);
  void BindInt(int index, int64_t value);
  void BindNull(int index);
  void BindOptionalText(int index, const std::optional<std::string>& value);
  void BindOptionalInt(int index, const std::optional<int64_t>& value);

  // True when a row is ready, false when done; an error carries SQLite's
  // message (for a full-text query, the FTS5 syntax error).
  StatusOr<bool> Step();
  // Step() for statements that return no rows.
  Status Run();
  // Ready to run again; bindings are cleared.
  void Reset();

  // Columns are 0-based. A NULL text column reads as "".
  bool ColumnIsNull(int column) const;
  std::string ColumnText(int column) const;
  std::optional<std::string> ColumnOptionalText(int column) const;
  int64_t ColumnInt(int column) const;
  std::optional<int64_t> ColumnOptionalInt(int column) const;
  double ColumnDouble(int column) const;

 private:
  friend class SqliteDb;
  struct Impl;
  explicit SqliteStatement(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class SqliteDb {
 public:
  enum class Mode { kReadOnly, kReadWriteCreate };

  // Opens (and with kReadWriteCreate creates) the database at `path`, with
  // foreign keys enforced. kNotFound when a read-only database is missing.
  static StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path, Mode mode);
  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more statements without parameters.
  Status Exec(std::string_view sql);
  StatusOr<SqliteStatement> Prepare(std::string_view sql);
  int64_t LastInsertRowId() const;
  // Rows changed by every statement since the database was opened.
  int64_t TotalChanges() const;
  const std::string& path() const { return path_; }

 private:
  struct Impl;
  SqliteDb(std::string path, std::unique_ptr<Impl> impl);
  std::string path_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace agendum
