// TopicClassifier: one to three service areas for every decision, resolution
// and recommendation, most relevant first, from the weighted lexicon in
// corpus/taxonomy/topics.tsv. A record's own text counts once and its
// decision's (or item's) title twice; resolutions add their parent
// resolution's text. Overlapping terms: the longest wins. The evidence names
// the term that added most to each topic.
#include "classifiers/topic_classifier.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace agendum {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

constexpr size_t kItemTextBytes = 4000;

// From an item's title to the start of the next item (or the end).
Span ItemTextSpan(const Document& doc, int item) {
  size_t begin = doc.records[item].span.begin;
  size_t end = doc.text.size();
  for (const Record& r : doc.records) {
    if (r.kind == Kind::kItem && r.span.begin > begin && r.span.begin < end) end = r.span.begin;
  }
  return {begin, end};
}

bool WordEndsAt(const std::string& text, size_t end) {
  return end >= text.size() || !IsWordChar(text[end]);
}

// A lexicon term as matched: lower case, or (written "^send") the exact
// capitals of an acronym that is also a common word.
struct Term {
  std::string text;
  bool capitals = false;
};

Term ParseTerm(const std::string& term) {
  if (term.size() > 1 && term[0] == '^') {
    std::string upper = term.substr(1);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return {upper, true};
  }
  return {term, false};
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() + 2 && s.substr(s.size() - suffix.size()) == suffix;
}

// Where `term` ends if it occurs at `pos` (a word start) in `text`, the
// ending included; npos if it does not. A plural or possessive ending may
// follow the term ("s", "es"); a term ending in "y" also matches "ies"
// ("authority", "authorities"), and a plural term its singular ("care
// packages", "care package"; "libraries", "library").
size_t MatchAt(const std::string& text, size_t pos, const std::string& term) {
  auto try_stem = [&](std::string_view stem, std::initializer_list<std::string_view> endings) {
    if (text.compare(pos, stem.size(), stem) != 0) return std::string::npos;
    size_t end = pos + stem.size();
    for (std::string_view ending : endings) {
      if (text.compare(end, ending.size(), ending) == 0 && WordEndsAt(text, end + ending.size())) {
        return end + ending.size();
      }
    }
    return std::string::npos;
  };
  std::string_view t(term);
  if (size_t end = try_stem(t, {"", "s", "es"}); end != std::string::npos) return end;
  if (EndsWith(t, "y") && IsWordChar(t[t.size() - 2]))
    return try_stem(t.substr(0, t.size() - 1), {"ies"});
  if (EndsWith(t, "ies")) return try_stem(t.substr(0, t.size() - 3), {"y"});
  if (EndsWith(t, "s") && !EndsWith(t, "ss") && !EndsWith(t, "us") && !EndsWith(t, "is")) {
    return try_stem(t.substr(0, t.size() - 1), {""});
  }
  return std::string::npos;
}

// The lexicon's terms indexed by their first word in lower case, so a text
// is scanned once, word by word, instead of once per term.
class TermIndex {
 public:
  explicit TermIndex(const std::vector<LexiconEntry>& entries) {
    terms_.reserve(entries.size());
    for (int e = 0; e < static_cast<int>(entries.size()); ++e) {
      terms_.push_back(ParseTerm(entries[e].term));
      std::string first = Lower(terms_.back().text);
      size_t n = 0;
      while (n < first.size() && IsWordChar(first[n])) ++n;
      by_first_word_[first.substr(0, n)].push_back(e);
    }
  }

  // How often each entry occurs in `text`. Where matches overlap, the
  // longest wins ("council tax reduction" hides "council tax"); entries with
  // the same term (one term under two topics) all count.
  std::vector<int> Count(std::string_view text) const {
    const std::string original(text);
    const std::string lower = Lower(text);
    struct Hit {
      size_t begin, end;
      int entry;
    };
    std::vector<Hit> hits;
    std::string key;
    for (size_t pos = 0; pos < lower.size();) {
      if (!IsWordChar(lower[pos])) {
        ++pos;
        continue;
      }
      size_t word_end = pos;
      while (word_end < lower.size() && IsWordChar(lower[word_end])) ++word_end;
      std::string_view word(lower.data() + pos, word_end - pos);
      // The first word as a term spells it: as printed, without a plural
      // ending, or as the plural of a singular word.
      std::string keys[6] = {std::string(word)};
      int n = 1;
      if (EndsWith(word, "s")) keys[n++] = std::string(word.substr(0, word.size() - 1));
      if (EndsWith(word, "es")) keys[n++] = std::string(word.substr(0, word.size() - 2));
      if (EndsWith(word, "ies")) keys[n++] = std::string(word.substr(0, word.size() - 3)) + "y";
      if (EndsWith(word, "y")) keys[n++] = std::string(word.substr(0, word.size() - 1)) + "ies";
      keys[n++] = std::string(word) + "s";
      std::vector<int> seen;
      for (int k = 0; k < n; ++k) {
        auto it = by_first_word_.find(keys[k]);
        if (it == by_first_word_.end()) continue;
        for (int e : it->second) {
          if (std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
          seen.push_back(e);
          const Term& term = terms_[e];
          size_t end = MatchAt(term.capitals ? original : lower, pos, term.text);
          if (end != std::string::npos) hits.push_back({pos, end, e});
        }
      }
      pos = word_end;
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
      return a.end - a.begin != b.end - b.begin ? a.end - a.begin > b.end - b.begin
                                                : a.begin < b.begin;
    });
    std::vector<bool> taken(lower.size(), false);
    std::vector<int> counts(terms_.size(), 0);
    size_t group_begin = std::string::npos, group_end = 0;
    for (const Hit& h : hits) {
      if (h.begin != group_begin || h.end != group_end) {
        if (std::any_of(taken.begin() + h.begin, taken.begin() + h.end, [](bool t) { return t; }))
          continue;
        std::fill(taken.begin() + h.begin, taken.begin() + h.end, true);
        group_begin = h.begin;
        group_end = h.end;
      }
      ++counts[h.entry];
    }
    return counts;
  }

  const Term& term(int e) const { return terms_[e]; }

 private:
  std::vector<Term> terms_;
  std::unordered_map<std::string, std::vector<int>> by_first_word_;
};

}  // namespace

StatusOr<std::unique_ptr<Classifier>> TopicClassifier::Create(
    std::shared_ptr<const CorpusData> corpus) {
  const auto& entries = corpus->lexicons.Entries("topics");
  if (entries.empty()) return Status::Setup("corpus/taxonomy/topics.tsv is missing or empty");
  for (const auto& e : entries) {
    if (!TopicFromString(e.key))
      return Status::Setup("corpus/taxonomy/topics.tsv: unknown topic " + e.key);
  }
  return std::unique_ptr<Classifier>(new TopicClassifier(std::move(corpus)));
}

Status TopicClassifier::Run(Document* doc) const {
  const auto& entries = corpus_->lexicons.Entries("topics");
  const TermIndex index(entries);
  for (int i = 0; i < static_cast<int>(doc->records.size()); ++i) {
    Record& r = doc->records[i];
    if (r.kind != Kind::kDecision && r.kind != Kind::kResolution &&
        r.kind != Kind::kRecommendation) {
      continue;
    }
    std::string title;
    std::string context;
    if (r.kind == Kind::kDecision) {
      title = r.title.value_or("");
      for (const Record& c : doc->records) {
        if (c.parent == i && c.kind == Kind::kResolution) context += " " + c.text;
      }
      // The item's own text counts too: what was discussed says what it is about.
      if (r.parent >= 0 && doc->records[r.parent].kind == Kind::kItem) {
        context +=
            " " + std::string(doc->Slice(ItemTextSpan(*doc, r.parent)).substr(0, kItemTextBytes));
      }
    } else if (r.parent >= 0) {
      const Record& p = doc->records[r.parent];
      title = p.title.value_or("");
      if (p.kind == Kind::kResolution) context = p.text;
    }
    std::string own = r.kind == Kind::kDecision ? context : r.text + " " + context;
    std::vector<int> in_text = index.Count(own);
    std::vector<int> in_title = index.Count(title);
    std::map<Topic, double> score;
    std::map<Topic, std::pair<double, std::string>> cue;  // the term that added most
    for (size_t e = 0; e < entries.size(); ++e) {
      int n = in_text[e] + 2 * in_title[e];
      if (!n) continue;
      Topic t = *TopicFromString(entries[e].key);
      double add = entries[e].weight * std::min(n, 4);
      score[t] += add;
      if (add > cue[t].first) cue[t] = {add, index.term(static_cast<int>(e)).text};
    }
    std::vector<std::pair<double, Topic>> ranked;
    for (const auto& [t, s] : score) ranked.emplace_back(s, t);
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    r.topics.clear();
    std::string why;
    for (const auto& [s, t] : ranked) {
      if (r.topics.size() == 3 || s < ranked.front().first * 0.25) break;
      r.topics.push_back(t);
      why += (why.empty() ? "" : ", ") + std::string(ToString(t)) + " (\"" + cue[t].second + "\")";
    }
    if (!why.empty()) r.why["topics"] = why;
  }
  return Status::Ok();
}

}  // namespace agendum
