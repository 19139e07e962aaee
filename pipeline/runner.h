// Runner: a batch of input files through the Pipeline on N threads.
//
// Documents are processed in parallel and handed to the writers in input
// order as soon as each is done, holding at most a small window of finished
// documents, so memory does not grow with the number of files. A failure in
// one file is recorded and the batch goes on.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

namespace agendum {

struct InputFile {
  std::string path;
};

struct CollectResult {
  std::vector<InputFile> files;         // supported files, in a stable order
  std::vector<std::string> skipped;     // "path: reason"
  std::vector<std::string> missing;     // inputs that do not exist
};

// Expands files and folders (recursively, symlinks followed once with loops
// detected) into the supported input files, sorted within each folder.
CollectResult CollectInputs(const std::vector<std::string>& inputs);

// Where each document is processed (issue 8).
enum class Isolation {
  // In a worker process (pipeline/worker_pool.h): a crash, hang or runaway
  // allocation in Poppler costs that file only.
  kProcess,
  // On a thread of this process: for debuggers, sanitizers and callers that
  // cannot fork. A crash in one file ends the run.
  kThread,
};

struct RunOptions {
  int jobs = 1;
  // Called on the writer thread for each finished file (progress, stderr).
  std::function<void(const FileResult&)> on_file;
  Isolation isolation = Isolation::kProcess;
  // kProcess only: a worker still busy with one file after this long is
  // killed and the file fails as kTimedOut; 0 = no limit.
  double file_timeout_seconds = 120;
  // kProcess only: address-space limit of each worker (setrlimit RLIMIT_AS);
  // a file that needs more fails as kOutOfMemory; 0 = no limit.
  size_t file_memory_bytes = size_t{2} << 30;
};

// Runs every file; returns the first writer error (a setup or disk problem),
// never a per-file failure.
Status RunBatch(const Pipeline& pipeline, const std::vector<InputFile>& files,
                const RunOptions& options, const std::vector<Writer*>& writers);

}  // namespace agendum
