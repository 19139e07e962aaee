// EffectClassifier: see the .cc file's opening comment.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace agendum {

class EffectClassifier : public Classifier {
 public:
  static StatusOr<std::unique_ptr<Classifier>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "effect"; }
  Status Run(Document* doc) const override;

 private:
  explicit EffectClassifier(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
