// TopicClassifier: one to three service areas for every decision, resolution
// and recommendation, most relevant first, from the weighted lexicon in
// corpus/taxonomy/topics.tsv. A record's own text counts once and its
// decision's (or item's) title twice; resolutions add their decision's text.
#include "classifiers/topic_classifier.h"

#include <algorithm>
#include <cctype>
#include <map>

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

int CountTerm(const std::string& text, const std::string& term) {
  int n = 0;
  for (size_t pos = text.find(term); pos != std::string::npos; pos = text.find(term, pos + 1)) {
    bool left = pos == 0 || !IsWordChar(text[pos - 1]);
    size_t end = pos + term.size();
    // Allow a plural or possessive "s" after the term.
    bool right = end >= text.size() || !IsWordChar(text[end]) ||
                 (text[end] == 's' && (end + 1 >= text.size() || !IsWordChar(text[end + 1])));
    if (left && right) ++n;
  }
  return n;
}

}  // namespace

StatusOr<std::unique_ptr<Classifier>> TopicClassifier::Create(std::shared_ptr<const CorpusData> corpus) {
  const auto& entries = corpus->lexicons.Entries("topics");
  if (entries.empty()) return Status::Setup("corpus/taxonomy/topics.tsv is missing or empty");
  for (const auto& e : entries) {
    if (!TopicFromString(e.key)) return Status::Setup("corpus/taxonomy/topics.tsv: unknown topic " + e.key);
  }
  return std::unique_ptr<Classifier>(new TopicClassifier(std::move(corpus)));
}

Status TopicClassifier::Run(Document* doc) const {
  const auto& entries = corpus_->lexicons.Entries("topics");
  for (int i = 0; i < static_cast<int>(doc->records.size()); ++i) {
    Record& r = doc->records[i];
    if (r.kind != Kind::kDecision && r.kind != Kind::kResolution && r.kind != Kind::kRecommendation) {
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
        context += " " + std::string(doc->Slice(ItemTextSpan(*doc, r.parent)).substr(0, kItemTextBytes));
      }
    } else if (r.parent >= 0) {
      const Record& p = doc->records[r.parent];
      title = p.title.value_or("");
      if (p.kind == Kind::kResolution) context = p.text;
    }
    std::string own = Lower(r.kind == Kind::kDecision ? context : r.text + " " + context);
    std::string heading = Lower(title);
    std::map<Topic, double> score;
    std::map<Topic, std::string> cue;
    for (const auto& e : entries) {
      int n = CountTerm(own, e.term) + 2 * CountTerm(heading, e.term);
      if (!n) continue;
      Topic t = *TopicFromString(e.key);
      score[t] += e.weight * std::min(n, 4);
      if (cue[t].empty()) cue[t] = e.term;
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
      why += (why.empty() ? "" : ", ") + std::string(ToString(t)) + " (\"" + cue[t] + "\")";
    }
    if (!why.empty()) r.why["topics"] = why;
  }
  return Status::Ok();
}

}  // namespace agendum
