// EffectClassifier: the effect of every resolution from its verb and
// structure (`effects.*` rows, first match wins: "be noted" -> note,
// "delegated authority" -> delegate, "RECOMMENDED to Council" -> recommend).
// Rows whose value is "-" mark subordinate clauses ("having considered and
// noted the responses,", "referred to in paragraph 3") that are blanked out
// first, so a verb inside them decides nothing. A sub-paragraph whose own
// text states nothing inherits its parent's effect.
#include "classifiers/effect_classifier.h"

namespace agendum {
namespace {

constexpr std::string_view kAside = "-";

// Replaces every match of `re` in `text` with spaces, keeping offsets.
void BlankOut(const RE2& re, std::string* text) {
  re2::StringPiece input(*text);
  re2::StringPiece match;
  size_t pos = 0;
  while (pos < input.size() && re.Match(input, pos, input.size(), RE2::UNANCHORED, &match, 1)) {
    size_t begin = match.data() - input.data();
    for (size_t i = begin; i < begin + match.size(); ++i) (*text)[i] = ' ';
    pos = begin + std::max<size_t>(match.size(), 1);
  }
}

// The cue a row found in `text`: its first capturing group that took part in
// the match, else the whole match; nullopt when the row does not match.
std::optional<std::string> FindCue(const RE2& re, const std::string& text) {
  int n = 1 + re.NumberOfCapturingGroups();
  std::vector<re2::StringPiece> groups(n);
  re2::StringPiece input(text);
  if (!re.Match(input, 0, input.size(), RE2::UNANCHORED, groups.data(), n)) return std::nullopt;
  for (int g = 1; g < n; ++g) {
    if (groups[g].data() != nullptr) return std::string(groups[g]);
  }
  return std::string(groups[0]);
}

}  // namespace

StatusOr<std::unique_ptr<Classifier>> EffectClassifier::Create(
    std::shared_ptr<const CorpusData> corpus) {
  for (const PatternRow* row : corpus->patterns.Group("effects.")) {
    if (row->value != kAside && !EffectFromString(row->value)) {
      return Status::Setup(row->where + ": unknown effect " + row->value);
    }
  }
  return std::unique_ptr<Classifier>(new EffectClassifier(std::move(corpus)));
}

Status EffectClassifier::Run(Document* doc) const {
  std::vector<const PatternRow*> asides, verbs;
  for (const PatternRow* row : corpus_->patterns.Group("effects.")) {
    (row->value == kAside ? asides : verbs).push_back(row);
  }
  // Parents come before their sub-paragraphs, so one pass sees parents first.
  for (Record& r : doc->records) {
    if (r.kind != Kind::kResolution) continue;
    std::string text = r.text;
    for (const PatternRow* row : asides) BlankOut(*row->re, &text);
    for (const PatternRow* row : verbs) {
      if (std::optional<std::string> cue = FindCue(*row->re, text)) {
        r.effect = EffectFromString(row->value);
        r.why["effect"] = "\"" + *cue + "\" (" + row->id + ")";
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
