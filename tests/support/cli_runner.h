// Running the agendum binary from a test: its exit code and what it printed,
// with the shell quoting and output reading in one place.
//
//   fixtures::TempDir dir;
//   cli::CommandResult r = cli::RunAgendum("run --out out in", dir.path());
//   EXPECT_EQ(r.exit_code, 0) << cli::Describe(r);
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/pdf_fixture.h"

namespace agendum::cli {

struct CommandResult {
  int exit_code = -1;  // -1 when the process died by a signal
  std::string out;
  std::string err;
};

inline std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// Runs a shell command line in `cwd`, capturing its output.
inline CommandResult RunCommand(const std::string& command_line, const std::string& cwd) {
  const std::string out = cwd + "/.stdout";
  const std::string err = cwd + "/.stderr";
  std::string command = "cd " + Quote(cwd) + " && " + command_line + " >" + Quote(out) + " 2>" +
                        Quote(err) + " </dev/null";
  int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = fixtures::ReadFileOrFail(out);
  result.err = fixtures::ReadFileOrFail(err);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return result;
}

// Runs `agendum ARGS` in `cwd`. ARGS goes through the shell: Quote() paths.
inline CommandResult RunAgendum(const std::string& args, const std::string& cwd) {
  return RunCommand(Quote(AGENDUM_BINARY) + " " + args, cwd);
}

// Runs `agendum ARGS` under GNU time; `peak_megabytes` gets its peak resident
// memory (-1 when time did not report it). The report line is removed from
// the result's stderr.
inline CommandResult RunAgendumMeasured(const std::string& args, const std::string& cwd,
                                        long* peak_megabytes) {
  CommandResult r = RunCommand("/usr/bin/time -f 'peak-kb %M' " + Quote(AGENDUM_BINARY) + " " +
                                   args,
                               cwd);
  *peak_megabytes = -1;
  size_t at = r.err.rfind("peak-kb ");
  if (at != std::string::npos) {
    *peak_megabytes = std::atol(r.err.c_str() + at + 8) / 1024;
    r.err.erase(at);
  }
  return r;
}

inline std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::string Describe(const CommandResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out.substr(0, 4000) +
         "--- stderr\n" + r.err.substr(0, 4000);
}

}  // namespace agendum::cli
