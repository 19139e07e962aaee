// RecommendationExtractor: recommendations not (yet) resolved -> records.
//
// Formats: a report's "Recommendation(s):" section (its list items, or its
// paragraphs after "Cabinet is asked to:"; Kent reports print the block twice,
// so repeats are dropped), and prose in scrutiny, audit and peer-review
// reports and minutes ("The CPC recommended that ...", "Another
// recommendation made ... was ...", "X's recommendation would be that ...";
// seed 003, Souldern 2024). Pointers to other recommendations are skipped.
#include "extractors/recommendation_extractor.h"

#include <algorithm>
#include <set>

#include "extractors/extract_util.h"
#include "extractors/sections.h"
#include "pipeline/segment.h"

namespace agendum {
namespace {

// A recommendations section longer than this has lost its end.
constexpr int kMaxSectionBlocks = 40;

}  // namespace

StatusOr<std::unique_ptr<Extractor>> RecommendationExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"recommendations.not_pointer", "recommendations.asked_to", "recommendations.source_possessive",
       "recommendations.source_subject"}));
  return std::unique_ptr<Extractor>(new RecommendationExtractor(std::move(corpus)));
}

Status RecommendationExtractor::Run(Document* doc) const {
  if (doc->doc_type == DocType::kDecisionNotice) return Status::Ok();
  const PatternTable& p = corpus_->patterns;
  std::set<std::string> seen_text;
  std::vector<WordBag> seen_words;  // of each seen text, made once (issue 7)
  std::set<size_t> taken;
  auto add = [&](Span span, const std::string& label, const std::string& why) -> Record* {
    Record r = MakeRecord(*doc, Kind::kRecommendation, span);
    if (r.text.size() < 8 || !taken.insert(r.span.begin).second) return nullptr;
    // Reports print the recommendations twice, sometimes reworded slightly.
    WordBag words = BagOfWords(r.text);
    for (const WordBag& seen : seen_words) {
      // F1 is at most 2 min / (a + b): lengths this far apart cannot reach 0.9.
      const double a = static_cast<double>(seen.words.size());
      const double b = static_cast<double>(words.words.size());
      if (2 * std::min(a, b) < 0.89 * (a + b)) continue;
      if (WordOverlap(seen, words) >= 0.9) return nullptr;
    }
    if (seen_text.insert(r.text).second) seen_words.push_back(std::move(words));
    if (!label.empty()) r.label = label;
    r.why["kind"] = why;
    r.parent = ItemAt(*doc, r.span.begin);
    return &doc->records[doc->Add(std::move(r))];
  };
  // 1. Recommendation sections of reports.
  if (doc->doc_type == DocType::kReport || doc->doc_type == DocType::kAgendaPack) {
    for (const Section& s : FindSections(*doc, p)) {
      if (s.name != "recommendations") continue;
      bool listed = false;
      const int end = SectionBodyEnd(*doc, s);
      for (int i = s.first_block(); i < end && i < s.first_block() + kMaxSectionBlocks; ++i) {
        const Block& b = doc->blocks[i];
        std::string_view body = doc->Slice(b.body);
        std::string_view trimmed = body;
        while (trimmed.size() > 1 && (trimmed.back() == '-' || trimmed.back() == ' ')) trimmed.remove_suffix(1);
        if (RE2::PartialMatch(body, p.Get("recommendations.asked_to")) && trimmed.back() == ':') continue;
        if (b.type == BlockType::kHeading && b.style == LabelStyle::kNone) break;
        // A numbered heading ("1. Introduction") starts the report's body.
        char last = body.empty() ? '.' : body.back();
        if (b.style != LabelStyle::kNone && body.size() < 60 && last != '.' && last != ';' &&
            last != ':' && last != ',' && i > s.first_block() &&
            (doc->blocks[i - 1].style != b.style ||
             LabelShape(doc->blocks[i - 1].label_printed) != LabelShape(b.label_printed))) {
          break;
        }
        if (RE2::PartialMatch(body, p.Get("recommendations.not_pointer"))) continue;
        // After a labelled list, an unlabelled paragraph is the report's
        // text, unless it explains the item above it (Sutton reports).
        if (b.style == LabelStyle::kNone && listed) {
          if (b.depth > 0) continue;
          break;
        }
        listed |= b.style != LabelStyle::kNone;
        add(b.body, b.label, "section: Recommendations");
      }
    }
  }
  // 2. Prose recommendations.
  if (doc->doc_type == DocType::kAgenda) return Status::Ok();
  std::vector<const PatternRow*> cues = p.Group("recommendations.sentence_");
  for (const Block& b : doc->blocks) {
    for (Span sentence : Sentences(*doc, b.body)) {
      std::string_view text = doc->Slice(sentence);
      if (RE2::PartialMatch(text, p.Get("recommendations.not_pointer"))) continue;
      const PatternRow* hit = nullptr;
      for (const PatternRow* row : cues) {
        if (RE2::PartialMatch(text, *row->re)) {
          hit = row;
          break;
        }
      }
      if (!hit) continue;
      // "be recommended that" inside a resolution is not a recommendation to someone.
      if (text.find("RESOLVED") != std::string_view::npos) continue;
      Record* r = add(sentence, "", "sentence cue " + hit->id);
      if (!r) continue;
      re2::StringPiece source;
      if (RE2::PartialMatch(r->text, p.Get("recommendations.source_possessive"), &source) ||
          RE2::PartialMatch(r->text, p.Get("recommendations.source_subject"), &source)) {
        std::string s(source);
        if (s != "It" && s != "Officers" && s != "It also") r->source = s;
      }
    }
  }
  return Status::Ok();
}

}  // namespace agendum
