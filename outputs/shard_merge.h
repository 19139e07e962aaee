// ShardMerge: `agendum merge`, one output folder from the folders of shards.
//
// Each shard folder is the --out of one `agendum run --shard K/N` (its
// agendum.sqlite, records.jsonl and run-report.json). Merging copies every
// document of every shard's index into a fresh index, writes records.jsonl
// from it in path order (the order one unsharded run over a folder gives),
// and a run-report.json listing every shard's files in path order with
// summed totals. The result depends only on the shard folders, never on
// what OUT held before, so merging twice gives the same files; each output
// is built beside the old one and renamed into place. A path found in two
// shards keeps the later shard's version.
#pragma once

#include <string>
#include <vector>

#include "pipeline/status.h"

namespace agendum {

struct MergeResult {
  int shards = 0;
  int documents = 0;  // in the merged index
  int duplicates = 0; // documents a later shard replaced
};

// kNotFound when a shard folder has no agendum.sqlite (it was run with
// --no-index), kSetup when one is not an agendum index.
StatusOr<MergeResult> MergeShards(const std::vector<std::string>& shard_dirs,
                                  const std::string& out_dir);

}  // namespace agendum
