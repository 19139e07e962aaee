// The extractors, by name, in the order they run. Later extractors may read
// the records earlier ones produced (decisions before their resolutions).
#pragma once

#include <memory>

#include "pipeline/pattern_table.h"
#include "pipeline/stage.h"

namespace agendum {

// Builds every extractor against the corpus data; a missing pattern row is a
// setup error.
StatusOr<ExtractorList> MakeExtractors(std::shared_ptr<const CorpusData> corpus);

}  // namespace agendum
