// ActionExtractor: tasks given to a named person or body -> action records.
//
// Formats: "(Action: Cllr Carlin/Clerk)" after the sentences it applies to
// (seed 002); "Action: X to ..." paragraphs; sentences in which an owner
// agrees, offers or is told to act ("The Clerk agreed to ...", "AS to put on
// g-drive ...", "Cllr X agreed to ...", "He also agreed to ..." with the
// pronoun resolved to the previous owner; Stoke Ferry, Souldern). Owners are
// split on "/", "and" and commas.
#include "extractors/action_extractor.h"

#include <set>

#include "extractors/extract_util.h"

namespace agendum {
namespace {

std::vector<std::string> SplitOwners(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t a = cur.find_first_not_of(" ."), b = cur.find_last_not_of(" .");
    if (a != std::string::npos) out.push_back(cur.substr(a, b - a + 1));
    cur.clear();
  };
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '/' || s[i] == ',' || s[i] == '&') {
      flush();
    } else if (s.substr(i, 5) == " and ") {
      flush();
      i += 4;
    } else {
      cur.push_back(s[i]);
    }
  }
  flush();
  return out;
}

std::string CleanOwner(std::string owner) {
  if (owner.rfind("The ", 0) == 0 || owner.rfind("the ", 0) == 0) owner.erase(0, 4);
  if (owner.rfind("Parish ", 0) == 0 && owner.find("Clerk") != std::string::npos) owner = "Clerk";
  return owner;
}

}  // namespace

StatusOr<std::unique_ptr<Extractor>> ActionExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"actions.bracketed", "actions.prefix", "actions.agreed_to", "actions.owner_to",
       "actions.clerk_advised", "actions.not_owner"}));
  return std::unique_ptr<Extractor>(new ActionExtractor(std::move(corpus)));
}

Status ActionExtractor::Run(Document* doc) const {
  if (doc->doc_type != DocType::kMinutes && doc->doc_type != DocType::kOther) return Status::Ok();
  const PatternTable& p = corpus_->patterns;
  const RE2& bracketed = p.Get("actions.bracketed");
  const RE2& prefix = p.Get("actions.prefix");
  const RE2& not_owner = p.Get("actions.not_owner");
  const std::vector<const RE2*> owner_cues = {&p.Get("actions.agreed_to"), &p.Get("actions.owner_to"),
                                              &p.Get("actions.clerk_advised")};
  std::set<size_t> taken;
  std::string last_owner;
  auto add = [&](Span span, std::vector<std::string> owners, const std::string& why) {
    Record r = MakeRecord(*doc, Kind::kAction, span);
    if (r.text.size() < 6 || !taken.insert(r.span.begin).second) return;
    r.owners = std::move(owners);
    r.why["kind"] = why;
    doc->Add(std::move(r));
  };
  for (const ItemRange& item : ItemRanges(*doc)) {
    for (int i = std::max(0, item.first_block); i < item.end_block; ++i) {
      Span body = doc->blocks[i].body;
      if (i == item.heading_block && item.record >= 0) {
        body.begin = std::min(body.end, std::max(body.begin, doc->records[item.record].span.end));
      }
      std::string_view text = doc->Slice(body);
      re2::StringPiece owner;
      // "(Action: X/Y)": the sentences before it in the same paragraph.
      re2::StringPiece input(text.data(), text.size());
      re2::StringPiece groups[2];
      if (bracketed.Match(input, 0, input.size(), RE2::UNANCHORED, groups, 2)) {
        size_t at = groups[0].data() - text.data();
        std::vector<Span> sentences = Sentences(*doc, {body.begin, body.begin + at});
        // Keep the last two sentences: the request and the undertaking.
        Span span{sentences.size() > 2 ? sentences[sentences.size() - 2].begin : body.begin,
                  body.begin + at};
        if (sentences.size() > 2) span.begin = sentences[sentences.size() > 3 ? 1 : 0].begin;
        add(span, SplitOwners(groups[1]), "(Action: ...)");
        continue;
      }
      if (RE2::FullMatch(text, prefix, &owner)) {
        std::string_view rest(owner.data(), owner.size());
        size_t to = rest.find(" to ");
        std::vector<std::string> owners;
        if (to != std::string_view::npos && to < 40) {
          for (auto& o : SplitOwners(rest.substr(0, to))) owners.push_back(CleanOwner(o));
        }
        add({body.begin + (rest.data() - text.data()), body.end}, owners, "Action: paragraph");
        continue;
      }
      for (Span sentence : Sentences(*doc, body)) {
        std::string_view s = doc->Slice(sentence);
        if (!s.empty() && s.back() == '?') continue;
        std::vector<std::string> owners;
        for (const RE2* cue : owner_cues) {
          re2::StringPiece sp(s.data(), s.size());
          size_t pos = 0;
          re2::StringPiece g[2];
          while (pos < sp.size() && cue->Match(sp, pos, sp.size(), RE2::UNANCHORED, g, 2)) {
            std::string o(g[1]);
            pos = (g[0].data() - s.data()) + g[0].size();
            if (o == "He" || o == "She") {
              if (last_owner.empty()) continue;
              o = last_owner;
            }
            if (RE2::FullMatch(o, not_owner)) continue;
            for (auto& part : SplitOwners(o)) {
              std::string clean = CleanOwner(part);
              if (std::find(owners.begin(), owners.end(), clean) == owners.end()) owners.push_back(clean);
            }
          }
        }
        if (owners.empty()) continue;
        last_owner = owners.back();
        add(sentence, owners, "owner cue");
      }
    }
  }
  return Status::Ok();
}

}  // namespace agendum
