#include "extractors/registry.h"

namespace agendum {

StatusOr<ExtractorList> MakeExtractors(std::shared_ptr<const CorpusData> corpus) {
  ExtractorList list;
  (void)corpus;
  return list;
}

}  // namespace agendum
