// The classifiers, by name. Pre-classifiers run before extraction (document
// type, which extractors consult); the rest label extracted records.
#pragma once

#include <memory>

#include "pipeline/pattern_table.h"
#include "pipeline/stage.h"

namespace agendum {

StatusOr<ClassifierList> MakePreClassifiers(std::shared_ptr<const CorpusData> corpus);
StatusOr<ClassifierList> MakeClassifiers(std::shared_ptr<const CorpusData> corpus);

}  // namespace agendum
