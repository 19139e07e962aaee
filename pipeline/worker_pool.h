// Worker pool: RunBatch with every document processed in a child process.
//
// Poppler can crash, loop or allocate without bound on a crafted PDF; in a
// thread that would end the whole batch. Here `jobs` forked workers each take
// one file at a time (by index, over a socket), run the Pipeline on it and
// send back the finished Document (pipeline/document_codec.h). The parent
// keeps the ordered writer loop: it feeds the writers in input order, and
// when a worker dies, overruns `file_timeout_seconds` (SIGKILL) or its
// `file_memory_bytes` address-space limit, it records that file as failed
// (kCrashed, kTimedOut, kOutOfMemory), starts a fresh worker and goes on.
// Used by RunBatch when RunOptions::isolation is kProcess; call that instead.
// REQUIRES: no other thread runs in this process while the batch runs: a
// worker is forked from it and a lock held by another thread at that moment
// (in the allocator, Poppler or ICU) would never be released in the worker.
#pragma once

#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/runner.h"
#include "pipeline/stage.h"

namespace agendum {

Status RunBatchInWorkers(const Pipeline& pipeline, const std::vector<InputFile>& files,
                         const RunOptions& options, const std::vector<Writer*>& writers);

// False in builds where an address-space limit cannot be set on workers:
// AddressSanitizer reserves terabytes of shadow memory up front, so under it
// `file_memory_bytes` is not applied (timeouts and crash isolation still are).
bool WorkerMemoryLimitSupported();

}  // namespace agendum
