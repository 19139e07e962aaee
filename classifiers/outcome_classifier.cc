// OutcomeClassifier: the outcome_class of every decision: from the printed
// outcome ("Outcome: Recommendations Approved") through the `outcomes.*`
// rows, else from its resolutions (all noted -> noted; any deferral ->
// deferred; an amendment -> approved_with_amendments; otherwise approved).
#include "classifiers/outcome_classifier.h"

#include <map>

namespace agendum {

StatusOr<std::unique_ptr<Classifier>> OutcomeClassifier::Create(std::shared_ptr<const CorpusData> corpus) {
  for (const PatternRow* row : corpus->patterns.Group("outcomes.")) {
    if (!OutcomeClassFromString(row->value)) return Status::Setup(row->where + ": unknown outcome " + row->value);
  }
  return std::unique_ptr<Classifier>(new OutcomeClassifier(std::move(corpus)));
}

Status OutcomeClassifier::Run(Document* doc) const {
  std::vector<const PatternRow*> rows = corpus_->patterns.Group("outcomes.");
  const PatternRow* amended = corpus_->patterns.Find("outcomes.amended");
  for (int d = 0; d < static_cast<int>(doc->records.size()); ++d) {
    Record& decision = doc->records[d];
    if (decision.kind != Kind::kDecision) continue;
    if (decision.outcome) {
      for (const PatternRow* row : rows) {
        if (RE2::PartialMatch(*decision.outcome, *row->re)) {
          decision.outcome_class = OutcomeClassFromString(row->value);
          decision.why["outcome_class"] = "Outcome: " + *decision.outcome;
          break;
        }
      }
      if (decision.outcome_class) continue;
    }
    int total = 0, noted = 0;
    std::map<Effect, int> effects;
    bool has_amendment = false;
    for (const Record& r : doc->records) {
      if (r.kind != Kind::kResolution || r.parent != d) continue;
      ++total;
      if (r.effect) ++effects[*r.effect];
      if (r.effect == Effect::kNote) ++noted;
      if (amended && RE2::PartialMatch(r.text, *amended->re)) has_amendment = true;
    }
    if (total == 0) continue;
    OutcomeClass oc = OutcomeClass::kApproved;
    std::string why = "resolutions approve";
    if (effects[Effect::kDefer]) {
      oc = OutcomeClass::kDeferred, why = "a resolution defers";
    } else if (effects[Effect::kReject] == total) {
      oc = OutcomeClass::kRejected, why = "its resolutions reject";
    } else if (effects[Effect::kRefer] == total) {
      oc = OutcomeClass::kReferred, why = "its resolutions refer";
    } else if (effects[Effect::kRecommend] == total) {
      oc = OutcomeClass::kRecommended, why = "its resolutions recommend";
    } else if (noted == total) {
      oc = OutcomeClass::kNoted, why = "every resolution notes";
    } else if (has_amendment) {
      oc = OutcomeClass::kApprovedWithAmendments, why = "a resolution approves with a change";
    }
    decision.outcome_class = oc;
    decision.why["outcome_class"] = why;
  }
  return Status::Ok();
}

}  // namespace agendum
