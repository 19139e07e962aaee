// ResolutionExtractor: resolved paragraphs -> resolution records.
//
// Formats it knows, in the order it tries them:
//  - decision notices: the blocks of the "Resolved:"/"Decision:" section
//    (seed 000, Kent records of decision), nested by their labels;
//  - minutes: a block that is only the cue ("RESOLVED", seed 002), a block
//    that opens with it ("RESOLVED: That ...", "Resolved - 1) ... 2) ..."),
//    a "That ..." paragraph (seed 004), and prose sentences that record a
//    decision ("The Parish Council agreed to ...", "This was noted.").
// Sub-paragraphs become their own records with parent_id and label "2(a)".
// Each resolution's parent is its item until the DecisionExtractor runs.
#pragma once

#include <memory>

#include "pipeline/stage.h"

namespace agendum {

class ResolutionExtractor : public Extractor {
 public:
  static StatusOr<std::unique_ptr<Extractor>> Create(std::shared_ptr<const CorpusData> corpus);
  const char* name() const override { return "resolutions"; }
  Status Run(Document* doc) const override;

 private:
  explicit ResolutionExtractor(std::shared_ptr<const CorpusData> corpus) : corpus_(std::move(corpus)) {}
  std::shared_ptr<const CorpusData> corpus_;
};

}  // namespace agendum
