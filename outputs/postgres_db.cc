#include "outputs/postgres_db.h"

#include <dlfcn.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <mutex>

namespace agendum {
namespace {

// libpq is loaded on first use. Linked, it and the ~20 libraries it pulls
// in (Kerberos, LDAP, GnuTLS) were a third of the start-up time of every
// command, and a re-run over an unchanged corpus is mostly start-up (issue 7).
struct Libpq {
#define AGENDUM_LIBPQ_FUNCTIONS(X)                                                              \
  X(PQclear) X(PQconnectdb) X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQfinish)          \
  X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQntuples) X(PQresultErrorField)             \
  X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus)
#define AGENDUM_LIBPQ_POINTER(name) decltype(&::name) name = nullptr;
  AGENDUM_LIBPQ_FUNCTIONS(AGENDUM_LIBPQ_POINTER)
#undef AGENDUM_LIBPQ_POINTER
  std::string error;  // why it could not be loaded; "" when loaded
};

const Libpq& LoadLibpq() {
  static Libpq libpq;
  static std::once_flag once;
  std::call_once(once, [] {
    void* handle = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      const char* why = ::dlerror();
      libpq.error = std::string("cannot load libpq.so.5 (install libpq5): ") + (why ? why : "");
      return;
    }
#define AGENDUM_LIBPQ_RESOLVE(name)                                                   \
  libpq.name = reinterpret_cast<decltype(&::name)>(::dlsym(handle, #name));           \
  if (!libpq.name && libpq.error.empty()) libpq.error = "libpq.so.5 has no " #name;
    AGENDUM_LIBPQ_FUNCTIONS(AGENDUM_LIBPQ_RESOLVE)
#undef AGENDUM_LIBPQ_RESOLVE
  });
  return libpq;
}

}  // namespace

struct PostgresResult::Impl {
  PGresult* result = nullptr;
  ~Impl() {
    if (result) LoadLibpq().PQclear(result);
  }
};

struct PostgresDb::Impl {
  PGconn* conn = nullptr;
  ~Impl() {
    if (conn) LoadLibpq().PQfinish(conn);
  }
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

int PostgresResult::rows() const { return LoadLibpq().PQntuples(impl_->result); }

bool PostgresResult::IsNull(int row, int column) const {
  return LoadLibpq().PQgetisnull(impl_->result, row, column) != 0;
}

std::string PostgresResult::Text(int row, int column) const {
  if (IsNull(row, column)) return "";
  const Libpq& pq = LoadLibpq();
  return std::string(pq.PQgetvalue(impl_->result, row, column),
                     static_cast<size_t>(pq.PQgetlength(impl_->result, row, column)));
}

std::optional<std::string> PostgresResult::OptionalText(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return Text(row, column);
}

std::optional<int64_t> PostgresResult::OptionalInt(int row, int column) const {
  if (IsNull(row, column)) return std::nullopt;
  return std::strtoll(LoadLibpq().PQgetvalue(impl_->result, row, column), nullptr, 10);
}

PostgresDb::PostgresDb(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PostgresDb::~PostgresDb() = default;

StatusOr<std::unique_ptr<PostgresDb>> PostgresDb::Connect(const std::string& url) {
  const Libpq& pq = LoadLibpq();
  if (!pq.error.empty()) return Status::Setup(pq.error);
  auto impl = std::make_unique<Impl>();
  impl->conn = pq.PQconnectdb(url.c_str());
  if (!impl->conn) return Status::Setup("cannot connect to PostgreSQL: out of memory");
  if (pq.PQstatus(impl->conn) != CONNECTION_OK) {
    return Status::Setup("cannot connect to PostgreSQL: " + OneLine(pq.PQerrorMessage(impl->conn)));
  }
  pq.PQsetNoticeProcessor(impl->conn, DropNotice, nullptr);
  std::unique_ptr<PostgresDb> db(new PostgresDb(std::move(impl)));
  AGENDUM_RETURN_IF_ERROR(db->Exec("SET client_encoding = 'UTF8'"));
  return db;
}

Status PostgresDb::Exec(std::string_view sql) {
  const Libpq& pq = LoadLibpq();
  std::string text(sql);
  PostgresResult owned(std::make_unique<PostgresResult::Impl>());
  owned.impl_->result = pq.PQexec(impl_->conn, text.c_str());
  PGresult* result = owned.impl_->result;
  ExecStatusType status = result ? pq.PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return Status::Ok();
  }
  const char* state = result ? pq.PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  return StatementError(last_sqlstate_, pq.PQerrorMessage(impl_->conn));
}

StatusOr<PostgresResult> PostgresDb::Query(std::string_view sql, const Params& params) {
  const Libpq& pq = LoadLibpq();
  std::string text(sql);
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  PostgresResult owned(std::make_unique<PostgresResult::Impl>());
  owned.impl_->result = pq.PQexecParams(impl_->conn, text.c_str(), static_cast<int>(values.size()),
                                        nullptr, values.data(), nullptr, nullptr,
                                        /*resultFormat=*/0);
  PGresult* result = owned.impl_->result;
  ExecStatusType status = result ? pq.PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    last_sqlstate_.clear();
    return owned;
  }
  const char* state = result ? pq.PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  return StatementError(last_sqlstate_, pq.PQerrorMessage(impl_->conn));
}

bool IsRetryableSqlState(std::string_view sqlstate) {
  return sqlstate == "40001" || sqlstate == "40P01";
}

}  // namespace agendum
