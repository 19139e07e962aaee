#include "extractors/registry.h"

#include "extractors/action_extractor.h"
#include "extractors/decision_extractor.h"
#include "extractors/item_extractor.h"
#include "extractors/option_extractor.h"
#include "extractors/recommendation_extractor.h"
#include "extractors/resolution_extractor.h"

namespace agendum {

StatusOr<ExtractorList> MakeExtractors(std::shared_ptr<const CorpusData> corpus) {
  // Order matters: items scope the rest; decisions adopt the resolutions and
  // options found before them.
  using Factory = StatusOr<std::unique_ptr<Extractor>> (*)(std::shared_ptr<const CorpusData>);
  const Factory factories[] = {&ItemExtractor::Create,   &ResolutionExtractor::Create,
                               &OptionExtractor::Create, &DecisionExtractor::Create,
                               &RecommendationExtractor::Create, &ActionExtractor::Create};
  ExtractorList list;
  for (Factory make : factories) {
    AGENDUM_ASSIGN_OR_RETURN(std::unique_ptr<Extractor> e, make(corpus));
    list.push_back(std::move(e));
  }
  return list;
}

}  // namespace agendum
