// OutcomeClassifier: the outcome_class of every decision: from the printed
// outcome ("Outcome: Recommendations Approved") through the `outcomes.*`
// rows, else from its resolutions' effects: any deferral -> deferred; with
// nothing approved, delegated or asked for, a refusal, referral,
// recommendation or noting (in that order) -> that class; else an amendment
// -> approved_with_amendments, otherwise approved. Resolutions whose effect is `other` (procedure)
// are left out of the count; when nothing else remains the class is withdrawn (a withdrawal is
// stated) or other. A printed outcome no row recognises, with no resolutions to read, is other.
#include "classifiers/outcome_classifier.h"

#include <map>

namespace agendum {
namespace {

// "approve 2, note 1": the effects a fallback decision was read from.
std::string DescribeEffects(const std::map<Effect, int>& effects) {
  std::string out;
  for (const auto& [effect, count] : effects) {
    if (!out.empty()) out += ", ";
    out += std::string(ToString(effect)) + " " + std::to_string(count);
  }
  return out;
}

bool DescendsFrom(const Document& doc, const Record& r, int ancestor) {
  int guard = 0;
  for (int p = r.parent; p >= 0 && guard < 64; p = doc.records[p].parent, ++guard) {
    if (p == ancestor) return true;
  }
  return false;
}

}  // namespace

StatusOr<std::unique_ptr<Classifier>> OutcomeClassifier::Create(
    std::shared_ptr<const CorpusData> corpus) {
  for (const PatternRow* row : corpus->patterns.Group("outcomes.")) {
    if (!OutcomeClassFromString(row->value))
      return Status::Setup(row->where + ": unknown outcome " + row->value);
  }
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require({"outcomes.amended", "outcomes.withdrawn"}));
  return std::unique_ptr<Classifier>(new OutcomeClassifier(std::move(corpus)));
}

Status OutcomeClassifier::Run(Document* doc) const {
  std::vector<const PatternRow*> rows = corpus_->patterns.Group("outcomes.");
  const RE2& amended = corpus_->patterns.Get("outcomes.amended");
  const RE2& withdrawn = corpus_->patterns.Get("outcomes.withdrawn");
  for (int d = 0; d < static_cast<int>(doc->records.size()); ++d) {
    Record& decision = doc->records[d];
    if (decision.kind != Kind::kDecision) continue;
    if (decision.outcome) {
      for (const PatternRow* row : rows) {
        if (RE2::PartialMatch(*decision.outcome, *row->re)) {
          decision.outcome_class = OutcomeClassFromString(row->value);
          decision.why["outcome_class"] = "Outcome: " + *decision.outcome + " (" + row->id + ")";
          break;
        }
      }
      if (decision.outcome_class) continue;
    }
    int total = 0;
    std::map<Effect, int> effects;
    bool has_amendment = false;
    bool has_withdrawal = false;
    for (const Record& r : doc->records) {
      // Sub-paragraphs count: "RESOLVED that the Council:" says nothing, its
      // "(1) Endorses ..." does (Kent County Council minutes).
      if (r.kind != Kind::kResolution || !DescendsFrom(*doc, r, d)) continue;
      if (RE2::PartialMatch(r.text, amended)) has_amendment = true;
      if (RE2::PartialMatch(r.text, withdrawn)) has_withdrawal = true;
      Effect effect = r.effect.value_or(Effect::kOther);
      ++effects[effect];
      if (effect != Effect::kOther) ++total;
    }
    if (effects.empty()) {
      if (decision.outcome) {
        decision.outcome_class = OutcomeClass::kOther;
        decision.why["outcome_class"] =
            "Outcome: " + *decision.outcome + " (not a recognised outcome)";
      }
      continue;
    }
    auto n = [&](Effect e) {
      auto it = effects.find(e);
      return it == effects.end() ? 0 : it->second;
    };
    int positive = n(Effect::kApprove) + n(Effect::kDelegate) + n(Effect::kRequest);
    OutcomeClass oc = OutcomeClass::kApproved;
    if (n(Effect::kDefer)) {
      oc = OutcomeClass::kDeferred;
    } else if (total == 0) {
      oc = has_withdrawal ? OutcomeClass::kWithdrawn : OutcomeClass::kOther;
    } else if (positive == 0) {
      // Nothing approved: the strongest of what was done decides; noting
      // alongside a refusal or a referral is incidental.
      oc = n(Effect::kReject)      ? OutcomeClass::kRejected
           : n(Effect::kRefer)     ? OutcomeClass::kReferred
           : n(Effect::kRecommend) ? OutcomeClass::kRecommended
                                   : OutcomeClass::kNoted;
    } else if (has_amendment) {
      oc = OutcomeClass::kApprovedWithAmendments;
    }
    decision.outcome_class = oc;
    std::string why = "from its resolutions (" + DescribeEffects(effects) + ")";
    if (oc == OutcomeClass::kApprovedWithAmendments) why += ", one approved with a change";
    if (oc == OutcomeClass::kWithdrawn) why += ", a withdrawal stated";
    if (decision.outcome) why = "Outcome: " + *decision.outcome + " (not recognised); " + why;
    decision.why["outcome_class"] = why;
  }
  return Status::Ok();
}

}  // namespace agendum
