#include "outputs/postgres_db.h"

#include <libpq-fe.h>

#include <cstdlib>

namespace agendum {

struct PostgresResult::Impl {
  PGresult* result = nullptr;
  ~Impl() { PQclear(result); }
};

struct PostgresDb::Impl {
  PGconn* conn = nullptr;
  ~Impl() { PQfinish(conn); }
};

namespace {

std::string OneLine(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  for (char& c : message) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return message;
}

void DropNotice(void*, const char*) {}

Status StatementError(const std::string& sqlstate, std::string message) {
  message = OneLine(std::move(message));
  if (sqlstate.rfind("22", 0) == 0 || sqlstate.rfind("42", 0) == 0) {
    return Status::InvalidArgument(message);
  }
  return Status::IoError(message + (sqlstate.empty() ? "" : " (SQLSTATE " + sqlstate + ")"));
}

}  // namespace

PostgresResult::PostgresResult(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresResult::PostgresResult(PostgresResult&& other) noexcept = default;
PostgresResult& PostgresResult::operator=(PostgresResult&& other) noexcept = default;
PostgresResult::~PostgresResult() = default;

int PostgresResult::rows() const { return PQntuples(impl_->result); }

bool PostgresResult::IsNull(int row, int column) const {
  return PQgetisnull(impl_->result, row, column) != 0;
}

std::string PostgresResult::Text(int row, int column) const {
  if (IsNull(row, column)) return "";
  return std::string(PQgetvalue(impl_->result, row, column),
                     static_cast<size_t>(PQgetlength(impl_->result, row, column)));
}

std::optional<std::string> PostgresResult::OptionalText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

std::optional<int64_t> PostgresResult::OptionalInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return std::strtoll(PQgetvalue(impl_->result, row, column), nullptr, 10);
}

PostgresDb::PostgresDb(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresDb::~PostgresDb() = default;

StatusOr<std::unique_ptr<PostgresDb>> PostgresDb::Connect(const std::string& url) {
  auto impl = std::make_unique<Impl>();
  impl->conn = PQconnectdb(url.c_str());
  if (!impl->conn) return Status::Setup("cannot connect to PostgreSQL: out of memory");
  if (PQstatus(impl->conn) != CONNECTION_OK) {
    return Status::Setup("cannot connect to PostgreSQL: " + OneLine(PQerrorMessage(impl->conn)));
  }
  PQsetNoticeProcessor(impl->conn, DropNotice, nullptr);
  std::unique_ptr<PostgresDb> db(new PostgresDb(std::move(impl)));
  AGENDUM_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'"));
  return db;
}

Status PostgresDb::Exec(std::string_view sql) {
  std::string text(sql);
  PGresult* result = PQexec(impl_->conn, text.c_str());
  PostgresResult owned(std::make_unique<PostgresResult::Impl>());
  owned.impl_->result = result;
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return Status::Ok();
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  return StatementError(last_sqlstate_, PQerrorMessage(impl_->conn));
}

StatusOr<PostgresResult> PostgresDb::Query(std::string_view sql, const Params& params) {
  std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PGresult* result = PQexecParams(impl_->conn, text.c_str(), static_cast<int>(values.size()),
                                  nullptr, values.data(), nullptr, nullptr, /*resultFormat=*/0);
  PostgresResult owned(std::make_unique<PostgresResult::Impl>());
  owned.impl_->result = result;
  ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return owned;
  }
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  return StatementError(last_sqlstate_, PQerrorMessage(impl_->conn));
}

bool IsRetryableSqlState(std::string_view sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

}  // namespace agendum
