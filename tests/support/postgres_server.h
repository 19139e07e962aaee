// A throwaway PostgreSQL server for tests (issue 7): a cluster made with
// initdb in a temporary folder, started with pg_ctl on a free loopback port
// with its socket in that folder, stopped and removed when the object goes.
//
// Needs Debian's `postgresql` package (initdb, pg_ctl); when they are absent
// `ok()` is false and `error()` says why, for GTEST_SKIP. As root the server
// runs as `nobody` through runuser(1), since PostgreSQL refuses root.
//
//   auto server = fixtures::PostgresServer::Start();
//   if (!server->ok()) GTEST_SKIP() << server->error();
//   std::string url = server->url();  // postgresql://agendum@127.0.0.1:PORT/postgres
#pragma once

#include <memory>
#include <string>

namespace agendum::fixtures {

class PostgresServer {
 public:
  static std::unique_ptr<PostgresServer> Start();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  bool ok() const { return running_; }
  const std::string& error() const { return error_; }
  // A libpq URL for `database` as the superuser `agendum` (trust auth).
  std::string url(const std::string& database = "postgres") const;

 private:
  PostgresServer() = default;
  std::string RunAs(const std::string& command) const;
  std::string bin_;
  std::string dir_;
  int port_ = 0;
  bool as_nobody_ = false;
  bool running_ = false;
  std::string error_;
};

}  // namespace agendum::fixtures
