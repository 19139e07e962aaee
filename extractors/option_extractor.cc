// OptionExtractor: alternatives considered -> option records.
//
// Formats: a notice's or report's "Other options:" / "Any alternatives
// considered and rejected:" / "Options considered" section (each list item,
// or each paragraph when unlabelled, is one option with its reasons; seed
// 000, Kent PRODs), and "Option N: ..." paragraphs anywhere in a report.
// Disposition: what the option's own text says (preferred, not recommended),
// else "rejected" inside an alternatives-rejected section of a decision.
#include "extractors/option_extractor.h"

#include <algorithm>
#include <map>
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
  const RE2& labelled = p.Get("options.labelled");
  // Candidates first: a report can list the same option in a summary list
  // and again in its own paragraph (kent_cc 24-00093 decision report).
  struct Candidate {
    Span span;
    std::string label;
    std::string option_number;  // "2" for "Option 2: ..."
    bool rejected_section = false;
    std::string why;
  };
  std::vector<Candidate> candidates;
  auto consider = [&](Span span, std::string label, bool rejected_section, const std::string& why) {
    // "The five options considered were as follows: • Option 1: ... • Option 2: ..."
    bool bulleted = false;
    for (Span unit : BulletItems(*doc, span, &bulleted)) {
      std::string_view text = doc->Slice(unit);
      re2::StringPiece number;
      Candidate c{unit, bulleted ? "" : label, "", rejected_section, why};
      if (RE2::PartialMatch(text, labelled, &number)) c.option_number = std::string(number);
      candidates.push_back(std::move(c));
    }
  };
  const bool notice = doc->doc_type == DocType::kDecisionNotice;
  for (const Section& s : FindSections(*doc, p)) {
    if (s.name != "options") continue;
    std::string heading(doc->Slice(doc->blocks[s.label_block].body));
    bool rejected_section = notice || heading.find("reject") != std::string::npos ||
                            heading.find("Other") != std::string::npos ||
                            heading.find("other") != std::string::npos;
    std::string why = "section: " + heading.substr(0, 40);
    const size_t first = candidates.size();
    if (s.inline_text.size() > 0) consider(s.inline_text, "", rejected_section, why);
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
      consider(span, b.label, rejected_section, why);
    }
    // Where the section names its options ("Option 1: ..."), the paragraphs
    // around them introduce or compare them.
    bool named = std::any_of(candidates.begin() + first, candidates.end(),
                             [](const Candidate& c) { return !c.option_number.empty(); });
    if (named) {
      candidates.erase(std::remove_if(candidates.begin() + first, candidates.end(),
                                      [](const Candidate& c) { return c.option_number.empty(); }),
                       candidates.end());
    }
  }
  if (!notice) {
    for (const Block& b : doc->blocks) {
      if (RE2::PartialMatch(doc->Slice(b.body), labelled)) consider(b.body, "", false, "\"Option N\" paragraph");
    }
  }
  // One record per option: the longest wording, which carries the reasons.
  std::map<std::string, size_t> best_by_number;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const std::string& n = candidates[i].option_number;
    if (n.empty()) continue;
    auto it = best_by_number.find(n);
    if (it == best_by_number.end() || candidates[i].span.size() > candidates[it->second].span.size()) {
      best_by_number[n] = i;
    }
  }
  std::set<size_t> taken;
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    if (!c.option_number.empty() && best_by_number[c.option_number] != i) continue;
    Record r = MakeRecord(*doc, Kind::kOption, c.span);
    if (r.text.size() < 4 || !taken.insert(r.span.begin).second) continue;
    if (RE2::FullMatch(r.text, p.Get("options.none"))) continue;
    if (!c.option_number.empty()) {
      r.label = c.option_number;
    } else if (!c.label.empty()) {
      r.label = c.label;
    }
    r.parent = ItemAt(*doc, r.span.begin);
    if (RE2::PartialMatch(r.text, chosen)) {
      r.disposition = Disposition::kChosen;
      r.why["disposition"] = "stated as chosen";
    } else if (RE2::PartialMatch(r.text, rejected) || c.rejected_section) {
      r.disposition = Disposition::kRejected;
      r.why["disposition"] = c.rejected_section ? "listed under alternatives to the decision"
                                                : "stated as rejected";
    } else {
      r.disposition = Disposition::kConsidered;
    }
    r.why["kind"] = c.why;
    doc->Add(std::move(r));
  }
  return Status::Ok();
}

}  // namespace agendum
