#include "extractors/item_extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include "extractors/extract_util.h"

namespace agendum {
namespace {

constexpr int kMaxItemGap = 10;
constexpr size_t kMinTitleBytes = 6;
constexpr size_t kMaxTitleBytes = 250;  // Kent titles run to two lines
constexpr size_t kMaxCandidates = 5000;  // bounds the quadratic run search

int ItemNumber(const Block& b) {
  std::string key = b.label;
  if (b.style == LabelStyle::kDotted) {
    size_t dot = key.rfind('.');
    key = key.substr(dot + 1);
  }
  return std::atoi(key.c_str());
}

bool TitleShaped(std::string_view title) {
  if (title.size() < 3 || title.size() > kMaxTitleBytes) return false;
  unsigned char first = static_cast<unsigned char>(title[0]);
  if (!std::isupper(first) && !std::isdigit(first)) return false;
  char last = title.back();
  return last != ',' && last != ';';
}

// Page ranges: an item runs to the page where the next top-level item starts;
// an appendix to where the next appendix or item starts.
void SetPageRanges(Document* doc) {
  std::vector<int> items;
  for (int i = 0; i < static_cast<int>(doc->records.size()); ++i) {
    if (doc->records[i].kind == Kind::kItem) items.push_back(i);
  }
  for (size_t k = 0; k < items.size(); ++k) {
    Record& r = doc->records[items[k]];
    r.page_start = r.page;
    size_t end = doc->text.size();
    for (size_t m = k + 1; m < items.size(); ++m) {
      const Record& next = doc->records[items[m]];
      // A report runs over its own appendices.
      if (r.parent < 0 && next.parent == items[k]) continue;
      end = next.span.begin;
      break;
    }
    r.page_end = doc->PageAt(end > 0 ? end - 1 : 0);
  }
}

// A word of four or more letters: "NC / JB" (initials in an action column)
// is not a title.
bool HasWord(std::string_view s) {
  int run = 0;
  for (char c : s) {
    run = std::isalpha(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run >= 4) return true;
  }
  return false;
}

}  // namespace

bool ItemExtractor::RunPack(Document* doc) const {
  const PatternTable& p = corpus_->patterns;
  const auto& blocks = doc->blocks;
  std::vector<int> banners;
  for (int i = 0; i < static_cast<int>(blocks.size()); ++i) {
    if (RE2::FullMatch(doc->Slice(blocks[i].body), p.Get("items.pack_banner"))) banners.push_back(i);
  }
  if (banners.empty()) return false;
  // The front sheet (before the first report) lists "7 Title (Pages 1 - 20)".
  std::map<std::string, std::string> front;
  for (int i = 0; i < banners.front(); ++i) {
    const Block& b = blocks[i];
    re2::StringPiece number, rest;
    if (!RE2::FullMatch(doc->Slice(b.span), p.Get("items.front_entry"), &number, &rest)) continue;
    std::string title(rest);
    RE2::Replace(&title, p.Get("items.pages_ref"), "");
    if (TitleShaped(title)) front[std::string(number)] = title;
  }
  int report = -1;
  for (size_t k = 0; k < banners.size(); ++k) {
    int at = banners[k];
    re2::StringPiece number;
    RE2::FullMatch(doc->Slice(blocks[at].body), p.Get("items.pack_banner"), &number);
    Record r = MakeRecord(*doc, Kind::kItem, blocks[at].body);
    r.number = std::string(number);
    int stop = k + 1 < banners.size() ? banners[k + 1] : static_cast<int>(blocks.size());
    if (auto it = front.find(*r.number); it != front.end()) {
      r.title = it->second;
      r.why["title"] = "front sheet";
    }
    // Else the report's cover: "Subject:" and the line after it.
    for (int i = at + 1; i < stop && i < at + 40 && !r.title; ++i) {
      std::string_view body = doc->Slice(blocks[i].body);
      re2::StringPiece subject;
      if (!RE2::FullMatch(body, p.Get("items.report_subject"), &subject)) continue;
      std::string title(subject);
      if (title.empty() && i + 1 < stop) title = std::string(doc->Slice(blocks[i + 1].body));
      if (!title.empty()) {
        r.title = title;
        r.why["title"] = "Subject: on the report's cover";
      }
    }
    if (!r.title) {
      for (int i = at + 1; i < stop && !r.title; ++i) {
        if (blocks[i].type == BlockType::kHeading) r.title = std::string(doc->Slice(blocks[i].body));
      }
    }
    if (!r.title) r.title = "Agenda Item " + *r.number;
    r.text = *r.title;
    report = doc->Add(std::move(r));
    // Appendices: an "Appendix X" heading first on its page.
    for (int i = at + 1; i < stop; ++i) {
      const Block& b = blocks[i];
      if (i > 0 && blocks[i - 1].page == b.page) continue;
      re2::StringPiece letter, title;
      if (!RE2::FullMatch(doc->Slice(b.body), p.Get("items.appendix"), &letter, &title)) continue;
      // A table appendix repeats its heading on every page.
      std::string appendix = *doc->records[report].number + " Appendix " + std::string(letter);
      if (doc->records.back().number == appendix) continue;
      Record a = MakeRecord(*doc, Kind::kItem, b.body);
      a.number = appendix;
      a.title = std::string(title).empty() ? a.text : std::string(title);
      a.parent = report;
      doc->Add(std::move(a));
    }
  }
  SetPageRanges(doc);
  return true;
}

StatusOr<std::unique_ptr<Extractor>> ItemExtractor::Create(std::shared_ptr<const CorpusData> corpus) {
  AGENDUM_RETURN_IF_ERROR(
      corpus->patterns.Require({"items.banner", "items.item_suffix", "items.run_in_body"}));
  return std::unique_ptr<Extractor>(new ItemExtractor(std::move(corpus)));
}

Status ItemExtractor::Run(Document* doc) const {
  if (doc->doc_type == DocType::kDecisionNotice || doc->doc_type == DocType::kAuditReport ||
      doc->doc_type == DocType::kPeerReview) {
    return Status::Ok();
  }
  if (doc->doc_type == DocType::kReport) {
    RunPack(doc);  // a pack of one report still carries its banner
    return Status::Ok();
  }
  // Minutes reprinted inside a pack keep their own items; packs and
  // agendas are split by their banners.
  if (doc->doc_type != DocType::kMinutes && RunPack(doc)) return Status::Ok();
  const PatternTable& p = corpus_->patterns;
  const RE2& banner = p.Get("items.banner");
  const RE2& suffix = p.Get("items.item_suffix");
  const RE2& run_in = p.Get("items.run_in_body");
  const auto& blocks = doc->blocks;
  // Minutes that name items "Title (Item N)" number their paragraphs, not
  // their items (Kent panels): numbered blocks are then never items.
  bool item_suffixes = false;
  for (const Block& b : blocks) {
    if (b.style == LabelStyle::kNone && RE2::PartialMatch(doc->Slice(b.body), suffix)) {
      item_suffixes = true;
      break;
    }
  }
  // Candidates in text order; numbered ones are filtered to one counting run
  // below.
  struct Candidate {
    Span title;
    std::string number;
    int value = -1;  // the item number, for numbered candidates
    LabelStyle style = LabelStyle::kNone;
    bool markdown = false;
    bool item_suffix = false;  // the title ended at "(Item N)"
  };
  std::vector<Candidate> candidates;
  for (int i = 0; i < static_cast<int>(blocks.size()); ++i) {
    const Block& b = blocks[i];
    std::string_view body = doc->Slice(b.body);
    if (RE2::FullMatch(body, banner) && i + 1 < static_cast<int>(blocks.size())) {
      candidates.push_back({blocks[i + 1].body, "", -1, LabelStyle::kNone, false, false});
      ++i;
      continue;
    }
    // "Apologies and Substitutes (Item 1)": unnumbered minutes (Kent panels)
    // name the agenda item after the title.
    if (b.style == LabelStyle::kNone) {
      re2::StringPiece in(body.data(), body.size());
      re2::StringPiece suffix_match;
      if (suffix.Match(in, 0, in.size(), RE2::UNANCHORED, &suffix_match, 1)) {
        size_t cut = suffix_match.data() - body.data();
        std::string_view title = body.substr(0, cut);
        if (title.empty() && i > 0) {
          // "(Item 3)" alone on its line: the title is the line before.
          const Block& prev = blocks[i - 1];
          if (TitleShaped(doc->Slice(prev.body))) {
            candidates.push_back({prev.body, "", -1, LabelStyle::kNone, false, true});
          }
        } else if (TitleShaped(title)) {
          candidates.push_back({{b.body.begin, b.body.begin + cut}, "", -1, LabelStyle::kNone, false, true});
        }
      }
      continue;
    }
    const bool markdown_heading = doc->text[b.span.begin] == '#' && b.style != LabelStyle::kNone;
    bool numbered = markdown_heading || (b.depth == 0 &&
                    (b.style == LabelStyle::kNumber || b.style == LabelStyle::kMinute ||
                     (b.style == LabelStyle::kDotted && std::count(b.label.begin(), b.label.end(), '.') >= 2)));
    if (!numbered || (item_suffixes && !markdown_heading && b.style != LabelStyle::kMinute)) continue;
    // Title: the body up to "(Item N)" or to where the run-in text starts.
    Span title_span = b.body;
    re2::StringPiece input(body.data(), body.size());
    re2::StringPiece m;
    bool cut = false;
    bool by_suffix = false;
    if (suffix.Match(input, 0, input.size(), RE2::UNANCHORED, &m, 1)) {
      title_span.end = b.body.begin + (m.data() - body.data());
      cut = by_suffix = true;
    } else if (body.size() > 60 || body.back() == '.') {
      // The first place after the title's opening words where text begins.
      size_t from = kMinTitleBytes;
      if (from < input.size() && run_in.Match(input, from, input.size(), RE2::UNANCHORED, &m, 1)) {
        title_span.end = b.body.begin + (m.data() - body.data());
        cut = true;
      }
    }
    std::string_view title = doc->Slice(title_span);
    while (!title.empty() && (title.back() == ' ' || title.back() == ':' || title.back() == '.')) {
      title.remove_suffix(1);
    }
    if (!TitleShaped(title)) continue;
    if (!cut && body.size() > 120) continue;
    candidates.push_back({{title_span.begin, title_span.begin + title.size()}, b.label,
                          ItemNumber(b), b.style, markdown_heading, by_suffix});
  }
  // Kent minutes end every item heading with "(Item N)": where some do, the
  // other numbered lines are paragraphs.
  if (std::any_of(candidates.begin(), candidates.end(),
                  [](const Candidate& c) { return c.value >= 0 && c.item_suffix; })) {
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [](const Candidate& c) { return c.value >= 0 && !c.item_suffix; }),
                     candidates.end());
  }
  // Numbered items count up in small steps. Keep the longest such run of one
  // label style: stray numbers ("28 Mar 18" in a page stamp, "112 SE 4TH ST"
  // in an address list; sutton_coldfield_tc, des_moines) fall outside it.
  const int n = static_cast<int>(std::min<size_t>(candidates.size(), kMaxCandidates));
  std::vector<int> run(n, 0), prev(n, -1);
  int best = -1;
  for (int i = 0; i < n; ++i) {
    const Candidate& c = candidates[i];
    if (c.value < 0 || c.markdown) continue;
    run[i] = 1;
    for (int j = 0; j < i; ++j) {
      const Candidate& earlier = candidates[j];
      if (earlier.value < 0 || earlier.markdown || earlier.style != c.style) continue;
      if (c.value > earlier.value && c.value <= earlier.value + kMaxItemGap && run[j] + 1 > run[i]) {
        run[i] = run[j] + 1;
        prev[i] = j;
      }
    }
    if (best < 0 || run[i] > run[best]) best = i;
  }
  // Minutes with no numbers, banners or "(Item N)": headings are the items.
  if (candidates.empty() && doc->doc_type == DocType::kMinutes) {
    const RE2& colon_title = p.Get("items.colon_title");
    const RE2& not_item = p.Get("items.not_item_title");
    for (int i = 1; i < static_cast<int>(blocks.size()); ++i) {
      const Block& b = blocks[i];
      if (b.style != LabelStyle::kNone) continue;
      std::string_view body = doc->Slice(b.body);
      if (RE2::PartialMatch(body, not_item)) continue;
      re2::StringPiece title;
      if (RE2::PartialMatch(body, colon_title, &title)) {
        candidates.push_back({{b.body.begin, b.body.begin + title.size()}, "", -1,
                              LabelStyle::kNone, false, false});
      } else if (b.type == BlockType::kHeading && TitleShaped(body) && HasWord(body) &&
                 body.find(':') == std::string_view::npos) {
        candidates.push_back({b.body, "", -1, LabelStyle::kNone, false, false});
      }
    }
  }
  std::vector<bool> keep(n, false);
  for (int i = best; i >= 0; i = prev[i]) keep[i] = true;
  for (int i = 0; i < static_cast<int>(candidates.size()) && i < static_cast<int>(kMaxCandidates); ++i) {
    const Candidate& c = candidates[i];
    if (c.value >= 0 && !c.markdown && (i >= n || !keep[i])) continue;
    // The item's span is its title, so later stages read the text after it.
    Record r = MakeRecord(*doc, Kind::kItem, c.title);
    r.title = r.text;
    if (!c.number.empty()) r.number = c.number;
    doc->Add(std::move(r));
  }
  SetPageRanges(doc);
  return Status::Ok();
}

}  // namespace agendum
