// DecisionExtractor: one decision per subject decided -> decision records.
//
// Decision notices (ModernGov "Decision Maker:/Outcome:/Is Key Decision?"
// pages, seed 000; Kent records of decision): one decision from the field
// block. Minutes: one decision per agenda item that has a resolution, with
// the meeting's body and date. Resolutions and options whose parent was the
// item (or nothing) are re-parented to their decision.
#pragma once

#include <memory>

#include "extractors/extract_util.h"
#include "pipeline/stage.h"

namespace agendum {

class DecisionExtractor : public Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "decisions"; }
  Status Run(Document* doc) const override;

 private:
  explicit DecisionExtractor(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  Status RunNotice(Document* doc) const;
  void ReadVotes(const Document& doc, const ItemRange& item, Record* d) const;
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
