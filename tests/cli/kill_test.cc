// Issue 8: a run killed with SIGKILL (between or during files) and run again
// leaves exactly what a clean run leaves: records.jsonl byte for byte, and an
// index that answers every query the same, with nothing duplicated or lost.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/cli_runner.h"
#include "tests/support/pdf_fixture.h"

extern char** environ;

namespace agendum {
namespace {

namespace fs = std::filesystem;
using cli::Describe;
using cli::RunAgendum;
using Clock = std::chrono::steady_clock;

// Many small papers (and a few broken ones), so that a kill lands mid-batch.
void WriteBatch(const fixtures::TempDir& dir) {
  for (int i = 0; i < 60; ++i) {
    std::string n = std::to_string(i);
    if (i % 6 == 0) {
      dir.Write("in/pack" + n + ".pdf",
                fixtures::MakePdf({fixtures::PdfPage({n + ". Licensing policy review",
                                                      "RESOLVED that the policy be approved."}),
                                   fixtures::PdfPage({"(a) the fee be set at " + n + " pounds;",
                                                      "(b) the Clerk write to traders."})}));
    } else if (i % 17 == 0) {
      dir.Write("in/broken" + n + ".pdf", fixtures::RandomBytes(900, i));
    } else {
      dir.Write("in/minutes" + n + ".txt",
                "Minutes of the Cabinet held on " + std::to_string(1 + i % 28) +
                    " March 2025\n\n" + n + ". Budget item " + n +
                    "\nRESOLVED that:\n(a) the budget for scheme " + n +
                    " be approved;\n(b) the Director report back.\n"
                    "The Clerk agreed to write to the auditor. (Action: Clerk)\n");
    }
  }
}

// Starts `agendum ARGS...` in `cwd` without waiting; output to /dev/null.
pid_t Spawn(const std::string& cwd, const std::vector<std::string>& args) {
  std::vector<std::string> argv_strings = {AGENDUM_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());
  pid_t pid = -1;
  int err = posix_spawn(&pid, AGENDUM_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  EXPECT_EQ(err, 0) << "posix_spawn failed";
  return err == 0 ? pid : -1;
}

std::string QueryAll(const std::string& cwd, const std::string& out) {
  cli::CommandResult r =
      RunAgendum("query --db " + out + "/agendum.sqlite --limit 0 --sort date --format jsonl",
                 cwd);
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  return r.out;
}

TEST(KillTest, AKilledRunResumesToTheCleanResult) {
  fixtures::TempDir dir;
  WriteBatch(dir);
  auto start = Clock::now();
  cli::CommandResult clean = RunAgendum("run --quiet --jobs 2 --out clean in", dir.path());
  const double clean_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_EQ(clean.exit_code, 2) << "the broken PDFs fail\n" << Describe(clean);
  const std::string clean_records = fixtures::ReadFileOrFail(dir.path() + "/clean/records.jsonl");
  const std::string clean_index = QueryAll(dir.path(), "clean");
  ASSERT_FALSE(clean_records.empty());
  ASSERT_FALSE(clean_index.empty());

  struct Attempt {
    double at;           // fraction of a clean run's time
    const char* index;   // extra option
  };
  const Attempt attempts[] = {{0.1, ""}, {0.3, ""}, {0.5, ""}, {0.7, ""}, {0.9, ""},
                              {0.4, "--no-index"}};
  int killed_mid_run = 0;
  for (size_t k = 0; k < std::size(attempts); ++k) {
    const Attempt& a = attempts[k];
    const std::string out = "killed" + std::to_string(k);
    SCOPED_TRACE(out + " at " + std::to_string(a.at) + " " + a.index);
    std::vector<std::string> args = {"run", "--quiet", "--jobs", "2", "--out", out, "in"};
    if (*a.index) args.insert(args.begin() + 1, a.index);
    pid_t pid = Spawn(dir.path(), args);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::duration<double>(clean_seconds * a.at));
    ::kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    const bool was_killed = WIFSIGNALED(status);
    // Killed before the end, the run has not published records.jsonl.
    if (was_killed && !fs::exists(dir.path() + "/" + out + "/records.jsonl")) ++killed_mid_run;

    std::string again_args = std::string("run --quiet --jobs 2 ") + a.index + " --out " + out + " in";
    cli::CommandResult again = RunAgendum(again_args, dir.path());
    EXPECT_EQ(again.exit_code, 2) << Describe(again);
    EXPECT_EQ(fixtures::ReadFileOrFail(dir.path() + "/" + out + "/records.jsonl"), clean_records)
        << "records.jsonl differs from a clean run's";
    if (!*a.index) {
      EXPECT_EQ(QueryAll(dir.path(), out), clean_index);
    }
    for (const auto& entry : fs::directory_iterator(dir.path() + "/" + out)) {
      EXPECT_NE(entry.path().extension(), ".tmp") << "left behind: " << entry.path();
    }
  }
  // A clean run of a second or so leaves room for most kills to land mid-run;
  // at least a few must have, or this test tested nothing.
  EXPECT_GE(killed_mid_run, 2) << "clean run took " << clean_seconds << " s";
}

}  // namespace
}  // namespace agendum
