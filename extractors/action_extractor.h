// ActionExtractor: see the .cc file's opening comment for the formats it knows.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

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
  // Owners named by any of `cues` in sentence `s`; pronouns resolve to the
  // person named before them, else to `last_owner`.
  std::vector<std::string> OwnersIn(std::string_view s, const std::vector<const RE2*>& cues,
                                    const std::string* last_owner) const;
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
