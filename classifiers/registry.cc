#include "classifiers/registry.h"

namespace agendum {

StatusOr<ClassifierList> MakePreClassifiers(std::shared_ptr<const CorpusData> corpus) {
  ClassifierList list;
  (void)corpus;
  return list;
}

StatusOr<ClassifierList> MakeClassifiers(std::shared_ptr<const CorpusData> corpus) {
  ClassifierList list;
  (void)corpus;
  return list;
}

}  // namespace agendum
