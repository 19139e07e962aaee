#include "tests/support/postgres_server.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace agendum::fixtures {
namespace {

namespace fs = std::filesystem;

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The folder holding initdb and pg_ctl: pg_config's, else Debian's newest.
std::string FindBinaries() {
  std::vector<std::string> candidates;
  if (FILE* p = ::popen("pg_config --bindir 2>/dev/null", "r")) {
    char line[4096] = {0};
    if (std::fgets(line, sizeof line, p)) {
      std::string dir(line);
      while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
      candidates.push_back(dir);
    }
    ::pclose(p);
  }
  std::error_code ec;
  std::vector<std::string> debian;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    debian.push_back((entry.path() / "bin").string());
  }
  std::sort(debian.rbegin(), debian.rend());
  candidates.insert(candidates.end(), debian.begin(), debian.end());
  for (const std::string& dir : candidates) {
    if (fs::exists(dir + "/initdb", ec) && fs::exists(dir + "/pg_ctl", ec)) return dir;
  }
  return "";
}

int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t size = sizeof addr;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) == 0) {
    port = ntohs(addr.sin_port);
  }
  ::close(fd);
  return port;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string PostgresServer::RunAs(const std::string& command) const {
  return as_nobody_ ? "runuser -u nobody -- " + command : command;
}

std::unique_ptr<PostgresServer> PostgresServer::Start() {
  std::unique_ptr<PostgresServer> server(new PostgresServer());
  server->bin_ = FindBinaries();
  if (server->bin_.empty()) {
    server->error_ =
        "PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql "
        "package (scripts/bootstrap does) to run this test";
    return server;
  }
  server->as_nobody_ = ::geteuid() == 0;
  if (server->as_nobody_ && std::system("command -v runuser >/dev/null 2>&1") != 0) {
    server->error_ = "running as root without runuser(1): cannot start PostgreSQL as nobody";
    return server;
  }
  std::string pattern = (fs::temp_directory_path() / "agendum-pg-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!::mkdtemp(buffer.data())) {
    server->error_ = "cannot make a temporary folder for the cluster";
    return server;
  }
  server->dir_ = buffer.data();
  if (server->as_nobody_) {
    std::string chown = "chown -R nobody:nogroup " + Quote(server->dir_);
    if (std::system(chown.c_str()) != 0) {
      server->error_ = "cannot hand " + server->dir_ + " to nobody";
      return server;
    }
  }
  const std::string data = server->dir_ + "/data";
  const std::string log = server->dir_ + "/server.log";
  std::string initdb = server->RunAs(Quote(server->bin_ + "/initdb") + " -D " + Quote(data) +
                                     " -U agendum -A trust -E UTF8 --locale=C --no-sync") +
                       " >" + Quote(server->dir_ + "/initdb.log") + " 2>&1";
  if (std::system(initdb.c_str()) != 0) {
    server->error_ = "initdb failed: " + ReadAll(server->dir_ + "/initdb.log");
    return server;
  }
  for (int attempt = 0; attempt < 5 && !server->running_; ++attempt) {
    server->port_ = FreePort();
    std::string options = "-p " + std::to_string(server->port_) + " -k " + server->dir_ +
                          " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                          " -c synchronous_commit=off -c max_connections=40";
    std::string start = server->RunAs(Quote(server->bin_ + "/pg_ctl") + " -D " + Quote(data) +
                                      " -l " + Quote(log) + " -w -t 60 -o " + Quote(options) +
                                      " start") +
                        " >/dev/null 2>&1";
    server->running_ = std::system(start.c_str()) == 0;
  }
  if (!server->running_) server->error_ = "pg_ctl start failed: " + ReadAll(log);
  return server;
}

PostgresServer::~PostgresServer() {
  if (running_) {
    std::string stop = RunAs(Quote(bin_ + "/pg_ctl") + " -D " + Quote(dir_ + "/data") +
                             " -m immediate -w stop") +
                       " >/dev/null 2>&1";
    (void)std::system(stop.c_str());
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string PostgresServer::url(const std::string& database) const {
  return "postgresql://agendum@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

}  // namespace agendum::fixtures
