// TopicClassifier on the labelled sets in corpus/taxonomy/labelled/ (issue
// 4): short texts in the style of UK council resolutions, each with its gold
// topics. topics_labelled.tsv guided the lexicon; topics_heldout.tsv was
// written after it and is the honest estimate. A text counts as right when
// its first gold topic is among the predicted topics and at most three are
// predicted (the scorer's rule for decision.topics, applied to the most
// relevant topic). The test fails when the labelled set falls below 0.85
// (issue 4) or the held-out set below its floor, and prints the accuracy of
// each and every miss.
#include "classifiers/topic_classifier.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/document.h"
#include "pipeline/pattern_table.h"

namespace agendum {
namespace {

constexpr double kMinimumAccuracy = 0.85;
// The held-out set measured 0.737 when it was written (single sentences with
// no item title, vocabulary the lexicon had not seen). The floor catches
// regressions; it is not a target to tune the lexicon towards.
constexpr double kHeldOutFloor = 0.70;

std::shared_ptr<const CorpusData> Corpus() {
  static const std::shared_ptr<const CorpusData> corpus = [] {
    StatusOr<std::shared_ptr<const CorpusData>> loaded =
        CorpusData::Load(CorpusData::DefaultRoot());
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return loaded.ok() ? *loaded : nullptr;
  }();
  return corpus;
}

struct LabelledText {
  int line = 0;
  std::vector<std::string> gold;
  std::string text;
};

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, ',')) out.push_back(part);
  return out;
}

struct LabelledFile {
  const char* name;
  double minimum;
};
const LabelledFile kLabelledFiles[] = {{"topics_labelled.tsv", kMinimumAccuracy},
                                       {"topics_heldout.tsv", kHeldOutFloor}};

std::vector<LabelledText> LoadLabelledSet(const std::string& file) {
  std::ifstream in(CorpusData::DefaultRoot() + "/taxonomy/labelled/" + file);
  EXPECT_TRUE(in.good()) << "corpus/taxonomy/labelled/" << file << " is missing";
  std::vector<LabelledText> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    EXPECT_NE(tab, std::string::npos) << file << ":" << number << ": expected topics <TAB> text";
    if (tab == std::string::npos) continue;
    out.push_back({number, SplitCommas(line.substr(0, tab)), line.substr(tab + 1)});
  }
  return out;
}

std::vector<Topic> Classify(const Classifier& classifier, const std::string& text) {
  Document doc;
  Record r;
  r.kind = Kind::kResolution;
  r.text = text;
  doc.Add(r);
  EXPECT_TRUE(classifier.Run(&doc).ok());
  return doc.records[0].topics;
}

std::string Join(const std::vector<Topic>& topics) {
  std::string out;
  for (Topic t : topics) out += (out.empty() ? "" : ",") + std::string(ToString(t));
  return out.empty() ? "(none)" : out;
}

TEST(TopicClassifierTest, LabelledSetIsWellFormed) {
  size_t total = 0;
  for (const LabelledFile& labelled : kLabelledFiles) {
    const char* file = labelled.name;
    std::vector<LabelledText> set = LoadLabelledSet(file);
    total += set.size();
    std::set<std::string> first_topics;
    for (const LabelledText& t : set) {
      SCOPED_TRACE(std::string(file) + ":" + std::to_string(t.line));
      ASSERT_FALSE(t.gold.empty());
      EXPECT_LE(t.gold.size(), 3u);
      for (const std::string& g : t.gold) EXPECT_TRUE(TopicFromString(g).has_value()) << g;
      EXPECT_GE(t.text.size(), 20u);
      first_topics.insert(t.gold[0]);
    }
    EXPECT_EQ(first_topics.size(), AllTopics().size())
        << file << ": every topic is somebody's first topic";
  }
  EXPECT_GE(total, 100u);
}

TEST(TopicClassifierTest, LexiconCoversEveryTopic) {
  std::map<std::string, int> terms;
  for (const LexiconEntry& e : Corpus()->lexicons.Entries("topics")) {
    EXPECT_TRUE(TopicFromString(e.key).has_value()) << e.key;
    EXPECT_GT(e.weight, 0) << e.key << " " << e.term;
    ++terms[e.key];
  }
  for (Topic t : AllTopics()) EXPECT_GE(terms[std::string(ToString(t))], 10) << ToString(t);
}

struct Accuracy {
  int right = 0;
  int total = 0;
  double value() const { return total ? static_cast<double>(right) / total : 0; }
};

// Scores one file, printing its accuracy, per-topic counts and misses.
Accuracy Score(const Classifier& classifier, const char* file, std::string* misses) {
  Accuracy accuracy;
  int all_gold = 0;
  std::map<std::string, std::pair<int, int>> per_topic;  // first gold topic -> right, total
  for (const LabelledText& t : LoadLabelledSet(file)) {
    std::vector<Topic> predicted = Classify(classifier, t.text);
    std::set<std::string> names;
    for (Topic p : predicted) names.insert(std::string(ToString(p)));
    bool ok = predicted.size() <= 3 && names.count(t.gold[0]);
    bool every = predicted.size() <= 3;
    for (const std::string& g : t.gold) every = every && names.count(g);
    accuracy.right += ok;
    ++accuracy.total;
    all_gold += every;
    per_topic[t.gold[0]].first += ok;
    per_topic[t.gold[0]].second += 1;
    if (!ok) {
      *misses += "  " + std::string(file) + ":" + std::to_string(t.line) + ": gold " + t.gold[0] +
                 ", predicted " + Join(predicted) + ": " + t.text + "\n";
    }
  }
  std::printf("%s: topic accuracy %.3f (%d/%d); every gold topic predicted %.3f\n", file,
              accuracy.value(), accuracy.right, accuracy.total,
              accuracy.total ? static_cast<double>(all_gold) / accuracy.total : 0);
  for (const auto& [topic, counts] : per_topic) {
    std::printf("  %-26s %d/%d\n", topic.c_str(), counts.first, counts.second);
  }
  return accuracy;
}

TEST(TopicClassifierTest, AccuracyOnTheLabelledSets) {
  StatusOr<std::unique_ptr<Classifier>> classifier = TopicClassifier::Create(Corpus());
  ASSERT_TRUE(classifier.ok()) << classifier.status().ToString();
  Accuracy all;
  std::string misses;
  for (const LabelledFile& labelled : kLabelledFiles) {
    Accuracy a = Score(**classifier, labelled.name, &misses);
    ASSERT_GT(a.total, 0) << labelled.name;
    EXPECT_GE(a.value(), labelled.minimum) << labelled.name;
    all.right += a.right;
    all.total += a.total;
  }
  std::printf("all labelled texts: topic accuracy %.3f (%d/%d)\n", all.value(), all.right,
              all.total);
  if (!misses.empty()) std::printf("misses:\n%s", misses.c_str());
}

// The title of the item a resolution belongs to counts (twice as much as the
// text), so a resolution that names no service area still gets one.
TEST(TopicClassifierTest, ItemTitleCounts) {
  StatusOr<std::unique_ptr<Classifier>> classifier = TopicClassifier::Create(Corpus());
  ASSERT_TRUE(classifier.ok()) << classifier.status().ToString();
  Document doc;
  Record decision;
  decision.kind = Kind::kDecision;
  decision.title = "Household Waste Recycling Centres: Opening Hours";
  decision.text = *decision.title;
  int d = doc.Add(decision);
  Record r;
  r.kind = Kind::kResolution;
  r.text = "That option B be approved.";
  r.parent = d;
  int index = doc.Add(r);
  ASSERT_TRUE((*classifier)->Run(&doc).ok());
  ASSERT_FALSE(doc.records[index].topics.empty());
  EXPECT_EQ(doc.records[index].topics[0], Topic::kWaste) << Join(doc.records[index].topics);
  EXPECT_EQ(doc.records[d].topics.empty() ? "" : std::string(ToString(doc.records[d].topics[0])),
            "waste");
  EXPECT_NE(doc.records[index].why.at("topics").find("waste"), std::string::npos);
}

}  // namespace
}  // namespace agendum
