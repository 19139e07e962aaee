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
#include "pipeline/dates.h"

namespace agendum {
namespace {

constexpr size_t kLeadInBytes = 100;

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

std::vector<std::string> Cells(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  if (line.rfind("| ", 0) == 0) {  // an empty first cell
    out.emplace_back();
    start = 2;
  }
  while (true) {
    size_t bar = line.find(" | ", start);
    std::string cell(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (!cell.empty() && cell[0] == '|') cell.erase(0, 1);
    while (!cell.empty() && (cell.back() == '|' || cell.back() == ' ')) cell.pop_back();
    while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
    out.push_back(cell);
    if (bar == std::string_view::npos) break;
    start = bar + 3;
  }
  return out;
}

std::string CleanOwner(std::string owner) {
  if (owner.rfind("The ", 0) == 0 || owner.rfind("the ", 0) == 0) owner.erase(0, 4);
  if (owner.rfind("Parish ", 0) == 0 && owner.find("Clerk") != std::string::npos) owner = "Clerk";
  return owner;
}

// Minutes often restate an action-log row in the text ("HD will progress with
// the survey" beside the row "20 mph - HD to progress with survey"): the row
// is the record, the restatement is dropped.
void DropRepeatsOfTableRows(Document* doc, size_t first_new) {
  std::vector<size_t> rows, prose;
  for (size_t i = first_new; i < doc->records.size(); ++i) {
    const Record& r = doc->records[i];
    if (r.kind != Kind::kAction) continue;
    (r.why.count("kind") && r.why.at("kind") == "action-log table row" ? rows : prose).push_back(i);
  }
  std::vector<size_t> drop;
  for (size_t i : prose) {
    for (size_t j : rows) {
      if (WordOverlap(doc->records[i].text, doc->records[j].text) >= 0.5) {
        drop.push_back(i);
        break;
      }
    }
  }
  for (auto it = drop.rbegin(); it != drop.rend(); ++it) doc->records.erase(doc->records.begin() + *it);
}

}  // namespace

// Columns of the action-log table being read; action < 0 when none is open.
struct ActionExtractor::TableColumns {
  int label = -1, action = -1, owner = -1, due = -1, status = -1;
};

void ActionExtractor::ReadTableRow(Document* doc, Span body, TableColumns* table,
                                   std::set<size_t>* taken) const {
  const PatternTable& p = corpus_->patterns;
  std::string_view line = doc->Slice(body);
  std::vector<std::string> cells = Cells(line);
  // A header row opens a table when one of its cells names the action.
  int action = -1;
  for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
    if (RE2::FullMatch(cells[i], p.Get("actions.column_action"))) action = i;
  }
  if (action >= 0) {
    *table = TableColumns();
    table->action = action;
    for (int i = 0; i < static_cast<int>(cells.size()); ++i) {
      if (RE2::FullMatch(cells[i], p.Get("actions.column_label"))) table->label = i;
      if (RE2::FullMatch(cells[i], p.Get("actions.column_owner"))) table->owner = i;
      if (RE2::FullMatch(cells[i], p.Get("actions.column_due"))) table->due = i;
      if (RE2::FullMatch(cells[i], p.Get("actions.column_status"))) table->status = i;
    }
    return;
  }
  if (table->action < 0 || table->action >= static_cast<int>(cells.size())) return;
  const std::string& text = cells[table->action];
  if (text.size() < 4) return;
  size_t at = line.find(text);
  Span span = at == std::string_view::npos ? body : Span{body.begin + at, body.begin + at + text.size()};
  Record r = MakeRecord(*doc, Kind::kAction, span);
  if (!taken->insert(r.span.begin).second) return;
  r.parent = ItemAt(*doc, r.span.begin);
  auto cell = [&](int i) -> std::string {
    return i >= 0 && i < static_cast<int>(cells.size()) ? cells[i] : std::string();
  };
  if (!cell(table->label).empty()) r.label = cell(table->label);
  re2::StringPiece names;
  const std::string owner_cell = cell(table->owner);
  if (RE2::PartialMatch(owner_cell, p.Get("actions.owner_cell"), &names)) {
    for (auto& o : SplitOwners(names)) r.owners.push_back(CleanOwner(o));
  }
  const std::string status_cell = cell(table->status);
  if (RE2::PartialMatch(status_cell, p.Get("actions.status_complete"))) {
    r.status = "complete";
    r.why["status"] = status_cell.substr(0, 40);
  }
  if (auto date = FindDate(p, cell(table->due))) r.due = date->iso;
  r.why["kind"] = "action-log table row";
  doc->Add(std::move(r));
}

std::vector<std::string> ActionExtractor::OwnersIn(std::string_view s,
                                                  const std::vector<const RE2*>& cues,
                                                  const std::string* last_owner) const {
  const PatternTable& p = corpus_->patterns;
  std::vector<std::string> owners;
  for (const RE2* cue : cues) {
    re2::StringPiece sp(s.data(), s.size());
    size_t pos = 0;
    re2::StringPiece g[2];
    while (pos < sp.size() && cue->Match(sp, pos, sp.size(), RE2::UNANCHORED, g, 2)) {
      std::string o(g[1]);
      pos = (g[0].data() - s.data()) + g[0].size();
      if (o == "He" || o == "She" || o == "he" || o == "she") {
        // The pronoun stands for the last person named before it, in this
        // sentence or earlier.
        std::string named;
        re2::StringPiece before(s.data(), g[1].data() - s.data());
        re2::StringPiece person;
        while (RE2::FindAndConsume(&before, p.Get("actions.person"), &person)) named = std::string(person);
        o = !named.empty() ? named : *last_owner;
        if (o.empty()) continue;
      }
      if (RE2::FullMatch(o, p.Get("actions.not_owner"))) continue;
      for (auto& part : SplitOwners(o)) {
        std::string clean = CleanOwner(part);
        if (std::find(owners.begin(), owners.end(), clean) == owners.end()) owners.push_back(clean);
      }
    }
  }
  return owners;
}

StatusOr<std::unique_ptr<Extractor>> ActionExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(corpus->patterns.Require(
      {"actions.bracketed", "actions.prefix", "actions.agreed_to", "actions.owner_to",
       "actions.clerk_advised", "actions.not_owner", "actions.column_label", "actions.column_action",
       "actions.column_owner", "actions.column_due", "actions.column_status", "actions.owner_cell",
       "actions.status_complete", "actions.owner_will_mid", "actions.owner_passive",
       "actions.accepted_offer", "actions.work_for_role", "actions.clerk_advised_would",
       "actions.pronoun_will", "actions.person"}));
  return std::unique_ptr<Extractor>(new ActionExtractor(std::move(corpus)));
}

Status ActionExtractor::Run(Document* doc) const {
  if (doc->doc_type != DocType::kMinutes && doc->doc_type != DocType::kOther) return Status::Ok();
  const PatternTable& p = corpus_->patterns;
  const RE2& bracketed = p.Get("actions.bracketed");
  const RE2& prefix = p.Get("actions.prefix");
  std::vector<const RE2*> owner_cues;
  for (const char* id : {"actions.agreed_to", "actions.owner_to", "actions.clerk_advised",
                         "actions.owner_will_mid", "actions.owner_passive", "actions.accepted_offer",
                         "actions.work_for_role", "actions.clerk_advised_would",
                         "actions.pronoun_will"}) {
    owner_cues.push_back(&p.Get(id));
  }
  const size_t first_new = doc->records.size();
  std::set<size_t> taken;
  std::string last_owner;
  TableColumns table;
  auto add = [&](Span span, std::vector<std::string> owners, const std::string& why) {
    Record r = MakeRecord(*doc, Kind::kAction, span);
    if (r.text.size() < 6 || !taken.insert(r.span.begin).second) return;
    r.owners = std::move(owners);
    r.parent = ItemAt(*doc, r.span.begin);
    r.why["kind"] = why;
    doc->Add(std::move(r));
  };
  for (const ItemRange& item : ItemRanges(*doc)) {
    for (int i = std::max(0, item.first_block); i < item.end_block; ++i) {
      Span body = doc->blocks[i].body;
      if (i == item.heading_block && item.record >= 0) {
        body.begin = std::min(body.end, std::max(body.begin, doc->records[item.record].span.end));
      }
      while (body.begin < body.end && doc->text[body.begin] == ' ') ++body.begin;
      std::string_view text = doc->Slice(body);
      re2::StringPiece owner;
      if (text.find(" | ") != std::string_view::npos || text.rfind("| ", 0) == 0) {
        ReadTableRow(doc, body, &table, &taken);
        continue;
      }
      table.action = -1;
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
      // In a bulleted list each bullet is one action with all its owners
      // (Stoke Ferry "matters arising"); elsewhere each sentence is.
      bool bulleted = false;
      for (Span unit : BulletItems(*doc, body, &bulleted)) {
        std::vector<std::string> unit_owners;
        std::vector<Span> sentences = Sentences(*doc, unit);
        Span acted{0, 0};  // from the first to the last sentence with an owner
        for (size_t k = 0; k < sentences.size(); ++k) {
          Span sentence = sentences[k];
          std::string_view s = doc->Slice(sentence);
          if (!s.empty() && s.back() == '?') continue;
          std::vector<std::string> owners = OwnersIn(s, owner_cues, &last_owner);
          if (owners.empty()) continue;
          last_owner = owners.back();
          if (!bulleted) {
            add(sentence, owners, "owner cue");
            continue;
          }
          if (acted.size() == 0) {
            acted.begin = sentence.begin;
            // A short opening sentence says what the bullet is about ("Pot
            // hole opposite factory was getting worse ...").
            if (k == 1 && sentences[0].size() <= kLeadInBytes) acted.begin = sentences[0].begin;
          }
          acted.end = sentence.end;
          for (auto& o : owners) {
            if (std::find(unit_owners.begin(), unit_owners.end(), o) == unit_owners.end()) {
              unit_owners.push_back(o);
            }
          }
        }
        if (bulleted && !unit_owners.empty()) add(acted, unit_owners, "owner cue (bullet)");
      }
    }
  }
  DropRepeatsOfTableRows(doc, first_new);
  return Status::Ok();
}

}  // namespace agendum
