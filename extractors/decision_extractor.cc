#include "extractors/decision_extractor.h"

#include "extractors/extract_util.h"
#include "extractors/sections.h"
#include "pipeline/dates.h"

namespace agendum {
namespace {

std::optional<bool> YesNo(const PatternTable& p, std::string_view value) {
  if (RE2::PartialMatch(value, p.Get("flags.no"))) return false;
  if (RE2::PartialMatch(value, p.Get("flags.yes"))) return true;
  return std::nullopt;
}

}  // namespace

// Votes and the motion's result, when the item's text records them.
void DecisionExtractor::ReadVotes(const Document& doc, const ItemRange& item, Record* d) const {
  const PatternTable& p = corpus_->patterns;
  if (item.first_block >= item.end_block || doc.blocks.empty()) return;
  size_t begin = doc.blocks[item.first_block].span.begin;
  size_t end = doc.blocks[item.end_block - 1].span.end;
  std::string_view text = std::string_view(doc.text).substr(begin, end - begin);
  re2::StringPiece a, b, c;
  if (RE2::PartialMatch(text, p.Get("resolutions.votes_for_against"), &a, &b, &c)) {
    d->votes_for = std::atoi(std::string(a).c_str());
    d->votes_against = std::atoi(std::string(b).c_str());
    if (!c.empty()) d->votes_abstain = std::atoi(std::string(c).c_str());
    d->why["votes"] = "for/against count in the minutes";
  } else if (RE2::PartialMatch(text, p.Get("resolutions.votes_carried_dash"), &a, &b)) {
    d->votes_for = std::atoi(std::string(a).c_str());
    d->votes_against = std::atoi(std::string(b).c_str());
    d->why["votes"] = "vote count after the motion's result";
  }
  re2::StringPiece result;
  if (RE2::PartialMatch(text, p.Get("resolutions.motion_result"), &result)) {
    std::string m(result);
    for (char& ch : m) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    d->motion = m;
  }
}

StatusOr<std::unique_ptr<Extractor>> DecisionExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"flags.yes", "flags.no", "flags.not_callable", "flags.callable", "flags.portfolio_inline",
       "flags.generic_title", "resolutions.votes_for_against", "resolutions.votes_carried_dash",
       "resolutions.motion_result"}));
  return std::unique_ptr<Extractor>(new DecisionExtractor(std::move(corpus)));
}

Status DecisionExtractor::RunNotice(Document* doc) const {
  const PatternTable& p = corpus_->patterns;
  std::vector<Section> sections = FindSections(*doc, p);
  Record d;
  d.kind = Kind::kDecision;
  int first_field = static_cast<int>(doc->blocks.size());
  auto value_of = [&](const Section& s) {
    std::string v = SectionText(*doc, s, 600);
    return v;
  };
  for (size_t k = 0; k < sections.size(); ++k) {
    const Section& s = sections[k];
    first_field = std::min(first_field, s.label_block);
    std::string v = value_of(s);
    std::string first_line(doc->Slice(s.inline_text));
    if (first_line.empty() && s.first_block() < s.end_block) {
      first_line = std::string(doc->Slice(doc->blocks[s.first_block()].body));
    }
    if (s.name == "title" && !d.title && !first_line.empty()) {
      d.title = first_line;
      d.span = s.inline_text.size() ? s.inline_text : doc->blocks[s.first_block()].body;
    } else if (s.name == "decision_maker" && !d.decision_maker) {
      // Kent prints "DECISION TO BE TAKEN BY:" and "DECISION NO:" side by
      // side, with both values on the lines after them.
      if (first_line.empty() && k + 1 < sections.size() && sections[k + 1].name == "decision_number") {
        const Section& next = sections[k + 1];
        if (next.first_block() < next.end_block) {
          first_line = std::string(doc->Slice(doc->blocks[next.first_block()].body));
        }
      }
      if (!first_line.empty()) {
        d.decision_maker = first_line;
        d.why["decision_maker"] = std::string(doc->Slice(doc->blocks[s.label_block].body)).substr(0, 80);
      }
    } else if (s.name == "outcome" && !first_line.empty()) {
      d.outcome = first_line;
    } else if (s.name == "key_decision" && !d.key_decision) {
      d.key_decision = YesNo(p, first_line);
      if (d.key_decision) d.why["key_decision"] = std::string(doc->Slice(doc->blocks[s.label_block].body)).substr(0, 80);
    } else if (s.name == "callable_in" && !d.callable_in) {
      // "Call-in deadline: 5pm on 24 January" says it can be called in.
      std::string label(doc->Slice(doc->blocks[s.label_block].body));
      d.callable_in = RE2::PartialMatch(label, p.Get("flags.callable")) ? std::optional<bool>(true)
                                                                         : YesNo(p, first_line);
      if (d.callable_in) d.why["callable_in"] = std::string(doc->Slice(doc->blocks[s.label_block].body)).substr(0, 80);
    } else if (s.name == "date" && !d.date) {
      if (auto date = FindDate(p, first_line)) d.date = date->iso;
    } else if (s.name == "portfolio_holder" && !d.portfolio_holder && !first_line.empty()) {
      d.portfolio_holder = first_line;
    } else if (s.name == "reasons" && !d.reasons) {
      d.reasons = v;
    } else if (s.name == "interests" && !d.interests && !v.empty()) {
      d.interests = v.substr(0, 300);
    }
  }
  // Title: the field, else the first specific heading before the fields.
  if (!d.title) {
    for (int i = 0; i < first_field && i < static_cast<int>(doc->blocks.size()); ++i) {
      std::string_view body = doc->Slice(doc->blocks[i].body);
      if (doc->blocks[i].type == BlockType::kHeading && !RE2::FullMatch(body, p.Get("flags.generic_title"))) {
        d.title = std::string(body);
        d.span = doc->blocks[i].body;
        break;
      }
    }
  }
  if (!d.title) d.title = doc->title;
  d.text = *d.title;
  re2::StringPiece holder;
  if (!d.portfolio_holder && RE2::PartialMatch(doc->text, p.Get("flags.portfolio_inline"), &holder)) {
    d.portfolio_holder = std::string(holder);
  }
  if (!d.callable_in) {
    if (RE2::PartialMatch(doc->text, p.Get("flags.not_callable"))) {
      d.callable_in = false;
      d.why["callable_in"] = "not eligible for call-in";
    }
  }
  // A notice page titled only "Decision" is known by its subject.
  if (d.title && (doc->title.empty() || RE2::FullMatch(doc->title, p.Get("flags.generic_title")))) {
    doc->title = *d.title;
  }
  int index = doc->Add(std::move(d));
  std::string maker = doc->records[index].decision_maker.value_or("");
  for (int i = 0; i < index; ++i) {
    Record& r = doc->records[i];
    if ((r.kind == Kind::kResolution || r.kind == Kind::kOption) && r.parent < 0) r.parent = index;
    if (r.kind == Kind::kResolution && !maker.empty()) r.decision_maker = maker;
  }
  return Status::Ok();
}

Status DecisionExtractor::Run(Document* doc) const {
  if (doc->doc_type == DocType::kDecisionNotice) return RunNotice(doc);
  if (doc->doc_type != DocType::kMinutes && doc->doc_type != DocType::kOther) return Status::Ok();
  std::string maker = doc->body.value_or("");
  const int existing = static_cast<int>(doc->records.size());
  for (const ItemRange& item : ItemRanges(*doc)) {
    std::vector<int> children;
    for (int i = 0; i < existing; ++i) {
      const Record& r = doc->records[i];
      if (r.kind == Kind::kResolution && r.parent == item.record) children.push_back(i);
    }
    if (children.empty()) continue;
    Record d;
    d.kind = Kind::kDecision;
    if (item.record >= 0) {
      d.title = doc->records[item.record].title;
      d.span = doc->records[item.record].span;
    } else {
      // No item: the heading nearest above the first resolution names it.
      d.span = doc->records[children.front()].span;
      d.title = doc->title;
      for (int b = BlockAt(*doc, d.span.begin) - 1; b >= item.first_block && b >= 0; --b) {
        if (doc->blocks[b].type == BlockType::kHeading) {
          d.title = std::string(doc->Slice(doc->blocks[b].body));
          break;
        }
      }
    }
    d.text = d.title.value_or("");
    if (!maker.empty()) d.decision_maker = maker;
    d.date = doc->meeting_date;
    ReadVotes(*doc, item, &d);
    d.parent = item.record;
    int index = doc->Add(std::move(d));
    for (int c : children) {
      doc->records[c].parent = index;
      if (!maker.empty()) doc->records[c].decision_maker = maker;
    }
  }
  return Status::Ok();
}

}  // namespace agendum
