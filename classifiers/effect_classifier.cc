// EffectClassifier: the effect of every resolution from its verb and
// structure (`effects.*` rows, first match wins: "be noted" -> note,
// "delegated authority" -> delegate, "RECOMMENDED to Council" -> recommend).
// A sub-paragraph whose own text states nothing inherits its parent's effect.
#include "classifiers/effect_classifier.h"

namespace agendum {

StatusOr<std::unique_ptr<Classifier>> EffectClassifier::Create(std::shared_ptr<const CorpusData> corpus) {
  for (const PatternRow* row : corpus->patterns.Group("effects.")) {
    if (!EffectFromString(row->value)) return Status::Setup(row->where + ": unknown effect " + row->value);
  }
  return std::unique_ptr<Classifier>(new EffectClassifier(std::move(corpus)));
}

Status EffectClassifier::Run(Document* doc) const {
  std::vector<const PatternRow*> rows = corpus_->patterns.Group("effects.");
  // Parents come before their sub-paragraphs, so one pass sees parents first.
  for (Record& r : doc->records) {
    if (r.kind != Kind::kResolution) continue;
    for (const PatternRow* row : rows) {
      re2::StringPiece match;
      re2::StringPiece input(r.text);
      if (row->re->Match(input, 0, input.size(), RE2::UNANCHORED, &match, 1)) {
        r.effect = EffectFromString(row->value);
        r.why["effect"] = "\"" + std::string(match) + "\"";
        break;
      }
    }
    if (!r.effect && r.parent >= 0 && doc->records[r.parent].kind == Kind::kResolution &&
        doc->records[r.parent].effect) {
      r.effect = doc->records[r.parent].effect;
      r.why["effect"] = "inherited from the paragraph that introduces it";
    }
    if (!r.effect) {
      r.effect = Effect::kOther;
      r.why["effect"] = "no verb cue";
    }
  }
  return Status::Ok();
}

}  // namespace agendum
