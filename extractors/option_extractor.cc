// OptionExtractor: alternatives considered -> option records.
//
// Formats: a notice's or report's "Other options:" / "Any alternatives
// considered and rejected:" / "Options considered" section (each list item,
// or each paragraph when unlabelled, is one option with its reasons; seed
// 000, Kent PRODs), and "Option N: ..." paragraphs anywhere in a report.
// Disposition: what the option's own text says (preferred, not recommended),
// else "rejected" inside an alternatives-rejected section of a decision.
#include "extractors/option_extractor.h"

#include <set>

#include "extractors/extract_util.h"
#include "extractors/sections.h"

namespace agendum {

StatusOr<std::unique_ptr<Extractor>> OptionExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"options.labelled", "options.chosen", "options.rejected", "options.none"}));
  return std::unique_ptr<Extractor>(new OptionExtractor(std::move(corpus)));
}

Status OptionExtractor::Run(Document* doc) const {
  if (doc->doc_type != DocType::kDecisionNotice && doc->doc_type != DocType::kReport &&
      doc->doc_type != DocType::kAgendaPack) {
    return Status::Ok();
  }
  const PatternTable& p = corpus_->patterns;
  const RE2& chosen = p.Get("options.chosen");
  const RE2& rejected = p.Get("options.rejected");
  std::set<size_t> taken;
  auto add = [&](Span span, std::string label, bool in_rejected_section, const std::string& why) {
    Record r = MakeRecord(*doc, Kind::kOption, span);
    if (r.text.size() < 4 || !taken.insert(r.span.begin).second) return;
    if (RE2::FullMatch(r.text, p.Get("options.none"))) return;
    if (!label.empty()) r.label = label;
    r.parent = ItemAt(*doc, r.span.begin);
    if (RE2::PartialMatch(r.text, chosen)) {
      r.disposition = Disposition::kChosen;
      r.why["disposition"] = "stated as chosen";
    } else if (RE2::PartialMatch(r.text, rejected) || in_rejected_section) {
      r.disposition = Disposition::kRejected;
      r.why["disposition"] = in_rejected_section ? "listed under alternatives to the decision" : "stated as rejected";
    } else {
      r.disposition = Disposition::kConsidered;
    }
    r.why["kind"] = why;
    doc->Add(std::move(r));
  };
  const bool notice = doc->doc_type == DocType::kDecisionNotice;
  for (const Section& s : FindSections(*doc, p)) {
    if (s.name != "options") continue;
    std::string heading(doc->Slice(doc->blocks[s.label_block].body));
    bool rejected_section = notice || heading.find("reject") != std::string::npos ||
                            heading.find("Other") != std::string::npos ||
                            heading.find("other") != std::string::npos;
    if (s.inline_text.size() > 0) add(s.inline_text, "", rejected_section, "section: " + heading.substr(0, 40));
    int top_depth = -1;
    const int end = SectionBodyEnd(*doc, s);
    for (int i = s.first_block(); i < end; ++i) {
      const Block& b = doc->blocks[i];
      if (b.type == BlockType::kHeading && b.style == LabelStyle::kNone && i > s.first_block()) break;
      if (top_depth < 0) top_depth = b.depth;
      if (b.depth > top_depth) continue;  // sub-points stay with their option
      // An option runs over its sub-points: extend to the next sibling.
      Span span = b.body;
      int j = i + 1;
      while (j < end && doc->blocks[j].depth > top_depth) span.end = doc->blocks[j++].span.end;
      add(span, b.label, rejected_section, "section: " + heading.substr(0, 40));
    }
  }
  if (!notice) {
    re2::StringPiece label;
    for (const Block& b : doc->blocks) {
      std::string_view body = doc->Slice(b.body);
      if (RE2::PartialMatch(body, p.Get("options.labelled"), &label)) {
        add(b.body, std::string(label), false, "\"Option N\" paragraph");
      }
    }
  }
  return Status::Ok();
}

}  // namespace agendum
