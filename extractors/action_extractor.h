// ActionExtractor: see the .cc file's opening comment for the formats it knows.
#pragma once

#include <memory>
#include <set>

#include "pipeline/stage.h"

namespace agendum {

class ActionExtractor : public Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "actions"; }
  Status Run(Document* doc) const override;

 private:
  explicit ActionExtractor(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  struct TableColumns;
  // One "cell | cell" line: a header opens an action log, a row adds an action.
  void ReadTableRow(Document* doc, Span body, TableColumns* table, std::set<size_t>* taken) const;
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
