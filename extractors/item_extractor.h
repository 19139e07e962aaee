// ItemExtractor: the agenda items of minutes and issue pages -> item records.
//
// Knows three shapes: a ModernGov "Agenda item" banner followed by the title
// (seeds 002, 004); numbered item headings in increasing order ("84.
// Apologies (Item 1)", "68/18 Apologies and Welcome ...", "01.24.03 Finance",
// "# 4. Title"); run-in titles are cut where the minute's text begins.
// In agenda packs, each report stamped "Agenda Item N" is an item, titled from
// the front sheet, with its appendices as child items (issue 5).
// Other extractors use the items as parents and as the scope of their cues.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace agendum {

class ItemExtractor : public Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "items"; }
  Status Run(Document* doc) const override;

 private:
  explicit ItemExtractor(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  // Agenda packs: one item per "Agenda Item N" banner, titled from the front
  // sheet or the report's cover, with its appendices. False when the
  // document has no banners.
  bool RunPack(Document* doc) const;
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
