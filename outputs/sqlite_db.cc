#include "outputs/sqlite_db.h"

#include <sqlite3.h>

#include <cassert>
#include <filesystem>

namespace agendum {

struct SqliteStatement::Impl {
  sqlite3* db = nullptr;
  sqlite3_stmt* stmt = nullptr;
  ~Impl() { sqlite3_finalize(stmt); }
};

struct SqliteDb::Impl {
  sqlite3* db = nullptr;
  ~Impl() { sqlite3_close_v2(db); }
};

namespace {

// SQLite messages can span lines (a syntax error quotes the input); callers
// print them on one line.
std::string OneLine(std::string message) {
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return message;
}

Status Error(sqlite3* db, std::string_view what) {
  std::string message = OneLine(db ? sqlite3_errmsg(db) : "out of memory");
  int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
  std::string text = what.empty() ? message : std::string(what) + ": " + message;
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corrupt(text);
  if (code == SQLITE_ERROR) return Status::InvalidArgument(text);
  return Status::IoError(text);
}

}  // namespace

SqliteStatement::SqliteStatement(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept = default;
SqliteStatement& SqliteStatement::operator=(SqliteStatement&& other) noexcept = default;
SqliteStatement::~SqliteStatement() = default;

void SqliteStatement::BindText(int index, std::string_view value) {
  sqlite3_bind_text64(impl_->stmt, index, value.data(), value.size(), SQLITE_TRANSIENT,
                      SQLITE_UTF8);
}

void SqliteStatement::BindInt(int index, int64_t value) {
  sqlite3_bind_int64(impl_->stmt, index, value);
}

void SqliteStatement::BindNull(int index) { sqlite3_bind_null(impl_->stmt, index); }

void SqliteStatement::BindOptionalText(int index, const std::optional<std::string>& value) {
  if (value) BindText(index, *value); else BindNull(index);
}

void SqliteStatement::BindOptionalInt(int index, const std::optional<int64_t>& value) {
  if (value) BindInt(index, *value); else BindNull(index);
}

StatusOr<bool> SqliteStatement::Step() {
  int rc = sqlite3_step(impl_->stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status error = Error(impl_->db, "");
  sqlite3_reset(impl_->stmt);
  return error;
}

Status SqliteStatement::Run() {
  AGENDUM_ASSIGN_OR_RETURN(bool row, Step());
  (void)row;
  sqlite3_reset(impl_->stmt);
  return Status::Ok();
}

void SqliteStatement::Reset() {
  sqlite3_reset(impl_->stmt);
  sqlite3_clear_bindings(impl_->stmt);
}

bool SqliteStatement::ColumnIsNull(int column) const {
  return sqlite3_column_type(impl_->stmt, column) == SQLITE_NULL;
}

std::string SqliteStatement::ColumnText(int column) const {
  const unsigned char* text = sqlite3_column_text(impl_->stmt, column);
  if (!text) return "";
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(impl_->stmt, column)));
}

std::optional<std::string> SqliteStatement::ColumnOptionalText(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnText(column);
}

int64_t SqliteStatement::ColumnInt(int column) const {
  return sqlite3_column_int64(impl_->stmt, column);
}

std::optional<int64_t> SqliteStatement::ColumnOptionalInt(int column) const {
  if (ColumnIsNull(column)) return std::nullopt;
  return ColumnInt(column);
}

double SqliteStatement::ColumnDouble(int column) const {
  return sqlite3_column_double(impl_->stmt, column);
}

SqliteDb::SqliteDb(std::string path, std::unique_ptr<Impl> impl)
    : path_(std::move(path)), impl_(std::move(impl)) {}
SqliteDb::~SqliteDb() = default;

StatusOr<std::unique_ptr<SqliteDb>> SqliteDb::Open(const std::string& path, Mode mode) {
  if (mode == Mode::kReadOnly) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      return Status::NotFound("no index at " + path);
    }
  }
  auto impl = std::make_unique<Impl>();
  int flags = mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr) != SQLITE_OK) {
    return Error(impl->db, "cannot open " + path);
  }
  sqlite3_extended_result_codes(impl->db, 0);
  // A writer holding the lock (another `agendum run`) makes us wait briefly
  // instead of failing at once.
  sqlite3_busy_timeout(impl->db, 5000);
  std::unique_ptr<SqliteDb> db(new SqliteDb(path, std::move(impl)));
  AGENDUM_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  return db;
}

Status SqliteDb::Exec(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(impl_->db, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string m = message ? OneLine(message) : "error " + std::to_string(rc);
    sqlite3_free(message);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) return Status::Corrupt(path_ + ": " + m);
    return Status::IoError(path_ + ": " + m);
  }
  return Status::Ok();
}

StatusOr<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  auto impl = std::make_unique<SqliteStatement::Impl>();
  impl->db = impl_->db;
  if (sqlite3_prepare_v3(impl_->db, sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &impl->stmt, nullptr) != SQLITE_OK) {
    return Error(impl_->db, path_);
  }
  assert(impl->stmt != nullptr);  // Our SQL is never empty.
  return SqliteStatement(std::move(impl));
}

int64_t SqliteDb::LastInsertRowId() const { return sqlite3_last_insert_rowid(impl_->db); }

int64_t SqliteDb::TotalChanges() const { return sqlite3_total_changes64(impl_->db); }

}  // namespace agendum
