// ActionExtractor: see the .cc file's opening comment for the formats it knows.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace agendum {

class ActionExtractor : public Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "actions"; }
  Status Run(Document* doc) const override;

 private:
  explicit ActionExtractor(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
