#include "extractors/resolution_extractor.h"

#include <map>
#include <cctype>
#include <set>

#include "extractors/extract_util.h"
#include "extractors/sections.h"
#include "pipeline/segment.h"

namespace agendum {
namespace {

// Records being built for one document, with the block each came from.
class Builder {
 public:
  explicit Builder(Document* doc) : doc_(doc) {}

  // Adds a resolution over `span`; `block` is its block (for nesting), -1 for
  // sentence-level records. Returns the record index or -1 when empty/duplicate.
  int Add(Span span, int block, int parent, std::string label, const std::string& why) {
    Record r = MakeRecord(*doc_, Kind::kResolution, span);
    while (!r.text.empty() && (r.text[0] == ':' || r.text[0] == '-' || r.text[0] == ' ')) {
      r.text.erase(0, 1);
      ++r.span.begin;
    }
    if (r.text.size() < 3) return -1;
    if (!taken_.insert(r.span.begin).second) return -1;
    r.parent = parent;
    if (!label.empty()) {
      if (parent >= 0 && doc_->records[parent].label) label = *doc_->records[parent].label + "(" + label + ")";
      r.label = label;
    }
    r.why["kind"] = why;
    int index = doc_->Add(std::move(r));
    if (block >= 0) by_block_[block] = index;
    return index;
  }
  // The resolution made from `block`, or -1.
  int FromBlock(int block) const {
    auto it = by_block_.find(block);
    return it == by_block_.end() ? -1 : it->second;
  }
  bool Taken(size_t begin) const { return taken_.count(begin) > 0; }

 private:
  Document* doc_;
  std::map<int, int> by_block_;
  std::set<size_t> taken_;
};

// Parent for a block's resolution: the resolution of its enclosing list block,
// else `fallback`.
int ParentFor(const Document& doc, const Builder& builder, int block, int fallback) {
  for (int p = doc.blocks[block].parent; p >= 0; p = doc.blocks[p].parent) {
    int r = builder.FromBlock(p);
    if (r >= 0) return r;
  }
  return fallback;
}

}  // namespace

StatusOr<std::unique_ptr<Extractor>> ResolutionExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"resolutions.cue_alone", "resolutions.cue_prefix", "resolutions.that_paragraph",
       "resolutions.not_question", "resolutions.not_reported", "resolutions.inline_label",
       "resolutions.list_intro"}));
  return std::unique_ptr<Extractor>(new ResolutionExtractor(std::move(corpus)));
}

Status ResolutionExtractor::Run(Document* doc) const {
  const PatternTable& p = corpus_->patterns;
  const auto& blocks = doc->blocks;
  Builder builder(doc);

  // 1. Decision notices: the resolved/decision section.
  if (doc->doc_type == DocType::kDecisionNotice) {
    for (const Section& s : FindSections(*doc, p)) {
      if (s.name != "resolved" && s.name != "decision") continue;
      int intro = -1;
      if (s.inline_text.size() > 0) {
        intro = builder.Add(s.inline_text, s.label_block, -1, "", "section: " + s.name);
      }
      for (int i = s.first_block(); i < s.end_block; ++i) {
        const Block& b = blocks[i];
        int parent = ParentFor(*doc, builder, i, b.style == LabelStyle::kNone ? -1 : intro);
        int r = builder.Add(b.body, i, parent, b.label, "section: " + s.name);
        // "Cabinet agree to:" introduces the labelled paragraphs after it.
        std::string_view body = doc->Slice(b.body);
        if (r >= 0 && b.style == LabelStyle::kNone && !body.empty() && body.back() == ':') intro = r;
      }
    }
    return Status::Ok();
  }
  if (doc->doc_type != DocType::kMinutes && doc->doc_type != DocType::kOther) return Status::Ok();

  const RE2& cue_alone = p.Get("resolutions.cue_alone");
  const RE2& cue_prefix = p.Get("resolutions.cue_prefix");
  const RE2& that_paragraph = p.Get("resolutions.that_paragraph");
  const RE2& not_question = p.Get("resolutions.not_question");
  const RE2& not_reported = p.Get("resolutions.not_reported");
  const RE2& inline_label = p.Get("resolutions.inline_label");
  const RE2& list_intro = p.Get("resolutions.list_intro");
  std::vector<const PatternRow*> sentence_cues = p.Group("resolutions.sentence_");
  std::vector<const PatternRow*> end_rows;
  for (const PatternRow* row : p.Group("sections.end")) end_rows.push_back(row);

  for (const ItemRange& item : ItemRanges(*doc)) {
    int item_parent = item.record;
    int first = item.heading_block >= 0 ? item.heading_block : item.first_block;
    // Where an item records its decision with an explicit cue ("RESOLVED:"),
    // the prose before it is discussion (Stoke Ferry minutes propose, then
    // resolve): only cued text counts there.
    bool explicit_cue = false;
    for (int i = first; i < item.end_block && !explicit_cue; ++i) {
      std::string_view body = doc->Slice(blocks[i].body);
      re2::StringPiece input(body.data(), body.size());
      explicit_cue = RE2::FullMatch(body, cue_alone) ||
                     cue_prefix.Match(input, 0, input.size(), RE2::ANCHOR_START, nullptr, 0);
    }
    for (int i = first; i < item.end_block; ++i) {
      Block b = blocks[i];
      if (i == item.heading_block && item.record >= 0) {
        // The heading block's own text starts after the item title.
        b.body.begin = std::min(b.body.end, std::max(b.body.begin, doc->records[item.record].span.end));
        if (b.body.size() == 0) continue;
      }
      std::string_view body = doc->Slice(b.body);
      // Lists that follow an intro: children until the list ends.
      auto take_children = [&](int intro_block, int intro_record, bool until_heading) {
        int j = intro_block + 1;
        for (; j < item.end_block; ++j) {
          const Block& c = blocks[j];
          std::string_view cbody = doc->Slice(c.body);
          bool end = false;
          for (const PatternRow* row : end_rows) end |= RE2::FullMatch(cbody, *row->re);
          if (end) break;
          if (c.style == LabelStyle::kNone) {
            if (!until_heading) break;
            if (c.type == BlockType::kHeading && j > intro_block + 1) break;
          } else if (blocks[intro_block].style != LabelStyle::kNone &&
                     c.depth <= blocks[intro_block].depth) {
            break;  // the next numbered paragraph, not an item of this resolution
          }
          int parent = ParentFor(*doc, builder, j, intro_record >= 0 ? intro_record : item_parent);
          builder.Add(c.body, j, parent, c.label, "follows resolution cue");
        }
        return j - 1;
      };
      re2::StringPiece input(body.data(), body.size());
      re2::StringPiece m;
      if (RE2::FullMatch(body, cue_alone)) {
        i = take_children(i, -1, true);
        continue;
      }
      if (cue_prefix.Match(input, 0, input.size(), RE2::ANCHOR_START, &m, 1)) {
        Span rest{b.body.begin + m.size(), b.body.end};
        std::string_view rest_text = doc->Slice(rest);
        // Inline numbered list inside the paragraph.
        std::vector<std::pair<std::string, size_t>> labels;
        re2::StringPiece rin(rest_text.data(), rest_text.size());
        re2::StringPiece lab;
        size_t pos = 0;
        while (pos < rest_text.size()) {
          re2::StringPiece groups[2];
          if (!inline_label.Match(rin, pos, rin.size(), RE2::UNANCHORED, groups, 2)) break;
          std::string key;
          for (char c : groups[1]) {
            if (std::isalnum(static_cast<unsigned char>(c))) key.push_back(c);
          }
          size_t at = groups[1].data() - rest_text.data();
          if (labels.empty() ? (key == "1" || key == "a")
                             : IsNextLabel(std::isdigit(static_cast<unsigned char>(key[0])) ? LabelStyle::kNumber : LabelStyle::kLetterLower,
                                           labels.back().first, key)) {
            labels.emplace_back(key, at);
          }
          pos = at + groups[1].size();
        }
        if (labels.size() >= 2) {
          if (labels[0].second > 3) {
            builder.Add({rest.begin, rest.begin + labels[0].second}, -1, item_parent, "", "resolution cue");
          }
          for (size_t k = 0; k < labels.size(); ++k) {
            size_t start = rest.begin + labels[k].second;
            size_t label_end = doc->text.find(' ', start);
            size_t stop = k + 1 < labels.size() ? rest.begin + labels[k + 1].second : rest.end;
            builder.Add({label_end, stop}, -1, item_parent, labels[k].first, "resolution cue (inline list)");
          }
          continue;
        }
        if (rest.size() == 0) {
          i = take_children(i, -1, true);
          continue;
        }
        int r = builder.Add(rest, i, item_parent, b.label, "resolution cue");
        if (!rest_text.empty() && rest_text.back() == ':') i = take_children(i, r, false);
        continue;
      }
      // "That ... be approved" paragraphs are resolutions in minutes; in
      // other papers "That said, ..." is just prose (Kent Q&A answers).
      if (doc->doc_type == DocType::kMinutes && b.style == LabelStyle::kNone &&
          RE2::PartialMatch(body, that_paragraph) &&
          !RE2::PartialMatch(body, not_question)) {
        int r = builder.Add(b.body, i, item_parent, "", "\"That ...\" paragraph");
        if (body.back() == ':') i = take_children(i, r, false);
        continue;
      }
      if (RE2::PartialMatch(body, list_intro) && i + 1 < item.end_block) {
        // "The Councillors voted on the following:" then the motion.
        builder.Add(blocks[i + 1].body, i + 1, item_parent, blocks[i + 1].label, "follows \"voted on the following\"");
        ++i;
        continue;
      }
      if (explicit_cue) continue;
      // Prose sentences that record a decision.
      for (Span sentence : Sentences(*doc, b.body)) {
        std::string_view text = doc->Slice(sentence);
        if (RE2::PartialMatch(text, not_question) || RE2::PartialMatch(text, not_reported)) continue;
        for (const PatternRow* row : sentence_cues) {
          if (!RE2::PartialMatch(text, *row->re)) continue;
          builder.Add(sentence, -1, item_parent, "", "sentence cue " + row->id);
          break;
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace agendum
