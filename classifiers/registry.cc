#include "classifiers/registry.h"

#include "classifiers/doc_type_classifier.h"
#include "classifiers/effect_classifier.h"
#include "classifiers/outcome_classifier.h"
#include "classifiers/topic_classifier.h"

namespace agendum {
namespace {

using Factory = StatusOr<std::unique_ptr<Classifier>> (*)(std::shared_ptr<const CorpusData>);

template <size_t N>
StatusOr<ClassifierList> Build(const Factory (&factories)[N], std::shared_ptr<const CorpusData> corpus) {
  ClassifierList list;
  for (Factory make : factories) {
    AGENDUM_ASSIGN_OR_RETURN(std::unique_ptr<Classifier> c, make(corpus));
    list.push_back(std::move(c));
  }
  return list;
}

}  // namespace

StatusOr<ClassifierList> MakePreClassifiers(std::shared_ptr<const CorpusData> corpus) {
  const Factory factories[] = {&DocTypeClassifier::Create, &MeetingClassifier::Create};
  return Build(factories, std::move(corpus));
}

StatusOr<ClassifierList> MakeClassifiers(std::shared_ptr<const CorpusData> corpus) {
  // Effects before outcomes: a decision's outcome reads its resolutions' effects.
  const Factory factories[] = {&EffectClassifier::Create, &OutcomeClassifier::Create,
                               &TopicClassifier::Create};
  return Build(factories, std::move(corpus));
}

}  // namespace agendum
