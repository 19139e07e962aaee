// Shards: a deterministic split of a batch by the content of its files.
//
// `agendum run --shard K/N` keeps the files whose bytes hash to shard K of N,
// so N machines given the same inputs (a Kubernetes Indexed Job, a Slurm
// array, GNU parallel over ssh) each take one shard with no coordination and
// `agendum merge` combines their outputs. The key is the SHA-256 of the
// bytes, as in every record id: a paper filed twice, or moved, stays in the
// same shard. Deciding costs one read of every input file (hashed at
// gigabytes per second); a file that cannot be read goes to the shard of its
// path, so exactly one shard reports it. Thread-compatible free functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeline/runner.h"
#include "pipeline/status.h"

namespace agendum {

struct ShardSpec {
  int index = 0;  // K, 0-based, as Kubernetes' JOB_COMPLETION_INDEX
  int count = 1;  // N
};

// "K/N" with 0 <= K < N <= 100000; kInvalidArgument otherwise.
StatusOr<ShardSpec> ParseShard(std::string_view text);

// The shard of a lower-case hex SHA-256: its first 16 hex digits as a
// big-endian integer, modulo `count`. REQUIRES: count >= 1.
int ShardOfSha(std::string_view sha256_hex, int count);

// The files of `shard`, in their input order. Reads every file.
std::vector<InputFile> SelectShard(const std::vector<InputFile>& files, ShardSpec shard);
// The same with the files' SHA-256s known (`sha256s[i]` of `files[i]`, ""
// for a file that cannot be read), e.g. from the index's file stamps, so a
// re-run reads nothing to decide.
std::vector<InputFile> SelectShard(const std::vector<InputFile>& files,
                                   const std::vector<std::string>& sha256s, ShardSpec shard);

}  // namespace agendum
